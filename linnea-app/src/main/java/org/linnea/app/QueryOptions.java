package org.linnea.app;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Query keys, level and information model shared by find, move and get. */
final class QueryOptions {
  enum Level { PATIENT, STUDY, SERIES, IMAGE }

  @Option(names = {"-k", "--key"}, paramLabel = "KEY[=VALUE]",
      description = "A matching or return key: a keyword or gggg,eeee tag, with a value to match (wildcards * and ? allowed) "
          + "or without one to have it returned. Repeatable.")
  List<String> keys = List.of();

  @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "STUDY",
      description = "Query/retrieve level: PATIENT, STUDY, SERIES or IMAGE. Default: ${DEFAULT-VALUE}.")
  Level level;

  @ArgGroup(exclusive = true)
  Model model = new Model();

  static final class Model {
    @Option(names = "--patient-root", description = "Use the Patient Root information model.") boolean patientRoot;
    @Option(names = "--study-root", description = "Use the Study Root information model (the default).") boolean studyRoot;
  }

  private static final Map<Level, List<Integer>> DEFAULT_RETURN_KEYS = Map.of(
      Level.PATIENT, List.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex),
      Level.STUDY, List.of(Tag.PatientName, Tag.PatientID, Tag.StudyDate, Tag.StudyDescription, Tag.AccessionNumber, Tag.StudyInstanceUID),
      Level.SERIES, List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription),
      Level.IMAGE, List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber));

  /** The SOP class of the information model for a service: "FIND", "MOVE" or "GET". */
  String sopClass(String service) {
    boolean patient = model.patientRoot;
    return switch (service) {
      case "FIND" -> patient ? UID.PatientRootQueryRetrieveInformationModelFind : UID.StudyRootQueryRetrieveInformationModelFind;
      case "MOVE" -> patient ? UID.PatientRootQueryRetrieveInformationModelMove : UID.StudyRootQueryRetrieveInformationModelMove;
      default -> patient ? UID.PatientRootQueryRetrieveInformationModelGet : UID.StudyRootQueryRetrieveInformationModelGet;
    };
  }

  /** The identifier; with {@code returnKeys}, the usual attributes of the level are asked for too. */
  Dataset identifier(boolean returnKeys) {
    ElementDictionary dict = ElementDictionary.standard();
    Dataset ds = new Dataset();
    ds.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
    if (returnKeys) {
      for (int tag : DEFAULT_RETURN_KEYS.get(level)) {
        ds.setNull(tag, dict.vrOf(tag));
      }
    }
    for (String k : keys) {
      int eq = k.indexOf('=');
      String name = eq < 0 ? k : k.substring(0, eq);
      String value = eq < 0 ? "" : k.substring(eq + 1);
      int tag = tagOf(name);
      VR vr = dict.vrOf(tag);
      if (value.isEmpty()) {
        ds.setNull(tag, vr);
      } else {
        ds.setString(tag, vr, value.split("\\\\"));
      }
    }
    return ds;
  }

  static int tagOf(String name) {
    OptionalInt t = ElementDictionary.standard().tagOf(name);
    if (t.isPresent()) {
      return t.getAsInt();
    }
    try {
      return Tags.parse(name);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown key '" + name + "': use a DICOM keyword such as PatientName or a tag such as 0010,0010");
    }
  }
}
