package io.volback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Table prints left-aligned columns sized to their widest cell. */
final class Table {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    this.header = header;
  }

  void row(String... cells) {
    rows.add(cells);
  }

  void print(PrintWriter out) {
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], r[i] == null ? 0 : r[i].length());
      }
    }
    printRow(out, header, widths);
    int total = 0;
    for (int w : widths) {
      total += w + 2;
    }
    out.println("-".repeat(Math.max(0, total - 2)));
    for (String[] r : rows) {
      printRow(out, r, widths);
    }
    out.flush();
  }

  private static void printRow(PrintWriter out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i] == null ? "" : cells[i];
      line.append(c);
      if (i < cells.length - 1) {
        line.append(" ".repeat(widths[i] - c.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
