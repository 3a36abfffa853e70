package io.drillbook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.aws.AwsAccess;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DRILLBOOK_AWS_SWEEP and the worker's AWS sweep around AwsScratchSweeper (tested against EC2 stubs in activities). */
class AwsSweepTest {

  @Test
  void theSettingNamesRegionsWithOptionalRoleAndExternalId() {
    List<AwsAccess> targets = AwsSweep.targets(" eu-west-3, eu-central-1@arn:aws:iam::444455556666:role/drillbook-drills@client-42 ");
    assertEquals(2, targets.size());
    assertEquals("eu-west-3", targets.get(0).region());
    assertNull(targets.get(0).roleArn());
    assertEquals("eu-central-1", targets.get(1).region());
    assertEquals("arn:aws:iam::444455556666:role/drillbook-drills", targets.get(1).roleArn());
    assertEquals("client-42", targets.get(1).externalId());
    assertTrue(AwsSweep.targets(null).isEmpty());
  }

  @Test
  void aMalformedEntryIsAUsageErrorNamingIt() {
    UserError e = assertThrows(UserError.class, () -> AwsSweep.targets("eu-west-3,eu-west-1@drillbook-drills"));
    assertTrue(e.getMessage().contains("DRILLBOOK_AWS_SWEEP: \"eu-west-1@drillbook-drills\" is not region, region@roleArn"), e.getMessage());
  }

  @Test
  void unsetMeansNoAwsSweepAndNoClients() {
    try (AwsSweep none = AwsSweep.fromSettings(Map.of())) {
      assertTrue(none.targets().isEmpty());
      assertEquals(List.of(), none.sweep());
    }
  }

  @Test
  void oneAccountThatFailsDoesNotStopTheOthers() {
    Swept gone = new Swept("eu-west-3/vol-0old", "drl-1", "restore", "ebs-volume", "expired at 2026-11-29T10:00:00Z", null);
    List<String> swept = new java.util.ArrayList<>();
    try (AwsSweep sweep = new AwsSweep(AwsSweep.targets("eu-central-1@arn:aws:iam::444455556666:role/drillbook-x,eu-west-3"), t -> {
      swept.add(t.region());
      if (t.roleArn() != null) {
        throw new IllegalStateException("could not assume " + t.roleArn());
      }
      return List.of(gone);
    }, () -> { })) {
      assertEquals(List.of(gone), sweep.sweep());
    }
    assertEquals(List.of("eu-central-1", "eu-west-3"), swept);
  }
}
