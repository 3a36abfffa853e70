package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import java.util.Map;
import java.util.Optional;

/** Secret references resolved from a map, as env: or file: references would be on a worker. */
record FakeSecrets(Map<String, String> values) implements ActionContext.SecretResolver {

  @Override
  public Optional<String> resolve(String reference) {
    return Optional.ofNullable(values.get(reference));
  }
}
