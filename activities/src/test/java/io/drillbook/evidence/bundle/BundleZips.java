package io.drillbook.evidence.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads a bundle's entries and writes altered copies, as someone tampering with a bundle would. */
final class BundleZips {

  private BundleZips() {}

  /** Entry names and contents, in archive order. */
  static Map<String, byte[]> read(Path zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static void write(Path zip, Map<String, byte[]> entries) {
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
      out.setLevel(Deflater.NO_COMPRESSION); // thousands of copies are written: keep each one cheap
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code original} at {@code copy} with one entry's bytes replaced. */
  static Path withEntry(Path original, Path copy, String name, UnaryOperator<byte[]> change) {
    return withEntry(read(original), copy, name, change);
  }

  /** The bundle of {@code entries} (left unchanged) written at {@code copy} with one entry's bytes replaced. */
  static Path withEntry(Map<String, byte[]> entries, Path copy, String name, UnaryOperator<byte[]> change) {
    Map<String, byte[]> changed = new LinkedHashMap<>(entries);
    changed.put(name, change.apply(entries.get(name)));
    write(copy, changed);
    return copy;
  }
}
