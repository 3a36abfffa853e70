package io.drillbook.api;

import static io.drillbook.api.ApiFixture.TENANT_A;

import io.drillbook.auth.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** An API server for the test class, and one token for each role: the MSP's people and tenant A's client. */
abstract class OneTokenPerRole {
  @TempDir static Path home;
  static ApiFixture f;
  static String operator;
  static String admin;
  static String scheduler;
  static String viewer;
  static String approver;

  @BeforeAll
  static void start() throws Exception {
    f = new ApiFixture(home, Map.of());
    operator = f.token("oncall", Role.MSP_OPERATOR, null);
    admin = f.token("msp-manager", Role.MSP_ADMIN, null);
    scheduler = f.token("planner", Role.SCHEDULER, null);
    viewer = f.token("head-nurse", Role.CLIENT_VIEWER, TENANT_A);
    approver = f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
  }

  @AfterAll
  static void stop() {
    f.close();
  }
}
