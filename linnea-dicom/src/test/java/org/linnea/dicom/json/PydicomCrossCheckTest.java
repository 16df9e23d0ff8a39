package org.linnea.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.SampleFiles;

/**
 * Our JSON of five of pydicom's sample files against what pydicom 2.3.1's {@code to_json_dict()}
 * makes of them (committed under src/test/resources/org/linnea/dicom/json/pydicom, made by
 * {@code generate.py} there), compared semantically: numbers by value, binary by bytes.
 *
 * <p>Where pydicom departs from PS3.18 Annex F, the comparison normalizes pydicom's side, each
 * case named in {@link #normalizePydicom}:
 *
 * <ul>
 *   <li>pydicom writes empty values as {@code "Value": [""]}, empty sequences as {@code "Value": []} or {@code [{"Alphabetic": ""}]}
 *       (F.2.5: an empty attribute has no "Value"), and empty PN groups as {@code ""} or, in
 *       chrFren.dcm, {@code "^^^^"} (F.2.2: only the non-empty groups; a group of empty
 *       components is empty).
 *   <li>pydicom writes the InlineBinary of OW values of big-endian files in big-endian byte
 *       order (F.2.7 InlineBinary is little endian, the byte order of every DICOMweb bulk data).
 *   <li>pydicom includes Data Set Trailing Padding (FFFC,FFFC), which we leave out (it has no
 *       meaning, PS3.10 7.2; a choice, not a pydicom deviation).
 * </ul>
 *
 * <p>Seen by hand with pydicom 2.3.1, not in these files: an FD value NaN comes out as the bare
 * token {@code NaN}, which is not JSON (RFC 8259) and which {@link DicomJsonReader} refuses as
 * malformed (we write the string {@code "NaN"}); a UV above 2<sup>53</sup> comes out as a JSON
 * number, allowed by Table F.2.3-1 but not exact in JavaScript readers (we write a string); DS
 * "+1.50" comes out as 1.5 (we write 1.50, the same characters where JSON allows them).
 *
 * <p>Not a deviation, but a difference: pydicom prints FL values widened to double
 * (-77.20406341552734), we print the shortest decimal that reads back as the same float
 * (-77.20406); FL values are compared as floats.
 */
class PydicomCrossCheckTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"test_files/CT_small.dcm", "test_files/MR_small_bigendian.dcm", "test_files/rtplan.dcm",
      "test_files/reportsi.dcm", "charset_files/chrFren.dcm"})
  void sameAsPydicom(String file) throws Exception {
    Path path = SampleFiles.PYDICOM.resolve(file);
    String name = path.getFileName().toString().replace(".dcm", ".json");
    String expected;
    try (InputStream in = getClass().getResourceAsStream("pydicom/" + name)) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean bigEndian = file.contains("bigendian");
    String ours = new DicomJsonWriter().toJson(DicomReader.readFile(path).dataset());
    List<String> diffs = new ArrayList<>();
    compareDataset(normalizeDataset(JsonTree.object(expected), bigEndian), JsonTree.object(ours), "", diffs);
    assertThat(diffs).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalizeDataset(Map<String, Object> ds, boolean bigEndian) {
    ds.remove("FFFCFFFC");
    for (var e : ds.entrySet()) {
      Map<String, Object> attr = (Map<String, Object>) e.getValue();
      normalizePydicom(attr, bigEndian);
    }
    return ds;
  }

  @SuppressWarnings("unchecked")
  private static void normalizePydicom(Map<String, Object> attr, boolean bigEndian) {
    String vr = (String) attr.get("vr");
    Object value = attr.get("Value");
    if (value instanceof List<?> list) {
      if (vr.equals("SQ")) {
        for (Object item : list) normalizeDataset((Map<String, Object>) item, bigEndian);
      }
      if (vr.equals("PN")) {
        for (Object pn : list) {
          if (pn instanceof Map<?, ?> m) m.values().removeIf(v -> v instanceof String g && g.replace("^", "").isBlank());
        }
      }
      // empty values: "Value": [], [""] or [{}] is no Value at all (F.2.5)
      if (list.isEmpty() || list.size() == 1 && ("".equals(list.get(0)) || list.get(0) instanceof Map<?, ?> m && m.isEmpty() && vr.equals("PN"))) {
        attr.remove("Value");
      }
    }
    if (bigEndian && attr.get("InlineBinary") instanceof String s && List.of("OW", "OF", "OD", "OL", "OV").contains(vr)) {
      byte[] b = Base64.getDecoder().decode(s);
      int unit = vr.equals("OW") ? 2 : vr.equals("OD") || vr.equals("OV") ? 8 : 4;
      for (int i = 0; i + unit <= b.length; i += unit) {
        for (int a = i, z = i + unit - 1; a < z; a++, z--) {
          byte t = b[a];
          b[a] = b[z];
          b[z] = t;
        }
      }
      attr.put("InlineBinary", Base64.getEncoder().encodeToString(b));
    }
  }

  @SuppressWarnings("unchecked")
  private static void compareDataset(Map<String, Object> expected, Map<String, Object> actual, String path, List<String> diffs) {
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      String at = path + key;
      Map<String, Object> e = (Map<String, Object>) expected.get(key);
      Map<String, Object> a = (Map<String, Object>) actual.get(key);
      if (e == null || a == null) {
        diffs.add(at + ": only in " + (e == null ? "ours" : "pydicom's"));
        continue;
      }
      if (!Objects.equals(e.get("vr"), a.get("vr"))) diffs.add(at + ": vr " + e.get("vr") + " vs ours " + a.get("vr"));
      if (!Objects.equals(e.keySet(), a.keySet())) {
        diffs.add(at + ": members " + e.keySet() + " vs ours " + a.keySet());
        continue;
      }
      if (e.get("InlineBinary") != null) {
        if (!java.util.Arrays.equals(Base64.getDecoder().decode((String) e.get("InlineBinary")),
            Base64.getDecoder().decode((String) a.get("InlineBinary")))) {
          diffs.add(at + ": InlineBinary differs");
        }
      }
      if (e.get("Value") instanceof List<?> ev && a.get("Value") instanceof List<?> av) {
        if (ev.size() != av.size()) {
          diffs.add(at + ": " + ev.size() + " values vs ours " + av.size());
          continue;
        }
        for (int i = 0; i < ev.size(); i++) {
          Object x = ev.get(i);
          Object y = av.get(i);
          if ("SQ".equals(e.get("vr"))) {
            compareDataset((Map<String, Object>) x, (Map<String, Object>) y, at + "[" + i + "]/", diffs);
          } else if ("FL".equals(e.get("vr")) && x instanceof BigDecimal p && y instanceof BigDecimal q) {
            // pydicom prints the float widened to double (-77.20406341552734), we print the
            // shortest decimal that gives the same float (-77.20406): the same FL value
            if (p.floatValue() != q.floatValue()) diffs.add(at + "[" + i + "]: " + x + " vs ours " + y);
          } else if (x instanceof BigDecimal p && y instanceof BigDecimal q ? p.compareTo(q) != 0 : !Objects.equals(x, y)) {
            diffs.add(at + "[" + i + "]: " + x + " vs ours " + y);
          }
        }
      }
    }
  }
}
