package org.linnea.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the index removed for the deletion of a study or one of its series: the patient (for the
 * audit record) and the store keys of every current instance and earlier version removed.
 *
 * @param seriesUid the series deleted, or null for the whole study
 */
public record StudyDeletion(long organisation, String patientId, String studyUid, String seriesUid, int instances, List<String> storeKeys) {

  /** Deletes in one transaction (the caller's); empty when the study (or series) is not the organisation's. */
  static Optional<StudyDeletion> run(Connection c, long org, String studyUid, String seriesUid) throws SQLException {
    long studyPk;
    long patientPk;
    String patientId;
    try (PreparedStatement ps = c.prepareStatement("SELECT s.pk, s.patient_fk, p.patient_id FROM study s JOIN patient p ON s.patient_fk = p.pk"
        + " WHERE s.org_fk = ? AND s.study_uid = ?")) {
      ps.setLong(1, org);
      ps.setString(2, studyUid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        studyPk = rs.getLong(1);
        patientPk = rs.getLong(2);
        patientId = rs.getString(3);
      }
    }
    Long seriesPk = null;
    if (seriesUid != null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT pk FROM series WHERE org_fk = ? AND series_uid = ? AND study_fk = ?")) {
        ps.setLong(1, org);
        ps.setString(2, seriesUid);
        ps.setLong(3, studyPk);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          seriesPk = rs.getLong(1);
        }
      }
    }
    String scope = seriesPk == null ? "study_fk = ?" : "series_fk = ?";
    long scopePk = seriesPk == null ? studyPk : seriesPk;
    List<String> keys = new ArrayList<>();
    String versions = "FROM instance_version WHERE org_fk = ? AND sop_instance_uid IN (SELECT sop_instance_uid FROM instance WHERE " + scope + ")";
    try (PreparedStatement ps = c.prepareStatement("SELECT store_key " + versions)) {
      ps.setLong(1, org);
      ps.setLong(2, scopePk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) keys.add(rs.getString(1));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT store_key FROM instance WHERE " + scope)) {
      ps.setLong(1, scopePk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) keys.add(rs.getString(1));
      }
    }
    int instances;
    try (PreparedStatement ps = c.prepareStatement("DELETE " + versions)) {
      ps.setLong(1, org);
      ps.setLong(2, scopePk);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM instance WHERE " + scope)) {
      ps.setLong(1, scopePk);
      instances = ps.executeUpdate();
    }
    int series = update(c, "DELETE FROM series WHERE " + (seriesPk == null ? "study_fk = ?" : "pk = ?"), scopePk);
    boolean studyGone = seriesPk == null || count(c, "SELECT COUNT(*) FROM series WHERE study_fk = ?", studyPk) == 0;
    if (studyGone) {
      update(c, "DELETE FROM study WHERE pk = ?", studyPk);
    } else {
      try (PreparedStatement ps = c.prepareStatement("UPDATE study SET num_series = num_series - ?, num_instances = num_instances - ?, modalities = ?,"
          + " sop_classes = ? WHERE pk = ?")) {
        ps.setInt(1, series);
        ps.setInt(2, instances);
        ps.setString(3, list(c, "SELECT DISTINCT modality FROM series WHERE study_fk = ? AND modality IS NOT NULL", studyPk));
        ps.setString(4, list(c, "SELECT DISTINCT sop_class_uid FROM instance WHERE study_fk = ?", studyPk));
        ps.setLong(5, studyPk);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET num_studies = num_studies - ?, num_series = num_series - ?,"
        + " num_instances = num_instances - ? WHERE pk = ?")) {
      ps.setInt(1, studyGone ? 1 : 0);
      ps.setInt(2, series);
      ps.setInt(3, instances);
      ps.setLong(4, patientPk);
      ps.executeUpdate();
    }
    update(c, "DELETE FROM patient WHERE pk = ? AND num_studies <= 0", patientPk);
    return Optional.of(new StudyDeletion(org, patientId, studyUid, seriesUid, instances, List.copyOf(keys)));
  }

  private static int update(Connection c, String sql, long pk) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, pk);
      return ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql, long pk) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String list(Connection c, String sql, long pk) throws SQLException {
    TreeSet<String> values = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) values.add(rs.getString(1));
      }
    }
    return values.isEmpty() ? null : String.join("\\", values);
  }
}
