package io.drillbook.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDriverTest {

  @TempDir
  Path root;

  private final DirectoryDriver driver = new DirectoryDriver();

  private Steps steps(String drillId, Path source) throws Exception {
    Files.createDirectories(source.resolve("scans/2024"));
    Files.writeString(source.resolve("index.txt"), "synthetic index\n");
    Files.write(source.resolve("scans/2024/0001.bin"), new byte[70_000]);
    Files.createSymbolicLink(source.resolve("latest"), source.resolve("index.txt"));
    return new Steps(drillId, root.resolve("work"), "directory", Map.of("path", source.toString()));
  }

  @Test
  void bothLocalDriversDeclareExactlyWhatTheyImplement() {
    ProviderRegistry registry = new ProviderRegistry(List.of(new PostgresqlDriver(), driver));
    assertEquals(2, registry.specs().size());
  }

  @Test
  void snapshotRestoreVerifyAndATamperedFileIsNamed() throws Exception {
    Steps s = steps("drl-dir", root.resolve("source"));
    ActionResult snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of()));
    assertEquals(2, snap.outputs().get("files"));
    assertTrue(snap.observations().getFirst().contains("1 symbolic link"), snap.observations().toString());
    ActionResult retried = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of()));
    assertEquals(snap.outputs().get("consistentAtMillis"), retried.outputs().get("consistentAtMillis"), "a retry reuses the snapshot");
    assertTrue(retried.observations().getFirst().contains("reused"));

    Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of("keepFor", "1h"), "snapshot", snap.outputs())).outputs();
    assertEquals(snap.outputs().get("manifestSha256"), restored.get("manifestSha256"), "the restore carries the snapshot's manifest");
    Path copy = Path.of(restored.get("path").toString());
    assertEquals("synthetic index\n", Files.readString(copy.resolve("data/index.txt")));
    Map<String, Object> checked = driver.verify(s.ctx("check", Action.VERIFY, Map.of(), "restore", restored)).outputs();
    assertEquals(2, checked.get("filesChecked"));

    Files.write(copy.resolve("data/scans/2024/0001.bin"), new byte[] {1}, java.nio.file.StandardOpenOption.WRITE);
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("check", Action.VERIFY, Map.of(), "restore", restored)));
    assertTrue(f.getMessage().contains("data/scans/2024/0001.bin: SHA-256 differs"), f.getMessage());

    Map<String, Object> deleted = driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", restored)).outputs();
    assertEquals(List.of(copy.toString()), deleted.get("removed"));
    assertFalse(Files.exists(copy));
  }

  @Test
  void exportResumesAndIsVerified() throws Exception {
    Steps s = steps("drl-dir-export", root.resolve("source"));
    String destination = "dir:" + root.resolve("exports");
    Map<String, Object> out = driver.export(s.ctx("export", Action.EXPORT, Map.of("destination", destination))).outputs();
    Path dir = root.resolve("exports/drl-dir-export/export");
    assertEquals(dir.toString(), out.get("path"));
    assertEquals(70_016L, ((Number) out.get("totalBytes")).longValue());

    Files.delete(dir.resolve("result.json"));
    ExportManifest.Document doc = Json.read(dir.resolve(ExportManifest.FILE), ExportManifest.Document.class);
    Json.write(dir.resolve(ExportManifest.FILE), new ExportManifest.Document(doc.format(), doc.drillId(), doc.stepId(), doc.source(),
        doc.content(), false, doc.files().subList(0, 1)));
    ActionResult resumed = driver.export(s.ctx("export", Action.EXPORT, Map.of("destination", destination)));
    assertTrue(resumed.observations().getFirst().contains("1 file(s) copied by an earlier attempt were kept"), resumed.observations().toString());
    driver.verify(s.ctx("check", Action.VERIFY, Map.of(), "export", resumed.outputs()));
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "export", resumed.outputs()));
    assertFalse(Files.exists(dir));
  }

  @Test
  void exportRefusesADestinationItDidNotCreate() throws Exception {
    Steps s = steps("drl-dir-foreign", root.resolve("source"));
    Path taken = Files.createDirectories(root.resolve("exports/drl-dir-foreign/export"));
    Files.writeString(taken.resolve("someone-elses.txt"), "x");
    ActionFailure f = assertThrows(ActionFailure.class,
        () -> driver.export(s.ctx("export", Action.EXPORT, Map.of("destination", "dir:" + root.resolve("exports")))));
    assertTrue(f.getMessage().contains("has no drillbook owner marker"), f.getMessage());
    ActionFailure d = assertThrows(ActionFailure.class, () -> driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "export",
        Map.of("createdResources", List.of(taken.toString())))));
    assertTrue(d.getMessage().contains("refusing to delete"), d.getMessage());
    assertTrue(Files.exists(taken.resolve("someone-elses.txt")));
  }
}
