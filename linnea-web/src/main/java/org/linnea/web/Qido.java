package org.linnea.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Fields;
import org.linnea.archive.Archive;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.json.DicomJsonWriter;
import org.linnea.index.Level;
import org.linnea.index.Matching;
import org.linnea.index.Query;

/**
 * QIDO-RS (PS3.18 10.6): searchForStudies, searchForSeries and searchForInstances, turned into
 * one {@link Query} of the archive's query service.
 *
 * <ul>
 *   <li>{@code {attributeID}={value}}: keyword or {@code ggggeeee}; the value matches as PS3.4
 *       C.2.2.2 says for the attribute's VR: single value, {@code *}/{@code ?} wildcards, date and
 *       time ranges {@code a-b}, UID lists separated by commas or backslashes. Attributes the
 *       index holds no column for are not matched (universal matching, allowed for optional
 *       keys); sequence paths ({@code 00081111.00081150}) are refused with 400.
 *   <li>{@code includefield}: more return attributes, or {@code all} for every attribute the
 *       index keeps at the levels answered.
 *   <li>{@code limit}, {@code offset}: paging; a limit above the node's maximum is cut down with
 *       a Warning header (PS3.18 8.3.4.4).
 *   <li>{@code fuzzymatching=true}: person names match by prefix, each value without wildcards
 *       being read as {@code value*} (so "smi" finds "SMITH^JOHN"); matching of person names is
 *       already case-insensitive without it. Linnea does no phonetic matching.
 * </ul>
 *
 * Each answer carries the computed attributes of its level (Number of Study Related Series and
 * Instances, Modalities in Study, Number of Series Related Instances…), Retrieve URL
 * (0008,1190) and Instance Availability (0008,0056) ONLINE.
 */
final class Qido {
  private static final ElementDictionary DICT = ElementDictionary.standard();
  private static final Set<String> CONTROL = Set.of("limit", "offset", "includefield", "fuzzymatching", "accept", "charset");
  private static final Set<String> JSON_TYPES = Set.of("application/dicom+json", "application/json");

  private static final int[] PATIENT = {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex};
  private static final int[] STUDY = {Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.ModalitiesInStudy, Tag.ReferringPhysicianName,
      Tag.StudyInstanceUID, Tag.StudyID, Tag.StudyDescription, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances};
  private static final int[] SERIES = {Tag.Modality, Tag.SeriesDescription, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.NumberOfSeriesRelatedInstances};
  private static final int[] INSTANCE = {Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.InstanceNumber};
  /** What "includefield=all" adds: every attribute the index keeps, by level. */
  private static final int[] ALL_PATIENT = {Tag.IssuerOfPatientID, Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances};
  private static final int[] ALL_STUDY = {Tag.SOPClassesInStudy};
  private static final int[] ALL_INSTANCE = {Tag.AvailableTransferSyntaxUID};

  private final Archive archive;
  private final DicomWebSettings settings;
  private final DicomJsonWriter json = new DicomJsonWriter();

  Qido(Archive archive, DicomWebSettings settings) {
    this.archive = archive;
    this.settings = settings;
  }

  /** searchForStudies / searchForSeries / searchForInstances, with the UIDs of the path. */
  void search(Exchange x, Level level, String study, String series) throws Exception {
    requireJson(x);
    Query q = parse(x.query(), level, study, series, x.organisation);
    int max = settings.maxQueryResults();
    String warning = null;
    if (max > 0 && (q.limit() == 0 || q.limit() > max)) {
      if (q.limit() > max) warning = "299 linnea \"limit " + q.limit() + " is above this server's maximum; at most " + max + " results are returned\"";
      q = q.page(max, q.offset());
    }
    List<Dataset> answers;
    try {
      answers = archive.query().query(q);
    } catch (IllegalArgumentException e) {
      throw WebException.badRequest(e.getMessage());
    }
    if (warning != null) x.response.getHeaders().put(HttpHeader.WARNING, warning);
    try (OutputStream out = x.open(200, "application/dicom+json")) {
      JsonGenerator g = DicomJsonWriter.createGenerator(out, false);
      g.writeStartArray();
      for (Dataset d : answers) {
        computed(x, level, d);
        json.write(g, d);
      }
      g.writeEndArray();
      g.close();
    }
    x.callback.succeeded();
  }

  private static void requireJson(Exchange x) {
    List<MediaType> accept = x.accept();
    if (accept.isEmpty()) return;
    for (MediaType m : accept) {
      if (m.quality() <= 0) continue;
      if (JSON_TYPES.contains(m.essence()) || m.matches("application/dicom+json") || m.matches("application/json")) return;
    }
    throw WebException.notAcceptable("QIDO-RS answers application/dicom+json only");
  }

  private static void computed(Exchange x, Level level, Dataset d) {
    String st = d.getString(Tag.StudyInstanceUID).orElse("");
    StringBuilder url = new StringBuilder(x.base).append("/studies/").append(st);
    if (level != Level.STUDY) url.append("/series/").append(d.getString(Tag.SeriesInstanceUID).orElse(""));
    if (level == Level.IMAGE) url.append("/instances/").append(d.getString(Tag.SOPInstanceUID).orElse(""));
    d.remove(Tag.QueryRetrieveLevel);
    d.setString(Tag.RetrieveURL, VR.UR, url.toString());
    d.setString(Tag.InstanceAvailability, VR.CS, "ONLINE");
  }

