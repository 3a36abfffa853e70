package io.drillbook.provider.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code drillbook-owner.json}, written into everything the local provider creates before anything else goes
 * in. It is the only proof of ownership {@code delete} and the sweeper accept: no marker of this drill, no
 * removal, so a typo in a plan can never wipe someone else's directory.
 *
 * @param kind what the directory holds: snapshot, scratch-cluster, failover, export, directory-copy
 * @param createdAt ISO-8601 instant of the first attempt
 * @param expiresAt ISO-8601 instant after which the sweeper removes it ({@code keepFor}), or null: removed
 *     when its drill has ended
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OwnerMarker(String drillId, String stepId, String kind, String createdAt, String expiresAt) {

  static final String FILE = "drillbook-owner.json";

  static OwnerMarker of(String drillId, String stepId, String kind, Instant createdAt, Instant expiresAt) {
    return new OwnerMarker(drillId, stepId, kind, createdAt.toString(), expiresAt == null ? null : expiresAt.toString());
  }

  static Optional<OwnerMarker> readFrom(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    return Files.isRegularFile(f) ? Optional.of(Json.read(f, OwnerMarker.class)) : Optional.empty();
  }

  void writeTo(Path dir) throws IOException {
    Json.write(dir.resolve(FILE), this);
  }

  Instant created() {
    return Instant.parse(createdAt);
  }

  Optional<Instant> expires() {
    return expiresAt == null ? Optional.empty() : Optional.of(Instant.parse(expiresAt));
  }
}
