package io.drillbook.provider.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/** The RDS client of one step, with every call explained by {@link AwsCalls}. */
record RdsSession(RdsClient rds, String stepId, String region) {

  /** The session in {@code access} (an account, through its role, and a region) of a step, or of the sweeper. */
  static RdsSession of(AwsClients aws, String stepId, AwsAccess access) {
    return new RdsSession(aws.rds(access), stepId, access.region());
  }

  <T> T call(String iamAction, String what, Supplier<T> call) {
    return AwsCalls.call(stepId, iamAction, what + " in " + region, call);
  }

  /**
   * A describe call that answers "none" for a missing resource instead of failing.
   *
   * @param notFound the service's exception for a missing resource, e.g. DbInstanceNotFoundException
   */
  <T> Optional<T> find(String iamAction, String what, Class<? extends RdsException> notFound, Supplier<List<T>> describe) {
    return call(iamAction, what, () -> {
      try {
        List<T> found = describe.get();
        return found.isEmpty() ? Optional.<T>empty() : Optional.of(found.getFirst());
      } catch (RdsException e) {
        if (notFound.isInstance(e)) {
          return Optional.<T>empty();
        }
        throw e;
      }
    });
  }

  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(t -> out.put(t.key(), t.value()));
    }
    return out;
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