  /**
   * The query of a request's parameters, with the UIDs of its path (null where the path has
   * none). Anything wrong with them is a {@link WebException} with status 400.
   */
  static Query parse(Fields f, Level level, String study, String series, long organisation) {
    Query q = Query.of(level, organisation);
    String fuzzymatching = Exchange.param(f, "fuzzymatching");
    boolean fuzzy = switch (String.valueOf(fuzzymatching).toLowerCase(Locale.ROOT)) {
      case "null", "false" -> false;
      case "true" -> true;
      default -> throw WebException.badRequest("fuzzymatching must be true or false, not '" + fuzzymatching + "'");
    };
    int limit = nonNegative(f, "limit");
    int offset = nonNegative(f, "offset");
    Map<Integer, List<String>> keys = new LinkedHashMap<>();
    for (Fields.Field field : f) {
      String name = field.getName();
      if (CONTROL.contains(name.toLowerCase(Locale.ROOT))) continue;
      int tag = attribute(name);
      if (tag == Tag.StudyInstanceUID && study != null || tag == Tag.SeriesInstanceUID && series != null) {
        throw WebException.badRequest(name + " is already given by the path");
      }
      keys.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(field.getValues());
    }
    if (study != null) q = q.match(Tag.StudyInstanceUID, new Matching.Single(study));
    if (series != null) q = q.match(Tag.SeriesInstanceUID, new Matching.Single(series));
    for (Map.Entry<Integer, List<String>> e : keys.entrySet()) {
      int tag = e.getKey();
      String vr = DICT.vrOf(tag).name();
      List<String> values = e.getValue();
      if (vr.equals("SQ")) throw WebException.badRequest("matching on sequence " + Tags.toString(tag) + " is not supported");
      String value;
      if (vr.equals("UI")) {
        List<String> uids = new ArrayList<>();
        for (String v : values) for (String u : v.split("[,\\\\]")) if (!u.isBlank()) uids.add(u.strip());
        for (String u : uids) DicomWeb.uid(u, Tags.toString(tag));
        value = String.join("\\", uids);
      } else {
        if (values.size() > 1) throw WebException.badRequest("attribute " + Tags.toString(tag) + " given " + values.size() + " times");
        value = values.get(0);
        if (value.length() > 1024) throw WebException.badRequest("value of " + Tags.toString(tag) + " is longer than 1024 characters");
        if (vr.equals("DA") || vr.equals("TM") || vr.equals("DT")) checkDateRange(tag, vr, value);
      }
      Matching m = Matching.of(vr, value);
      if (fuzzy && vr.equals("PN") && m instanceof Matching.Single s) m = new Matching.Wildcard(s.value() + "*");
      if (!(m instanceof Matching.Universal)) q = q.match(tag, m);
    }
    List<Integer> ret = new ArrayList<>();
    ret.add(Tag.StudyInstanceUID);
    if (level != Level.STUDY) ret.add(Tag.SeriesInstanceUID);
    add(ret, PATIENT);
    if (level == Level.STUDY || study == null) add(ret, STUDY);
    if (level != Level.STUDY) add(ret, SERIES);
    if (level == Level.IMAGE) add(ret, INSTANCE);
    for (String inc : Exchange.params(f, "includefield")) {
      if (inc.equalsIgnoreCase("all")) {
        add(ret, PATIENT);
        add(ret, ALL_PATIENT);
        add(ret, STUDY);
        add(ret, ALL_STUDY);
        if (level != Level.STUDY) add(ret, SERIES);
        if (level == Level.IMAGE) {
          add(ret, INSTANCE);
          add(ret, ALL_INSTANCE);
        }
      } else {
        ret.add(attribute(inc));
      }
    }
    q = q.returning(ret.stream().mapToInt(Integer::intValue).toArray());
    return q.page(limit, offset);
  }

  private static void add(List<Integer> ret, int[] tags) {
    for (int t : tags) if (!ret.contains(t)) ret.add(t);
  }

  private static int nonNegative(Fields f, String name) {
    String v = Exchange.param(f, name);
    if (v == null) return 0;
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0) throw WebException.badRequest(name + " must not be negative: " + v);
      return n;
    } catch (NumberFormatException e) {
      throw WebException.badRequest(name + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", not '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
    }
  }

  /** The tag of a keyword or {@code ggggeeee}; 400 for anything else. */
  static int attribute(String name) {
    if (name.indexOf('.') >= 0) throw WebException.badRequest("sequence attribute paths ('" + name + "') are not supported in QIDO-RS queries");
    if (name.matches("[0-9A-Fa-f]{8}")) return (int) Long.parseLong(name, 16);
    var t = DICT.tagOf(name);
    if (t.isEmpty()) throw WebException.badRequest("unknown attribute or parameter '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'");
    return t.getAsInt();
  }

  private static void checkDateRange(int tag, String vr, String value) {
    String allowed = vr.equals("TM") ? "[0-9:.\\-*? ]*" : "[0-9:.+\\-*? ]*";
    if (!value.matches(allowed)) throw WebException.badRequest("not a " + vr + " value or range for " + Tags.toString(tag) + ": '" + value + "'");
  }
}
