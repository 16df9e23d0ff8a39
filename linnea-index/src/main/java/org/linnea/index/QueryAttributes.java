package org.linnea.index;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.linnea.dicom.Tag;

/**
 * The attributes the index can match and return, with the column that holds each: the required
 * and unique keys of the Patient Root and Study Root information models (PS3.4 C.6.1.1 and
 * C.6.2.1), the optional keys QIDO-RS (PS3.18 10.6.1.2.3) asks every origin server to match, and
 * the computed attributes of PS3.4 C.3.4.
 */
final class QueryAttributes {
  private QueryAttributes() {}

  enum Kind { STRING, PERSON_NAME, DATE, TIME, UID, INTEGER, COUNT, MODALITIES_IN_STUDY, SOP_CLASSES_IN_STUDY }

  /** An attribute: its level, the column (alias-qualified) and, for person names, the normalised column. */
  record Attribute(int tag, Level level, Kind kind, String column, String normColumn) {}

  private static final Map<Integer, Attribute> BY_TAG = new HashMap<>();

  private static void add(int tag, Level level, Kind kind, String column) {
    add(tag, level, kind, column, null);
  }

  private static void add(int tag, Level level, Kind kind, String column, String norm) {
    BY_TAG.put(tag, new Attribute(tag, level, kind, column, norm));
  }

  static {
    add(Tag.PatientName, Level.PATIENT, Kind.PERSON_NAME, "p.patient_name", "p.patient_name_norm");
    add(Tag.PatientID, Level.PATIENT, Kind.STRING, "p.patient_id");
    add(Tag.IssuerOfPatientID, Level.PATIENT, Kind.STRING, "p.issuer");
    add(Tag.PatientBirthDate, Level.PATIENT, Kind.DATE, "p.birth_date");
    add(Tag.PatientSex, Level.PATIENT, Kind.STRING, "p.sex");
    add(Tag.NumberOfPatientRelatedStudies, Level.PATIENT, Kind.COUNT, "p.num_studies");
    add(Tag.NumberOfPatientRelatedSeries, Level.PATIENT, Kind.COUNT, "p.num_series");
    add(Tag.NumberOfPatientRelatedInstances, Level.PATIENT, Kind.COUNT, "p.num_instances");

    add(Tag.StudyInstanceUID, Level.STUDY, Kind.UID, "st.study_uid");
    add(Tag.StudyDate, Level.STUDY, Kind.DATE, "st.study_date");
    add(Tag.StudyTime, Level.STUDY, Kind.TIME, "st.study_time");
    add(Tag.AccessionNumber, Level.STUDY, Kind.STRING, "st.accession_number");
    add(Tag.StudyID, Level.STUDY, Kind.STRING, "st.study_id");
    add(Tag.ReferringPhysicianName, Level.STUDY, Kind.PERSON_NAME, "st.referring_physician", "st.referring_physician_norm");
    add(Tag.StudyDescription, Level.STUDY, Kind.STRING, "st.study_description");
    add(Tag.NumberOfStudyRelatedSeries, Level.STUDY, Kind.COUNT, "st.num_series");
    add(Tag.NumberOfStudyRelatedInstances, Level.STUDY, Kind.COUNT, "st.num_instances");
    add(Tag.ModalitiesInStudy, Level.STUDY, Kind.MODALITIES_IN_STUDY, null);
    add(Tag.SOPClassesInStudy, Level.STUDY, Kind.SOP_CLASSES_IN_STUDY, null);

    add(Tag.SeriesInstanceUID, Level.SERIES, Kind.UID, "se.series_uid");
    add(Tag.Modality, Level.SERIES, Kind.STRING, "se.modality");
    add(Tag.SeriesNumber, Level.SERIES, Kind.INTEGER, "se.series_number");
    add(Tag.SeriesDescription, Level.SERIES, Kind.STRING, "se.series_description");
    add(Tag.NumberOfSeriesRelatedInstances, Level.SERIES, Kind.COUNT, "se.num_instances");

    add(Tag.SOPInstanceUID, Level.IMAGE, Kind.UID, "i.sop_instance_uid");
    add(Tag.SOPClassUID, Level.IMAGE, Kind.UID, "i.sop_class_uid");
    add(Tag.InstanceNumber, Level.IMAGE, Kind.INTEGER, "i.instance_number");
    add(Tag.AvailableTransferSyntaxUID, Level.IMAGE, Kind.UID, "i.transfer_syntax");
  }

  static Optional<Attribute> of(int tag) {
    return Optional.ofNullable(BY_TAG.get(tag));
  }

  /** The unique key of a level (PS3.4 C.6). */
  static int uniqueKey(Level level) {
    return switch (level) {
      case PATIENT -> Tag.PatientID;
      case STUDY -> Tag.StudyInstanceUID;
      case SERIES -> Tag.SeriesInstanceUID;
      case IMAGE -> Tag.SOPInstanceUID;
    };
  }
}
