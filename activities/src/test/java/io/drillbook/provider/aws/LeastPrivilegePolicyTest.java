package io.drillbook.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/aws/drillbook-policy.json grants exactly what the provider uses: every AWS operation the driver tests
 * sent (recorded by {@link AwsOperationLog} under target/aws-operations/) must be granted, and every granted
 * action must be used, either sent or implied by one that was (tag-on-create, passing the export role, the
 * export's KMS grant). Destructive actions must be conditioned on drillbook's tags. Runs after the other
 * classes of the module ({@link PolicyTestLast}); alone, it reports that nothing was recorded.
 */
class LeastPrivilegePolicyTest {

  private static final Path POLICY = Path.of("..", "deploy", "aws", "drillbook-policy.json");
  private static final Path CROSS_ACCOUNT = Path.of("..", "deploy", "aws", "cross-account-role-policy.json");
  private static final Path TRUST = Path.of("..", "deploy", "aws", "cross-account-role-trust-policy.json");

  /** Actions AWS checks without the SDK sending them as an operation, with the operation that needs each. */
  private static final Map<String, List<String>> IMPLIED = Map.of(
      "rds:AddTagsToResource", List.of("rds:CreateDBSnapshot"),
      "iam:PassRole", List.of("rds:StartExportTask", "backup:StartBackupJob", "backup:StartRestoreJob"),
      "kms:DescribeKey", List.of("rds:StartExportTask"),
      "kms:CreateGrant", List.of("rds:StartExportTask"),
      "backup:TagResource", List.of("backup:StartBackupJob"));

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void thePolicyGrantsExactlyTheActionsTheProviderUses() throws IOException {
    Set<String> sent = recorded();
    Set<String> granted = actions(json.readTree(POLICY.toFile()));
    Set<String> missing = new TreeSet<>(sent);
    missing.removeAll(granted);
    assertTrue(missing.isEmpty(), "the provider sent operations deploy/aws/drillbook-policy.json does not grant: " + missing);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(sent);
    unused.removeIf(a -> IMPLIED.getOrDefault(a, List.of()).stream().anyMatch(sent::contains));
    assertTrue(unused.isEmpty(), "deploy/aws/drillbook-policy.json grants actions no tested code uses (remove them, or test the "
        + "code that needs them): " + unused);
  }

  @Test
  void destructiveActionsNeedTheDrillbookTags() throws IOException {
    for (JsonNode st : json.readTree(POLICY.toFile()).get("Statement")) {
      for (String action : list(st.get("Action"))) {
        String name = action.substring(action.indexOf(':') + 1);
        if (name.startsWith("Delete") || name.startsWith("Reboot") || name.startsWith("Failover") || name.startsWith("Stop")
            || name.startsWith("Terminate")) {
          String condition = String.valueOf(st.get("Condition"));
          // S3 cannot condition a delete on the object's tags: its deletes are limited to drillbook's export keys instead.
          boolean exportsOnly = action.startsWith("s3:") && list(st.get("Resource")).stream().allMatch(r -> r.contains("/drillbook-exports/"));
          assertTrue(condition.contains("aws:ResourceTag/drillbook:") || exportsOnly, action + " must be conditioned on a drillbook tag "
              + "(S3: limited to drillbook-exports/ keys), in " + st);
        }
      }
    }
  }

  @Test
  void theCrossAccountRoleGrantsTheSameMinusAssumeRoleAndTrustsOnlyWithTheExternalId() throws IOException {
    Set<String> worker = actions(json.readTree(POLICY.toFile()));
    worker.remove("sts:AssumeRole");
    assertEquals(worker, actions(json.readTree(CROSS_ACCOUNT.toFile())));
    JsonNode trust = json.readTree(TRUST.toFile()).get("Statement").get(0);
    assertEquals("sts:AssumeRole", trust.get("Action").asText());
    assertFalse(trust.path("Condition").path("StringEquals").path("sts:ExternalId").isMissingNode(),
        "the trust policy must require the client's external id (confused deputy)");
  }

  private static Set<String> recorded() throws IOException {
    Set<String> all = new TreeSet<>();
    if (Files.isDirectory(AwsOperationLog.DIR)) {
      try (Stream<Path> files = Files.list(AwsOperationLog.DIR)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
          all.addAll(Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList());
        }
      }
    }
    assertFalse(all.isEmpty(), "no AWS operations were recorded under " + AwsOperationLog.DIR.toAbsolutePath()
        + ": run this test with the AWS driver tests, e.g. mvn -pl activities -am test -Dtest='io.drillbook.provider.aws.*Test'");
    return all;
  }

  private static Set<String> actions(JsonNode policy) {
    Set<String> all = new TreeSet<>();
    for (JsonNode st : policy.get("Statement")) {
      if ("Allow".equals(st.get("Effect").asText())) {
        all.addAll(list(st.get("Action")));
      }
    }
    return all;
  }

  private static List<String> list(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
