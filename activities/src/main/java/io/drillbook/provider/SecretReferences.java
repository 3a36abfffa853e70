package io.drillbook.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the secret references a plan may hold ({@code env:NAME}, {@code file:/path}). Cloud secret
 * stores ({@code aws-secretsmanager:}, {@code azure-keyvault:}) are resolved by their providers; here they
 * fail with a clear message rather than silently resolving to nothing.
 */
public final class SecretReferences implements ActionContext.SecretResolver {
  private final Map<String, String> env;

  public SecretReferences(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Optional<String> resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      return Optional.empty();
    }
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      String v = env.get(name);
      if (v == null) {
        throw new ActionFailure("credentials reference " + reference + " names an environment variable that is not set"
            + " in the worker's environment: export " + name + " before starting the worker");
      }
      return Optional.of(v);
    }
    if (reference.startsWith("file:")) {
      Path p = Path.of(reference.substring(5));
      try {
        return Optional.of(Files.readString(p).strip());
      } catch (IOException e) {
        throw new ActionFailure("credentials reference " + reference + " cannot be read by the worker ("
            + e.getClass().getSimpleName() + "): check the path and its permissions");
      }
    }
    throw new ActionFailure("credentials reference " + reference.replaceAll(":.*", ":…")
        + " is not supported by this build: use env:NAME or file:/path");
  }
}
