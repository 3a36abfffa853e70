package io.drillbook.provider.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of records in a CSV file written by PostgreSQL's COPY ... CSV HEADER, counted independently of
 * the database: record ends are newlines outside double quotes (a quoted field may hold newlines; an
 * escaped quote is two quotes, which leaves the quoting state as it was).
 */
final class CsvRecordCount {

  private CsvRecordCount() {}

  /** Records after the header line. */
  static long of(Path csv) throws IOException {
    long lines = 0;
    boolean quoted = false;
    int last = -1;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
      for (int b; (b = in.read()) >= 0; last = b) {
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          lines++;
        }
      }
    }
    if (last >= 0 && last != '\n') {
      lines++;
    }
    return Math.max(0, lines - 1);
  }
}
