package org.linnea.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.linnea.index.QueryAttributes.Attribute;
import org.linnea.index.QueryAttributes.Kind;

/**
 * Turns a {@link Query} into one parameterised SQL statement: the joins down to the query's level,
 * a condition per matching key, the organisation, order and page. User input only ever becomes a
 * parameter, never SQL text; wildcards become LIKE patterns with '\' as the escape character.
 *
 * <p>Keys the index holds no column for, and keys below the query level, are not matched
 * (universal matching, which PS3.4 C.2.2.1.2 permits for optional keys); Modalities in Study and
 * SOP Classes in Study match at the study level through the series and instances below.
 */
final class QuerySql {
  final String sql;
  final List<Object> params;

  private QuerySql(String sql, List<Object> params) {
    this.sql = sql;
    this.params = params;
  }

  static final String PATIENT_COLUMNS = "p.pk AS p_pk, p.patient_id, p.issuer, p.patient_name, p.birth_date, p.sex, p.num_studies, p.num_series, p.num_instances";
  static final String STUDY_COLUMNS = "st.pk AS st_pk, st.study_uid, st.study_date, st.study_time, st.accession_number, st.study_id, st.referring_physician, st.study_description, st.num_series AS st_num_series, st.num_instances AS st_num_instances, st.modalities, st.sop_classes";
  static final String SERIES_COLUMNS = "se.pk AS se_pk, se.series_uid, se.modality, se.series_number, se.series_description, se.num_instances AS se_num_instances";
  static final String INSTANCE_COLUMNS = "i.pk AS i_pk, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.transfer_syntax, i.store_key, i.object_size, i.sha256, i.data_offset, i.received_at, i.org_fk AS i_org";

  /** The SELECT of answers to {@code q}. */
  static QuerySql select(Query q) {
    StringBuilder cols = new StringBuilder(PATIENT_COLUMNS);
    if (!q.level().isAbove(Level.STUDY)) cols.append(", ").append(STUDY_COLUMNS);
    if (!q.level().isAbove(Level.SERIES)) cols.append(", ").append(SERIES_COLUMNS);
    if (q.level() == Level.IMAGE) cols.append(", ").append(INSTANCE_COLUMNS);
    return build(q, q.level(), cols.toString(), true);
  }

  /** The SELECT of the instances below the entities {@code q} matches (retrieve, no page). */
  static QuerySql locate(Query q) {
    return build(q, Level.IMAGE, "st.study_uid, se.series_uid, " + INSTANCE_COLUMNS, false);
  }

