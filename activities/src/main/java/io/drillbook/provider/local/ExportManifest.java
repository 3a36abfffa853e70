package io.drillbook.provider.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: every file of an export or snapshot with its size and SHA-256, written first to
 * last. An entry is appended only once its file is complete, so after a worker restart the manifest says
 * exactly which files can be trusted and where to resume; a file on disk without an entry is rewritten.
 * Once every file is in, each is read back and checked, and only then is the manifest marked complete.
 * The aws provider's S3 export writes the same {@link Document} (one entry per object, keyed by its path
 * under the export prefix), so one reader understands both.
 */
public final class ExportManifest {

  public static final String FILE = "manifest.json";
  public static final String FORMAT = "drillbook-manifest/v1";

  /** One file; for a table's CSV file, also the table and the rows the source had in the export's snapshot. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String file, long size, String sha256, String table, Long rows) {}

  /** The document as written; {@code content} says what the files are (dump, csv, files). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Document(String format, String drillId, String stepId, String source, String content, boolean complete, List<Entry> files) {}

  private final Path dir;
  private final Document header;
  private final Map<String, Entry> files = new LinkedHashMap<>();
  private boolean complete;
  private long savedAtNanos;

  private ExportManifest(Path dir, Document doc) {
    this.dir = dir;
    this.header = doc;
    this.complete = doc.complete();
    doc.files().forEach(e -> files.put(e.file(), e));
  }

  /** The manifest in {@code dir}, as an earlier attempt left it, or a new empty one. */
  static ExportManifest openOrCreate(Path dir, String drillId, String stepId, String source, String content) throws IOException {
    Path f = dir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      return new ExportManifest(dir, Json.read(f, Document.class));
    }
    ExportManifest m = new ExportManifest(dir, new Document(FORMAT, drillId, stepId, source, content, false, List.of()));
    m.save();
    return m;
  }

  static ExportManifest read(Path manifestFile) throws IOException {
    if (!Files.isRegularFile(manifestFile)) {
      throw new ActionFailure("manifest " + manifestFile + " is missing: the export it describes was removed or never completed; run the export again");
    }
    return new ExportManifest(manifestFile.getParent(), Json.read(manifestFile, Document.class));
  }

  Path dir() {
    return dir;
  }

  Path path() {
    return dir.resolve(FILE);
  }

  List<Entry> entries() {
    return List.copyOf(files.values());
  }

  boolean has(String file) {
    return files.containsKey(file);
  }

  long totalBytes() {
    return files.values().stream().mapToLong(Entry::size).sum();
  }

  boolean complete() {
    return complete;
  }

  /** Hashes {@code file} (relative to the manifest's directory), appends its entry and saves at once. */
  Entry append(String file) throws IOException {
    return append(file, null, null);
  }

  /** As {@link #append(String)}, for the CSV file of {@code table}, which got {@code rows} rows. */
  Entry append(String file, String table, Long rows) throws IOException {
    Entry e = add(file, table, rows);
    save();
    return e;
  }

  /**
   * Like {@link #append} but saves at most once a second: for copies of many small files, where saving the
   * whole manifest after each would cost more than the copy. Files not yet saved are simply redone after a
   * crash. Call {@link #save} at the end.
   */
  Entry appendBatched(String file) throws IOException {
    Entry e = add(file, null, null);
    if (System.nanoTime() - savedAtNanos > 1_000_000_000L) {
      save();
    }
    return e;
  }

  private Entry add(String file, String table, Long rows) throws IOException {
    Path p = dir.resolve(file);
    Entry e = new Entry(file, Files.size(p), FileTrees.sha256(p), table, rows);
    files.put(file, e);
    complete = false;
    return e;
  }

  /** Reads every file back; each problem is one line: missing, wrong size or wrong hash. */
  List<String> recheck(Runnable afterEachFile) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Entry e : files.values()) {
      Path p = dir.resolve(e.file()).normalize();
      if (!p.startsWith(dir)) {
        problems.add(e.file() + ": points outside the export directory");
      } else if (!Files.isRegularFile(p)) {
        problems.add(e.file() + ": missing");
      } else if (Files.size(p) != e.size()) {
        problems.add(e.file() + ": size " + Files.size(p) + " instead of " + e.size());
      } else if (!FileTrees.sha256(p).equals(e.sha256())) {
        problems.add(e.file() + ": SHA-256 differs from the manifest");
      }
      afterEachFile.run();
    }
    return problems;
  }

  void markComplete() throws IOException {
    complete = true;
    save();
  }

  String sha256() throws IOException {
    return FileTrees.sha256(path());
  }

  void save() throws IOException {
    Json.write(path(), new Document(header.format(), header.drillId(), header.stepId(), header.source(), header.content(), complete,
        List.copyOf(files.values())));
    savedAtNanos = System.nanoTime();
  }
}
