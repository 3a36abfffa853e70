package io.drillbook.provider.aws;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs {@link LeastPrivilegePolicyTest} after every other test class of the module (named in
 * src/test/resources/junit-platform.properties), so it reads the operations all AWS driver tests recorded;
 * the other classes keep their usual order.
 */
public final class PolicyTestLast implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparing(d -> d.getTestClass() == LeastPrivilegePolicyTest.class));
  }
}