  private static QuerySql build(Query q, Level joinLevel, String columns, boolean page) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ");
    String pk;
    switch (joinLevel) {
      case PATIENT -> {
        sql.append("patient p");
        pk = "p.pk";
      }
      case STUDY -> {
        sql.append("study st JOIN patient p ON st.patient_fk = p.pk");
        pk = "st.pk";
      }
      case SERIES -> {
        sql.append("series se JOIN study st ON se.study_fk = st.pk JOIN patient p ON st.patient_fk = p.pk");
        pk = "se.pk";
      }
      default -> {
        sql.append("instance i JOIN series se ON i.series_fk = se.pk JOIN study st ON i.study_fk = st.pk JOIN patient p ON st.patient_fk = p.pk");
        pk = "i.pk";
      }
    }
    if (joinLevel == Level.STUDY && page && studyColumnsOnly(q)) return studyPage(q, columns);
    // The organisation on every joined table: each table's identity index starts with org_fk,
    // and a condition on one table only lets H2 drive the join from that table's org_fk
    // (foreign-key) index, which is not selective at all.
    sql.append(" WHERE p.org_fk = ?");
    params.add(q.organisation());
    for (String alias : List.of("st", "se", "i").subList(0, joinLevel.ordinal())) {
      sql.append(" AND ").append(alias).append(".org_fk = ?");
      params.add(q.organisation());
    }
    for (Map.Entry<Integer, Matching> e : q.keys().entrySet()) {
      Attribute a = QueryAttributes.of(e.getKey()).orElse(null);
      if (a == null || a.level().ordinal() > q.level().ordinal() || a.level().ordinal() > joinLevel.ordinal()) continue;
      condition(onStudy(a, joinLevel), e.getValue(), sql, params);
    }
    // Order only when paging with an offset (a stable order across pages); otherwise the
    // planner is free to start from the most selective index (H2 would otherwise walk the
    // primary key to avoid a sort).
    if (!page || q.offset() > 0) sql.append(" ORDER BY ").append(pk);
    if (page) pageClause(q, sql, params);
    return new QuerySql(sql.toString(), params);
  }

  /**
   * A study-level page whose keys are all on the study table: the conditions (and the
   * organisation) are on the study alone, and the patient is joined by its key, so that the
   * planner starts from the study table's own indexes (date, accession number, the patient's name
   * kept on the study) and stops when the page is full. With a condition on the patient too, H2
   * may start from the patients and probe their studies — thousands of rows for a date range. A
   * derived table ("the page of studies, then their patients") does not do: H2 plans a derived
   * table before its parameters are known, and a LIKE without its pattern uses no index. A study's
   * patient always belongs to the study's organisation (the ingest finds it by organisation).
   */
  private static QuerySql studyPage(Query q, String columns) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM study st JOIN patient p ON st.patient_fk = p.pk WHERE st.org_fk = ?");
    params.add(q.organisation());
    for (Map.Entry<Integer, Matching> e : q.keys().entrySet()) {
      Attribute a = QueryAttributes.of(e.getKey()).orElse(null);
      if (a == null || a.level().ordinal() > Level.STUDY.ordinal()) continue;
      condition(onStudy(a, Level.STUDY), e.getValue(), sql, params);
    }
    if (q.offset() > 0) sql.append(" ORDER BY st.pk");
    pageClause(q, sql, params);
    return new QuerySql(sql.toString(), params);
  }

  /** Whether every matching key of a study-level query has a column on the study table. */
  private static boolean studyColumnsOnly(Query q) {
    for (Map.Entry<Integer, Matching> e : q.keys().entrySet()) {
      Attribute a = QueryAttributes.of(e.getKey()).orElse(null);
      if (a == null || e.getValue() instanceof Matching.Universal || a.kind() == Kind.COUNT) continue;
      if (a.level() == Level.PATIENT && a.tag() != org.linnea.dicom.Tag.PatientName) return false;
    }
    return true;
  }

  /** Patient's Name at the study level and below matches the copy kept on the study row. */
  private static Attribute onStudy(Attribute a, Level joinLevel) {
    if (a.tag() == org.linnea.dicom.Tag.PatientName && joinLevel != Level.PATIENT) {
      return new Attribute(a.tag(), a.level(), a.kind(), a.column(), "st.patient_name_norm");
    }
    return a;
  }

  private static void pageClause(Query q, StringBuilder sql, List<Object> params) {
    if (q.offset() > 0) {
      sql.append(" OFFSET ? ROWS");
      params.add(q.offset());
    }
    if (q.limit() > 0) {
      sql.append(" FETCH FIRST ? ROWS ONLY");
      params.add(q.limit());
    }
  }

  private static void condition(Attribute a, Matching m, StringBuilder sql, List<Object> params) {
    if (m instanceof Matching.Universal) return;
    switch (a.kind()) {
      case COUNT -> { /* computed attributes are returned, not matched */ }
      case MODALITIES_IN_STUDY -> exists("series x WHERE x.study_fk = st.pk AND ", "x.modality", valueList(m), m, sql, params);
      case SOP_CLASSES_IN_STUDY -> exists("instance x WHERE x.study_fk = st.pk AND ", "x.sop_class_uid", valueList(m), m, sql, params);
      case PERSON_NAME -> {
        switch (m) {
          case Matching.Single s -> eq(a.normColumn(), Normalized.personName(s.value()), sql, params);
          case Matching.Wildcard w -> like(a.normColumn(), Normalized.personNamePattern(w.pattern()), sql, params);
          case Matching.UidList l -> in(a.normColumn(), l.uids().stream().map(Normalized::personName).toList(), sql, params);
          default -> throw invalid(a, m);
        }
      }
      case STRING -> {
        switch (m) {
          case Matching.Single s -> eq(a.column(), s.value(), sql, params);
          case Matching.Wildcard w -> like(a.column(), w.pattern(), sql, params);
          case Matching.UidList l -> in(a.column(), l.uids(), sql, params);
          default -> throw invalid(a, m);
        }
      }
      case UID -> {
        switch (m) {
          case Matching.Single s -> eq(a.column(), s.value(), sql, params);
          case Matching.UidList l -> in(a.column(), l.uids(), sql, params);
          default -> throw invalid(a, m);
        }
      }
      case INTEGER -> {
        if (!(m instanceof Matching.Single s)) throw invalid(a, m);
        try {
          eq(a.column(), Integer.parseInt(s.value().strip()), sql, params);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not an integer for " + org.linnea.dicom.Tags.toString(a.tag()) + ": " + s.value());
        }
      }
      case DATE -> {
        switch (m) {
          case Matching.Single s -> eq(a.column(), date(a, s.value()), sql, params);
          case Matching.Range r -> range(a.column(), r.lower() == null ? null : date(a, r.lower()), r.upper() == null ? null : date(a, r.upper()), sql, params);
          default -> throw invalid(a, m);
        }
      }
      case TIME -> {
        switch (m) {
          case Matching.Single s -> range(a.column(), time(a, s.value(), false), time(a, s.value(), true), sql, params);
          case Matching.Range r -> range(a.column(), r.lower() == null ? null : time(a, r.lower(), false), r.upper() == null ? null : time(a, r.upper(), true), sql, params);
          default -> throw invalid(a, m);
        }
      }
    }
  }

  private static List<String> valueList(Matching m) {
    return switch (m) {
      case Matching.Single s -> List.of(s.value().split("\\\\")).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
      case Matching.UidList l -> l.uids();
      default -> List.of();
    };
  }

  private static void exists(String from, String column, List<String> values, Matching m, StringBuilder sql, List<Object> params) {
    sql.append(" AND EXISTS (SELECT 1 FROM ").append(from);
    if (m instanceof Matching.Wildcard w) {
      sql.append(column).append(" LIKE ? ESCAPE '\\'");
      params.add(likePattern(w.pattern()));
    } else {
      sql.append(column).append(" IN (");
      for (int k = 0; k < values.size(); k++) {
        sql.append(k == 0 ? "?" : ", ?");
        params.add(values.get(k));
      }
      sql.append(")");
    }
    sql.append(")");
  }

  private static void eq(String column, Object value, StringBuilder sql, List<Object> params) {
    sql.append(" AND ").append(column).append(" = ?");
    params.add(value);
  }

  private static void in(String column, List<String> values, StringBuilder sql, List<Object> params) {
    if (values.isEmpty()) return;
    sql.append(" AND ").append(column).append(" IN (");
    for (int k = 0; k < values.size(); k++) {
      sql.append(k == 0 ? "?" : ", ?");
      params.add(values.get(k));
    }
    sql.append(")");
  }

  private static void like(String column, String pattern, StringBuilder sql, List<Object> params) {
    sql.append(" AND ").append(column).append(" LIKE ? ESCAPE '\\'");
    params.add(likePattern(pattern));
  }

  private static void range(String column, String lower, String upper, StringBuilder sql, List<Object> params) {
    if (lower != null) {
      sql.append(" AND ").append(column).append(" >= ?");
      params.add(lower);
    }
    if (upper != null) {
      sql.append(" AND ").append(column).append(" <= ?");
      params.add(upper);
    }
  }

  /** A DICOM wildcard pattern as a LIKE pattern: '*' to '%', '?' to '_', LIKE's own characters escaped. */
  static String likePattern(String dicom) {
    StringBuilder b = new StringBuilder(dicom.length() + 4);
    for (int k = 0; k < dicom.length(); k++) {
      char c = dicom.charAt(k);
      switch (c) {
        case '*' -> b.append('%');
        case '?' -> b.append('_');
        case '%', '_', '\\' -> b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String date(Attribute a, String v) {
    String d = Normalized.date(v);
    if (d == null) throw new IllegalArgumentException("not a date for " + org.linnea.dicom.Tags.toString(a.tag()) + ": " + v);
    return d;
  }

  private static String time(Attribute a, String v, boolean upper) {
    String t = upper ? Normalized.timeUpper(v) : Normalized.time(v);
    if (t == null) throw new IllegalArgumentException("not a time for " + org.linnea.dicom.Tags.toString(a.tag()) + ": " + v);
    return t;
  }

  private static IllegalArgumentException invalid(Attribute a, Matching m) {
    return new IllegalArgumentException(m.getClass().getSimpleName() + " matching is not defined for " + org.linnea.dicom.Tags.toString(a.tag()));
  }
}
