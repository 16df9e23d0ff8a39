import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build-time generator of the dictionary classes {@code Tag} and {@code UID} from the committed
 * data files {@code src/main/dictionary/elements.tsv} and {@code uids.tsv}. Run by Maven in the
 * generate-sources phase as a single-file Java program:
 *
 * <pre>java GenerateDictionary.java DICTIONARY_DIR OUTPUT_SOURCE_DIR</pre>
 *
 * The element lookup itself (VR, VM, retired flag) reads elements.tsv at run time from the jar;
 * only the constants are generated as code, so that a typo in a tag name fails the compile.
 */
public class GenerateDictionary {
  public static void main(String[] args) throws IOException {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1], "org", "linnea", "dicom");
    Files.createDirectories(out);
    writeIfChanged(out.resolve("Tag.java"), tags(in.resolve("elements.tsv")));
    writeIfChanged(out.resolve("UID.java"), uids(in.resolve("uids.tsv")));
  }

  static String tags(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("package org.linnea.dicom;\n\n");
    sb.append("/**\n * Tags of the public data elements of DICOM PS3.6, as {@code int} values (group in the high\n");
    sb.append(" * 16 bits). Generated from {@code elements.tsv} by {@code src/build/GenerateDictionary.java};\n");
    sb.append(" * do not edit. Repeating-group elements (50xx, 60xx, 7Fxx, (0020,31xx)) are given with the\n");
    sb.append(" * x digits as 0, for example {@code OverlayData} is (6000,3000).\n */\n");
    sb.append("public final class Tag {\n  private Tag() {}\n\n");
    int count = 0;
    for (String[] row : rows(file)) {
      String tag = row[0].substring(1, 10).replace(",", "").replace('x', '0');
      String keyword = row[3];
      if (keyword.isEmpty()) continue;
      String name = row.length > 6 && !row[6].isEmpty() ? row[6] : keyword;
      sb.append("  /** ").append(row[0]).append(' ').append(row[1].isEmpty() ? "--" : row[1])
          .append(' ').append(row[2]).append(' ').append(escape(name))
          .append("Y".equals(row[4]) ? " (retired)" : "").append(" */\n");
      if ("Y".equals(row[4])) sb.append("  @Deprecated\n");
      sb.append("  public static final int ").append(keyword).append(" = 0x").append(tag).append(";\n\n");
      count++;
    }
    sb.append("  /** Number of constants in this class. */\n");
    sb.append("  static final int COUNT = ").append(count).append(";\n}\n");
    return sb.toString();
  }

  static String uids(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    StringBuilder table = new StringBuilder();
    sb.append("package org.linnea.dicom;\n\n");
    sb.append("/**\n * Registered UIDs of DICOM PS3.6 Annex A (SOP classes, transfer syntaxes, well-known\n");
    sb.append(" * instances, coding schemes). Generated from {@code uids.tsv} by\n");
    sb.append(" * {@code src/build/GenerateDictionary.java}; do not edit.\n */\n");
    sb.append("public final class UID {\n  private UID() {}\n\n");
    for (String[] row : rows(file)) {
      String keyword = row[2];
      sb.append("  /** ").append(escape(row[4])).append(" (").append(row[1]).append(')')
          .append("Y".equals(row[3]) ? ", retired" : "").append(" */\n");
      if ("Y".equals(row[3])) sb.append("  @Deprecated\n");
      sb.append("  public static final String ").append(keyword).append(" = \"").append(row[0]).append("\";\n\n");
      table.append("      {\"").append(row[0]).append("\", \"").append(keyword).append("\", \"")
          .append(row[1]).append("\", \"").append(row[3]).append("\", \"").append(row[4].replace("\"", "\\\""))
          .append("\"},\n");
    }
    sb.append("  /** uid, keyword, type, retired (Y/N), name: read by {@link UIDs}. */\n");
    sb.append("  static final String[][] TABLE = {\n").append(table).append("  };\n}\n");
    return sb.toString();
  }

  static String escape(String s) {
    return s.replace("*/", "* /").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("@", "&#64;").replace("\\u", "\\\\u");
  }

  static List<String[]> rows(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      rows.add(line.split("\t", -1));
    }
    return rows;
  }

  static void writeIfChanged(Path path, String content) throws IOException {
    if (Files.exists(path) && Files.readString(path).equals(content)) return;
    Files.writeString(path, content);
  }
}
