package io.drillbook.cli;

import java.io.PrintWriter;
import java.util.List;

/** Rows of text in columns as wide as their widest cell, two spaces apart, for listings read in a terminal. */
final class TextTable {
  private TextTable() {}

  /** {@code rows}: the header first, every row as many cells; each line starts with {@code indent}. */
  static void print(PrintWriter out, String indent, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < widths.length; i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
