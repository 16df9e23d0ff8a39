package org.linnea.index;

import java.time.Instant;
import java.util.OptionalInt;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;

/**
 * What the index records of one instance: the attributes of its patient, study, series and
 * instance that queries match on, and where its bytes are. Built from the header of the instance
 * ({@link #of}); values are cut to the columns' widths.
 */
public record InstanceRecord(
    long organisation,
    String patientId,
    String issuerOfPatientId,
    String patientName,
    String patientBirthDate,
    String patientSex,
    String studyUid,
    String studyDate,
    String studyTime,
    String accessionNumber,
    String studyId,
    String referringPhysicianName,
    String studyDescription,
    String seriesUid,
    String modality,
    Integer seriesNumber,
    String seriesDescription,
    String sopClassUid,
    String sopInstanceUid,
    Integer instanceNumber,
    String transferSyntax,
    String storeKey,
    long size,
    String sha256,
    long dataOffset,
    Instant receivedAt,
    String source) {

  public InstanceRecord {
    for (String[] required : new String[][] {{"Study Instance UID", studyUid}, {"Series Instance UID", seriesUid},
        {"SOP Class UID", sopClassUid}, {"SOP Instance UID", sopInstanceUid}, {"transfer syntax", transferSyntax}, {"store key", storeKey}}) {
      if (required[1] == null || required[1].isBlank()) {
        throw new IllegalArgumentException("instance without " + required[0]);
      }
    }
    studyDate = Normalized.date(studyDate);
    studyTime = Normalized.time(studyTime);
    patientBirthDate = Normalized.date(patientBirthDate);
    patientId = patientId == null ? "" : patientId;
    issuerOfPatientId = issuerOfPatientId == null ? "" : issuerOfPatientId;
  }

  /** Where the bytes are and when they arrived. */
  public record Storage(String storeKey, long size, String sha256, long dataOffset, Instant receivedAt, String source) {}

  /**
   * The record of an instance from its header (the data set up to, or without, Pixel Data).
   *
   * @throws IllegalArgumentException when a required UID is missing
   */
  public static InstanceRecord of(long organisation, Dataset ds, String sopClassUid, String sopInstanceUid, String transferSyntax, Storage where) {
    return new InstanceRecord(
        organisation,
        Normalized.cut(ds.getString(Tag.PatientID).orElse(""), 256),
        Normalized.cut(ds.getString(Tag.IssuerOfPatientID).orElse(""), 256),
        Normalized.cut(ds.getString(Tag.PatientName).orElse(null), 1024),
        Normalized.date(ds.getString(Tag.PatientBirthDate).orElse(null)),
        Normalized.cut(ds.getString(Tag.PatientSex).orElse(null), 16),
        Normalized.cut(ds.getString(Tag.StudyInstanceUID).orElse(null), 64),
        Normalized.date(ds.getString(Tag.StudyDate).orElse(null)),
        Normalized.time(ds.getString(Tag.StudyTime).orElse(null)),
        Normalized.cut(ds.getString(Tag.AccessionNumber).orElse(null), 256),
        Normalized.cut(ds.getString(Tag.StudyID).orElse(null), 256),
        Normalized.cut(ds.getString(Tag.ReferringPhysicianName).orElse(null), 1024),
        Normalized.cut(ds.getString(Tag.StudyDescription).orElse(null), 1024),
        Normalized.cut(ds.getString(Tag.SeriesInstanceUID).orElse(null), 64),
        Normalized.cut(ds.getString(Tag.Modality).orElse(null), 16),
        integer(ds.getInt(Tag.SeriesNumber)),
        Normalized.cut(ds.getString(Tag.SeriesDescription).orElse(null), 1024),
        sopClassUid,
        sopInstanceUid,
        integer(ds.getInt(Tag.InstanceNumber)),
        transferSyntax,
        where.storeKey(),
        where.size(),
        where.sha256(),
        where.dataOffset(),
        where.receivedAt(),
        Normalized.cut(where.source(), 256));
  }

  private static Integer integer(OptionalInt i) {
    return i.isPresent() ? i.getAsInt() : null;
  }
}
