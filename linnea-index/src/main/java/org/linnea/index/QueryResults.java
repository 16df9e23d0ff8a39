package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.index.QueryAttributes.Attribute;

/**
 * Turns rows of a query's answer into data sets with the return keys: values from the row's
 * columns, Modalities in Study and SOP Classes in Study from the series and instances of the
 * study (looked up for up to {@value #BATCH} answers at a time), and a zero-length value for a
 * return key the index does not hold (PS3.4 C.2.2.1.2). Answers with text outside ASCII carry
 * Specific Character Set ISO_IR 192 (UTF-8).
 */
final class QueryResults {
  private static final ElementDictionary DICT = ElementDictionary.standard();
  static final int BATCH = 100;

  private final Connection connection;
  private final Query query;
  private final List<Integer> tags;
  private final boolean modalities;
  private final boolean sopClasses;

  /** An answer read from its row, waiting for its study's lists. */
  private record Pending(Map<Integer, String> values, long studyPk) {}

  QueryResults(Connection c, Query q) {
    this.connection = c;
    this.query = q;
    Set<Integer> t = new LinkedHashSet<>(q.returnTags());
    t.add(QueryAttributes.uniqueKey(q.level()));
    this.tags = new ArrayList<>(t);
    boolean studyOrBelow = !q.level().isAbove(Level.STUDY);
    this.modalities = studyOrBelow && t.contains(Tag.ModalitiesInStudy);
    this.sopClasses = studyOrBelow && t.contains(Tag.SOPClassesInStudy);
  }

  /** Reads every row, handing answers to {@code consumer} until it returns false. */
  void stream(ResultSet rs, Predicate<Dataset> consumer) throws SQLException {
    List<Pending> batch = new ArrayList<>(BATCH);
    boolean more = true;
    while (more && rs.next()) {
      batch.add(read(rs));
      if (batch.size() == BATCH) {
        more = flush(batch, consumer);
        batch.clear();
      }
    }
    if (more && !batch.isEmpty()) flush(batch, consumer);
  }

  private Pending read(ResultSet rs) throws SQLException {
    Map<Integer, String> values = new LinkedHashMap<>();
    for (int tag : tags) {
      Attribute a = QueryAttributes.of(tag).orElse(null);
      String v = null;
      if (a != null && a.level().ordinal() <= query.level().ordinal()) {
        v = switch (a.kind()) {
          case MODALITIES_IN_STUDY, SOP_CLASSES_IN_STUDY -> null; // filled in by flush
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
    return new Pending(values, modalities || sopClasses ? rs.getLong("st_pk") : 0);
  }

  private boolean flush(List<Pending> batch, Predicate<Dataset> consumer) throws SQLException {
    Map<Long, String> mods = modalities ? lists(batch, "SELECT study_fk, modality FROM series WHERE modality IS NOT NULL AND study_fk IN ") : Map.of();
    Map<Long, String> classes = sopClasses ? lists(batch, "SELECT DISTINCT study_fk, sop_class_uid FROM instance WHERE study_fk IN ") : Map.of();
    for (Pending p : batch) {
      if (modalities) p.values.put(Tag.ModalitiesInStudy, mods.get(p.studyPk));
      if (sopClasses) p.values.put(Tag.SOPClassesInStudy, classes.get(p.studyPk));
      if (!consumer.test(dataset(p.values))) return false;
    }
    return true;
  }

  /** For each study of the batch, the distinct values of the second column, sorted, joined by '\'. */
  private Map<Long, String> lists(List<Pending> batch, String sqlPrefix) throws SQLException {
    Set<Long> pks = new LinkedHashSet<>();
    for (Pending p : batch) pks.add(p.studyPk);
    StringBuilder sql = new StringBuilder(sqlPrefix).append('(');
    for (int k = 0; k < pks.size(); k++) sql.append(k == 0 ? "?" : ", ?");
    sql.append(')');
    Map<Long, TreeSet<String>> sets = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
      int i = 1;
      for (long pk : pks) ps.setLong(i++, pk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) sets.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
      }
    }
    Map<Long, String> out = new HashMap<>();
    sets.forEach((pk, s) -> out.put(pk, String.join("\\", s)));
    return out;
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
