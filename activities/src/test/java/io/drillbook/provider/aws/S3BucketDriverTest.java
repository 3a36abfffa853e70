package io.drillbook.provider.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.Steps;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * aws/s3-bucket against Adobe S3Mock running in its own JVM (a real S3 REST/XML endpoint with versioning,
 * multipart uploads and server-side copies), through the driver's real S3Client. The test's own client
 * (setting up buckets, tampering with exports) records nothing, so the least-privilege test sees only what
 * the driver sent.
 */
class S3BucketDriverTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  private static final long PART = 5L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path store;
  private static S3MockApp app;
  private static S3Client admin;
  private static AwsClients aws;

  @TempDir Path work;
  private String source;
  private String exports;
  private Steps steps;
  private S3BucketDriver driver;
  private final byte[] big = new byte[(int) (2 * PART + 1234)];

  @BeforeAll
  static void startS3Mock() throws Exception {
    app = new S3MockApp(store);
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTWORKER", "test-secret"));
    admin = S3Client.builder().endpointOverride(URI.create(app.url())).forcePathStyle(true).region(Region.EU_WEST_3)
        .credentialsProvider(creds).build();
    aws = new AwsClients(Map.of(AwsClients.ENDPOINT_URL, app.url()), () -> creds, List.of(OPS.recorder()));
  }

  @AfterAll
  static void stopS3Mock() {
    if (aws != null) {
      aws.close();
      admin.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void buckets() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    source = "ehr-prod-" + run;
    exports = "msp-exports-" + run;
    admin.createBucket(r -> r.bucket(source));
    admin.putBucketVersioning(r -> r.bucket(source).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    admin.createBucket(r -> r.bucket(exports));
    admin.putBucketVersioning(r -> r.bucket(exports).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    new Random(42).nextBytes(big);
    put(source, "ehr/patients.csv", "id,name\n1,A\n2,B\n".getBytes(StandardCharsets.UTF_8));
    put(source, "ehr/scans/big.bin", big);
    put(source, "ehr/notes/readme.txt", "v1".getBytes(StandardCharsets.UTF_8));
    put(source, "other/outside.txt", "not in the prefix".getBytes(StandardCharsets.UTF_8));
    steps = new Steps("aws", "drl-s3-1", work, "s3-bucket", Map.of("region", "eu-west-3", "bucket", source, "prefix", "ehr"));
    driver = new S3BucketDriver(aws, PART);
  }

  private static void put(String bucket, String key, byte[] data) {
    admin.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  private static byte[] get(String bucket, String key) {
    return admin.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  private ActionResult snapshot() throws Exception {
    return driver.snapshot(steps.ctx("snap", Action.SNAPSHOT, Map.of()));
  }

  private ActionResult export(ActionResult snap) throws Exception {
    return driver.export(steps.ctx("export", Action.EXPORT, Map.of("destination", "s3://" + exports + "/client-42"), "snap", snap.outputs()));
  }

  private static String sha256(byte[] data) throws Exception {
    return S3Objects.sha256(new ByteArrayInputStream(data));
  }

  @Test
  void exportCopiesTheSnapshotsVersionsWithAManifestThatVerifies() throws Exception {
    ActionResult snap = snapshot();
    assertEquals(3, snap.outputs().get("objectCount"), "only the prefix: " + snap.outputs());
    assertEquals("Enabled", snap.outputs().get("versioning"));
    // Changed after the snapshot: the export must still copy the snapshot's version.
    put(source, "ehr/notes/readme.txt", "v2, written after the snapshot".getBytes(StandardCharsets.UTF_8));

    ActionResult exported = export(snap);
    String at = "client-42/drillbook-exports/drl-s3-1/export/";
    assertEquals("s3://" + exports + "/" + at, exported.outputs().get("path"));
    assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), get(exports, at + "notes/readme.txt"));
    assertArrayEquals(big, get(exports, at + "scans/big.bin"));
    String etag = admin.headObject(r -> r.bucket(exports).key(at + "scans/big.bin")).eTag();
    assertTrue(etag.replace("\"", "").endsWith("-3"), "a multipart ETag: copied in three parts, not one: " + etag);
    JsonNode manifest = JSON.readTree(get(exports, at + "manifest.json"));
    assertEquals("drillbook-manifest/v1", manifest.get("format").asText());
    assertTrue(manifest.get("complete").asBoolean());
    assertEquals(3, manifest.get("files").size());
    for (JsonNode f : manifest.get("files")) {
      assertEquals(sha256(get(exports, at + f.get("file").asText())), f.get("sha256").asText(), f.toString());
    }
    assertEquals(sha256(get(exports, at + "manifest.json")), exported.outputs().get("manifestSha256"));

    ActionResult verified = driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "export", exported.outputs()));
    assertEquals(3, verified.outputs().get("filesChecked"));
  }

  @Test
  void aRetriedExportKeepsWhatAnEarlierAttemptCopiedAndRedoesTheRest() throws Exception {
    ActionResult snap = snapshot();
    export(snap);
    String at = "client-42/drillbook-exports/drl-s3-1/export/";
    admin.deleteObject(r -> r.bucket(exports).key(at + "patients.csv"));
    ActionResult again = export(snap);
    assertTrue(again.observations().get(0).contains("resumed: 2 object(s)"), again.observations().toString());
    assertArrayEquals("id,name\n1,A\n2,B\n".getBytes(StandardCharsets.UTF_8), get(exports, at + "patients.csv"));
    driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "export", again.outputs()));
  }

  @Test
  void verifyNamesTheChangedAndTheMissingObject() throws Exception {
    ActionResult exported = export(snapshot());
    String at = "client-42/drillbook-exports/drl-s3-1/export/";
    put(exports, at + "patients.csv", "id,name\n1,A\n2,Z\n".getBytes(StandardCharsets.UTF_8));
    admin.deleteObject(r -> r.bucket(exports).key(at + "notes/readme.txt"));
    ActionContext ctx = steps.ctx("check", Action.VERIFY, Map.of(), "export", exported.outputs());
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(ctx));
    assertTrue(f.getMessage().contains(at + "patients.csv: SHA-256 differs from the manifest"), f.getMessage());
    assertTrue(f.getMessage().contains(at + "notes/readme.txt: missing"), f.getMessage());
  }

  @Test
  void verifyOfASnapshotNamesAVersionThatWasRemoved() throws Exception {
    ActionResult snap = snapshot();
    driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "snap", snap.outputs()));
    String version = ((List<?>) snap.outputs().get("objects")).stream().map(o -> (Map<?, ?>) o)
        .filter(m -> m.get("key").equals("ehr/patients.csv")).findFirst().orElseThrow().get("versionId").toString();
    admin.deleteObject(r -> r.bucket(source).key("ehr/patients.csv").versionId(version));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "snap",
        snap.outputs())));
    assertTrue(f.getMessage().contains("ehr/patients.csv version " + version + ": missing"), f.getMessage());
  }

  @Test
  void deleteRemovesOnlyTheDrillsExportNeverTheSource() throws Exception {
    ActionResult exported = export(snapshot());
    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "export", exported.outputs()));
    assertEquals(4, deleted.outputs().get("objectVersionsDeleted"), "three objects and the manifest");
    assertEquals(0, admin.listObjectVersions(r -> r.bucket(exports)).versions().size(), "every version gone, not just hidden");
    assertEquals(4, admin.listObjectsV2(r -> r.bucket(source)).keyCount(), "the source is untouched");
  }

  @Test
  void deleteRefusesAnExportLocationHoldingAnObjectTheDrillDidNotWrite() throws Exception {
    ActionResult exported = export(snapshot());
    put(exports, "client-42/drillbook-exports/drl-s3-1/export/someone-elses.txt", "keep me".getBytes(StandardCharsets.UTF_8));
    ActionContext ctx = steps.ctx("cleanup", Action.DELETE, Map.of(), "export", exported.outputs());
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.delete(ctx));
    assertTrue(f.getMessage().contains("someone-elses.txt was not written by drillbook. Nothing was deleted"), f.getMessage());
    assertEquals(5, admin.listObjectVersions(r -> r.bucket(exports)).versions().size());
  }

  @Test
  void deleteAndExportRefuseTheSourcesOwnObjects() throws Exception {
    ActionContext ctx = steps.ctx("cleanup", Action.DELETE, Map.of(), "export",
        Map.of("createdResources", List.of("s3://" + source + "/ehr/drillbook-exports/x/")));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.delete(ctx));
    assertTrue(f.getMessage().contains("refusing to delete s3://" + source + "/ehr/drillbook-exports/x/"), f.getMessage());
    ActionResult snap = snapshot();
    ActionContext inside = steps.ctx("export", Action.EXPORT, Map.of("destination", "s3://" + source + "/ehr/copies"), "snap",
        snap.outputs());
    ActionFailure g = assertThrows(ActionFailure.class, () -> driver.export(inside));
    assertTrue(g.getMessage().contains("lies inside the exported s3://" + source + "/ehr/"), g.getMessage());
  }
}
