package org.linnea.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check against DCMTK: for every sample file that dcmdump can read (pydicom's files, and
 * the same files re-encoded by DCMTK's dcmconv in implicit, explicit and big-endian transfer
 * syntaxes), every element and value we parse matches what {@code dcmdump +L -Un +U8} reports.
 */
class DcmdumpCrossCheckTest {

  @TempDir static Path tmp;
  static final List<Path> files = new ArrayList<>();

  @BeforeAll
  static void collectFiles() throws Exception {
    for (Path p : SampleFiles.pydicom()) {
      files.add(p);
      String base = p.getFileName().toString().replace(".dcm", "");
      for (String ts : new String[] {"+ti", "+te", "+tb"}) {
        Path out = tmp.resolve(base + "_" + ts.substring(1) + ".dcm");
        if (run(List.of("dcmconv", "-q", ts, p.toString(), out.toString())).exit == 0 && Files.size(out) > 0) {
          files.add(out);
        }
      }
    }
  }

  record Entry(String path, String tag, String vr, String value) {}

  record Result(int exit, String out) {}

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process pr = pb.start();
    byte[] out = pr.getInputStream().readAllBytes();
    if (!pr.waitFor(60, TimeUnit.SECONDS)) {
      pr.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    return new Result(pr.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static final Pattern LINE = Pattern.compile("^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) +# *(\\d+|u/l), *(\\d+) (.*)$");

  /** Elements as (nesting path, tag, VR, normalised value), skipping delimiters. */
  static List<Entry> parse(String dump) {
    List<Entry> out = new ArrayList<>();
    List<String> stack = new ArrayList<>();
    for (String line : dump.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) continue;
      int level = m.group(1).length() / 2;
      String tag = m.group(2) + m.group(3);
      while (stack.size() > level) stack.remove(stack.size() - 1);
      if (tag.startsWith("fffee0d") || tag.equals("fffee00d")) continue;
      String path = String.join("/", stack);
      stack.add(tag);
      String vr = m.group(4).equals("??") ? "UN" : m.group(4); // DCMTK's name for an unknown implicit VR
      out.add(new Entry(path, tag, vr, normalise(vr, m.group(5))));
    }
    return out;
  }

  static String normalise(String vr, String value) {
    if (value.startsWith("(Sequence") || value.startsWith("(Item") || value.startsWith("(PixelSequence")) {
      return value.replaceAll("with (explicit|undefined) length ", "").replace(" for re-encoding", "");
    }
    if (value.equals("(no value available)")) return "";
    if (value.startsWith("[") && value.endsWith("]")) {
      String[] parts = value.substring(1, value.length() - 1).split("\\\\", -1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) sb.append('\\');
        sb.append(parts[i].replace('\0', ' ').strip());
      }
      return sb.toString().replaceAll("\\\\+$", "");
    }
    if (vr.equals("FL") || vr.equals("FD")) {
      StringBuilder sb = new StringBuilder();
      for (String s : value.split("\\\\")) {
        if (sb.length() > 0) sb.append('\\');
        try {
          sb.append(String.format(Locale.ROOT, "%.5g", Double.parseDouble(s)));
        } catch (NumberFormatException e) {
          sb.append(s);
        }
      }
      return sb.toString();
    }
    return value.toLowerCase(Locale.ROOT);
  }

  @Test
  void everyElementMatchesDcmdump() throws Exception {
    int compared = 0;
    int elements = 0;
    int privateUN = 0;
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      Result theirs = run(List.of("dcmdump", "-q", "+L", "-Un", "+U8", file.toString()));
      if (theirs.exit != 0 || theirs.out.isBlank()) continue; // DCMTK cannot read it either
      DicomFile df;
      try {
        // DCMTK leaves VR UN of defined length as bytes; so does our reader when asked to.
        df = DicomReader.readFile(file, ReadOptions.DEFAULT.withResolveUnknownVR(false));
      } catch (DicomParseException e) {
        problems.add(file.getFileName() + ": dcmdump reads it but we do not: " + e.getMessage());
        continue;
      }
      StringBuilder ours = new StringBuilder();
      new DumpWriter(ours, -1, -1).uidNames(false).print(df);
      // dcmdump +U8 converts text to UTF-8 and adds or rewrites (0008,0005) to say so.
      List<Entry> a = parse(theirs.out).stream().filter(e -> !e.tag.equals("00080005")).toList();
      List<Entry> b = parse(ours.toString()).stream().filter(e -> !e.tag.equals("00080005")).toList();
      compared++;
      elements += a.size();
      int n = Math.max(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        Entry x = i < a.size() ? a.get(i) : null;
        Entry y = i < b.size() ? b.get(i) : null;
        if (x == null || y == null || !x.tag.equals(y.tag) || !x.path.equals(y.path)) {
          problems.add(file.getFileName() + ": element " + i + " dcmdump " + x + " ours " + y);
          break;
        }
        // Implicit VR private elements: DCMTK knows some creators' VRs (its private.dic); we keep UN.
        if (y.vr.equals("UN") && !x.vr.equals("UN") && isPrivate(x.tag)) {
          privateUN++;
          continue;
        }
        // Implicit VR native pixel data of 8 bits: we call it OB (so that it is not byte-swapped when
        // written big endian), DCMTK calls it OW; the bytes must be the same.
        if (x.tag.equals("7fe00010") && !x.vr.equals(y.vr) && (x.vr + y.vr).matches("OBOW|OWOB")) {
          if (!littleEndianBytes(x).equals(littleEndianBytes(y))) {
            problems.add(file.getFileName() + ": pixel data bytes differ");
          }
          continue;
        }
        // Encapsulated pixel data that a writer labelled OW: we keep the label, DCMTK shows OB.
        boolean pixelSequenceLabel = x.value.startsWith("(PixelSequence") && x.value.equals(y.value);
        // DCMTK pads an odd-length value with a zero byte when it reads it; we keep the bytes as they are.
        boolean oddLengthPadding = x.value.equals(y.value + "\\00");
        if (!pixelSequenceLabel && !x.vr.equals(y.vr) || !x.value.equals(y.value) && !oddLengthPadding) {
          problems.add(file.getFileName() + ": " + x.path + "/" + x.tag + " dcmdump " + x.vr + " [" + abbreviate(x.value) + "] ours " + y.vr + " [" + abbreviate(y.value) + "]");
        }
      }
    }
    System.out.println("dcmdump cross-check: " + compared + " files, " + elements + " elements, "
        + privateUN + " implicit VR private elements left as UN (DCMTK knows their VR from its private dictionary)");
    assertThat(problems).as("differences from dcmdump").isEmpty();
    assertThat(compared).as("files compared").isGreaterThanOrEqualTo(100);
  }

  /** OW words "bf7f\\7fbf" as little-endian bytes "7fbf7fbf"; OB bytes as they are. */
  static String littleEndianBytes(Entry e) {
    StringBuilder sb = new StringBuilder();
    for (String v : e.value.split("\\\\")) {
      if (e.vr.equals("OW") && v.length() == 4) sb.append(v, 2, 4).append(v, 0, 2);
      else sb.append(v);
    }
    return sb.toString();
  }

  static boolean isPrivate(String tag) {
    return (Integer.parseInt(tag.substring(0, 4), 16) & 1) == 1;
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
