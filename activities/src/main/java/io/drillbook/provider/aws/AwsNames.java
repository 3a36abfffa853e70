package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Names and client tokens derived from drill and step only, so every attempt of a step (a retry, or the
 * resumed activity after a worker restart) names the same thing and finds what an earlier attempt created
 * instead of creating a second one.
 */
public final class AwsNames {

  /** RDS identifiers: at most 63 letters, digits and hyphens, starting with a letter, no "--", no trailing "-". */
  public static final int MAX = 63;

  private AwsNames() {}

  /**
   * {@code prefix-<step>-<hash>}: readable (the step id, shortened) and unique per drill and step (a hash of
   * both), valid as an RDS, EC2 or S3 name.
   *
   * @param prefix starts with a letter, e.g. "drill-restore"
   */
  public static String identifier(ActionContext ctx, String prefix) {
    return identifier(ctx, prefix, MAX);
  }

  /** {@link #identifier(ActionContext, String)} for names limited to {@code max} characters (at least prefix + 14). */
  public static String identifier(ActionContext ctx, String prefix, int max) {
    return identifier(ctx.drillId(), ctx.stepId(), prefix, max);
  }

  /** The name step {@code stepId} of drill {@code drillId} gives what it creates: cleanup finds it even when that step failed. */
  public static String identifier(String drillId, String stepId, String prefix, int max) {
    String hash = hash(drillId + "/" + stepId + "/" + prefix).substring(0, 12);
    String step = stepId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    int room = max - prefix.length() - hash.length() - 2;
    if (step.length() > room) {
      step = step.substring(0, room).replaceAll("-$", "");
    }
    return (step.isEmpty() ? prefix : prefix + "-" + step) + "-" + hash;
  }

  /** An idempotency token (EC2 ClientToken, Backup IdempotencyToken): a UUID derived from drill, step and purpose. */
  public static String clientToken(ActionContext ctx, String purpose) {
    return UUID.nameUUIDFromBytes((ctx.drillId() + "/" + ctx.stepId() + "/" + purpose).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
