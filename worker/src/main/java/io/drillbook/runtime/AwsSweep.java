package io.drillbook.runtime;

import io.drillbook.provider.aws.AwsAccess;
import io.drillbook.provider.aws.AwsClients;
import io.drillbook.provider.aws.AwsScratchSweeper;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The AWS part of the worker's sweep ({@link AwsScratchSweeper}): the accounts and regions named by
 * {@code DRILLBOOK_AWS_SWEEP}, a comma-separated list of {@code region}, {@code region@roleArn} or
 * {@code region@roleArn@externalId} (a worker cannot guess where drills created things). Unset: no AWS
 * sweep, and no AWS client is built. One account that cannot be swept (credentials, network) is logged and
 * tried again at the next interval; the others are swept all the same.
 */
final class AwsSweep implements AutoCloseable {

  static final String SETTING = "DRILLBOOK_AWS_SWEEP";

  private static final Logger log = LoggerFactory.getLogger(AwsSweep.class);

  private final List<AwsAccess> targets;
  private final Function<AwsAccess, List<Swept>> sweeper;
  private final AutoCloseable clients;

  AwsSweep(List<AwsAccess> targets, Function<AwsAccess, List<Swept>> sweeper, AutoCloseable clients) {
    this.targets = List.copyOf(targets);
    this.sweeper = sweeper;
    this.clients = clients;
  }

  /** From the worker's environment; a malformed {@code DRILLBOOK_AWS_SWEEP} stops the worker with a usage error. */
  static AwsSweep fromSettings(Map<String, String> env) {
    List<AwsAccess> targets = targets(env.get(SETTING));
    if (targets.isEmpty()) {
      return new AwsSweep(List.of(), t -> List.of(), () -> { });
    }
    AwsClients aws = new AwsClients(env, () -> DefaultCredentialsProvider.builder().build(), List.of());
    return new AwsSweep(targets, new AwsScratchSweeper(aws, Clock.systemUTC())::sweep, aws);
  }

  static List<AwsAccess> targets(String value) {
    List<AwsAccess> targets = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return targets;
    }
    for (String entry : value.split(",")) {
      String[] parts = entry.trim().split("@", -1);
      boolean role = parts.length < 2 || parts[1].startsWith("arn:aws:iam::");
      if (parts[0].isBlank() || parts.length > 3 || !role) {
        throw new UserError(SETTING + ": \"" + entry.trim() + "\" is not region, region@roleArn or region@roleArn@externalId, e.g. "
            + "eu-west-3@arn:aws:iam::444455556666:role/drillbook-drills@client-42", ExitCodes.USAGE);
      }
      targets.add(new AwsAccess("sweep", parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null));
    }
    return targets;
  }

  List<AwsAccess> targets() {
    return targets;
  }

  List<Swept> sweep() {
    List<Swept> swept = new ArrayList<>();
    for (AwsAccess target : targets) {
      try {
        swept.addAll(sweeper.apply(target));
      } catch (RuntimeException e) {
        log.warn("AWS sweep of {} failed, trying again at the next interval: {}", target.where(), e.getMessage());
      }
    }
    return swept;
  }

  @Override
  public void close() {
    try {
      clients.close();
    } catch (Exception e) {
      log.warn("could not close the AWS clients of the sweeper: {}", e.toString());
    }
  }
}
