package io.drillbook.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * The JDK's signal handling ({@code sun.misc.Signal} of the {@code jdk.unsupported} module), the only way a Java
 * process can see a second Ctrl-C while it stops. Reached by reflection so the build stays free of the
 * "internal proprietary API" warnings javac gives for every direct use (and which no annotation silences).
 */
final class JvmSignals {
  private static final Class<?> SIGNAL = type("sun.misc.Signal");
  private static final Class<?> HANDLER = type("sun.misc.SignalHandler");
  private static final Method HANDLE = method(SIGNAL, "handle", SIGNAL, HANDLER);
  private static final Method NUMBER = method(SIGNAL, "getNumber");

  private JvmSignals() {}

  /**
   * Handles the signal {@code name} (e.g. "INT") with {@code onSignal}, which receives the signal's number.
   *
   * @return what handled it before, for {@link #restore}
   * @throws IllegalArgumentException when the JVM keeps the signal for itself (-Xrs) or the platform lacks it
   */
  static Object handle(String name, IntConsumer onSignal) {
    Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER}, (proxy, m, args) -> {
      if (m.getName().equals("handle")) {
        onSignal.accept((int) NUMBER.invoke(args[0]));
        return null;
      }
      return switch (m.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "signal handler for SIG" + name;
      };
    });
    return call(name, handler);
  }

  /** Gives the signal back to what handled it before {@link #handle}. */
  static void restore(String name, Object previous) {
    call(name, previous);
  }

  private static Object call(String name, Object handler) {
    try {
      return HANDLE.invoke(null, SIGNAL.getConstructor(String.class).newInstance(name), handler);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException refused) {
        throw refused;
      }
      throw new IllegalStateException("cannot handle SIG" + name, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot handle SIG" + name, e);
    }
  }

  private static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("this JVM has no " + name + " (module jdk.unsupported)", e);
    }
  }

  private static Method method(Class<?> owner, String name, Class<?>... parameters) {
    try {
      return owner.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(owner.getName() + " has no " + name, e);
    }
  }
}
