package org.linnea.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.QueryAttributes.Attribute;

/**
 * Turns rows of a query's answer into data sets with the return keys: values from the row's
 * columns (Modalities in Study and SOP Classes in Study too: the study row keeps them, maintained
 * at ingest), and a zero-length value for a return key the index does not hold (PS3.4
 * C.2.2.1.2). Answers with text outside ASCII carry Specific Character Set ISO_IR 192 (UTF-8).
 */
final class QueryResults {
  private static final ElementDictionary DICT = ElementDictionary.standard();

  private final Query query;
  private final List<Integer> tags;

  QueryResults(Query q) {
    this.query = q;
    Set<Integer> t = new LinkedHashSet<>(q.returnTags());
    t.add(QueryAttributes.uniqueKey(q.level()));
    this.tags = new ArrayList<>(t);
  }

  /** Reads every row, handing answers to {@code consumer} until it returns false. */
  void stream(ResultSet rs, Predicate<Dataset> consumer) throws SQLException {
    while (rs.next()) {
      if (!consumer.test(dataset(read(rs)))) return;
    }
  }

  private Map<Integer, String> read(ResultSet rs) throws SQLException {
    Map<Integer, String> values = new LinkedHashMap<>();
    for (int tag : tags) {
      Attribute a = QueryAttributes.of(tag).orElse(null);
      String v = null;
      if (a != null && a.level().ordinal() <= query.level().ordinal()) {
        v = switch (a.kind()) {
          case MODALITIES_IN_STUDY -> rs.getString("modalities");
          case SOP_CLASSES_IN_STUDY -> rs.getString("sop_classes");
          case COUNT -> {
            String label = a.column().replace("st.", "st_").replace("se.", "se_").replace("p.", "");
            yield Integer.toString(rs.getInt(label));
          }
          case INTEGER -> {
            int n = rs.getInt(column(a));
            yield rs.wasNull() ? null : Integer.toString(n);
          }
          case TIME -> time(rs.getString(column(a)));
          default -> rs.getString(column(a));
        };
      }
      values.put(tag, v);
    }
    return values;
  }

  private Dataset dataset(Map<Integer, String> values) {
    boolean nonAscii = false;
    for (String v : values.values()) {
      if (v != null && !v.chars().allMatch(ch -> ch < 0x80)) {
        nonAscii = true;
        break;
      }
    }
    Dataset ds = new Dataset();
    if (nonAscii) ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.QueryRetrieveLevel, VR.CS, query.level().name());
    for (Map.Entry<Integer, String> e : values.entrySet()) {
      int tag = e.getKey();
      VR vr = DICT.vrOf(tag);
      if (vr == VR.SQ) {
        ds.setNull(tag, VR.SQ);
      } else if (e.getValue() == null || e.getValue().isEmpty()) {
        ds.setNull(tag, vr);
      } else {
        ds.setString(tag, vr, e.getValue().split("\\\\"));
      }
    }
    return ds;
  }

  private static String column(Attribute a) {
    return a.column().substring(a.column().indexOf('.') + 1);
  }

  /** HHMMSS.FFFFFF as stored, shortened to HHMMSS when there are no fractions. */
  private static String time(String stored) {
    if (stored == null) return null;
    return stored.endsWith(".000000") ? stored.substring(0, 6) : stored;
  }
}
