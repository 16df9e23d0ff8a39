package org.linnea.dicom.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UIDs;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;

/**
 * Writes a DICOMDIR: the Media Storage Directory of a file-set (PS3.10 8, PS3.3 F.3 and F.5) with
 * one PATIENT, STUDY, SERIES and IMAGE (or SR, PRESENTATION, ENCAP DOC) record per entity of the
 * files given, records in depth-first order and linked by byte offsets from the start of the file.
 *
 * <p>The offsets depend only on the encoded lengths, so they are computed before writing: every
 * record carries its three offset values from the start (zero), sequence and items have defined
 * lengths, and filling an offset in never changes a length. Keys are copied from each file's
 * header as their encoded bytes, with the file's Specific Character Set put into each record so
 * that names keep their meaning.
 */
public final class DicomDirWriter {
  /** Media Storage Directory Storage. */
  public static final String SOP_CLASS = "1.2.840.10008.1.3.10";

  private static final Pattern FILE_ID_COMPONENT = Pattern.compile("[A-Z0-9_]{1,8}");
  private static final int[] PATIENT_KEYS = {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex};
  private static final int[] STUDY_KEYS = {Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.StudyDescription, Tag.StudyInstanceUID, Tag.StudyID};
  private static final int[] SERIES_KEYS = {Tag.Modality, Tag.SeriesInstanceUID, Tag.SeriesNumber};
  private static final int[] IMAGE_KEYS = {Tag.InstanceNumber};

  /**
   * One file of the file-set.
   *
   * @param fileId the components of its path below the DICOMDIR's folder (PS3.10 8.2: at most 8
   *     components of 1 to 8 upper-case letters, digits or underscores)
   * @param transferSyntax the transfer syntax of the file
   * @param header the file's data set, pixel data not needed
   */
  public record Entry(List<String> fileId, String transferSyntax, Dataset header) {
    public Entry {
      if (fileId.isEmpty() || fileId.size() > 8) throw new IllegalArgumentException("a file ID has 1 to 8 components: " + fileId);
      for (String c : fileId) {
        if (!FILE_ID_COMPONENT.matcher(c).matches()) throw new IllegalArgumentException("not a file ID component (PS3.10 8.2): '" + c + "'");
      }
      fileId = List.copyOf(fileId);
    }
  }

  private DicomDirWriter() {}

  /** Writes the DICOMDIR of {@code entries} (a Part 10 file in Explicit VR Little Endian). */
  public static void write(OutputStream out, String fileSetId, List<Entry> entries) throws IOException {
    Dataset meta = FileMetaInformation.create(SOP_CLASS, UIDs.generate(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    Dataset root = new Dataset(false);
    root.setString(Tag.FileSetID, VR.CS, fileSetId);
    root.setLong(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
    root.setLong(Tag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
    root.setInt(Tag.FileSetConsistencyFlag, VR.US, 0);
    Sequence records = root.newSequence(Tag.DirectoryRecordSequence);
    records.setUndefinedLength(false);

    // Build the tree of records (insertion order kept), then lay it out depth first.
    Node top = new Node(null);
    for (Entry e : entries) {
      Dataset h = e.header();
      Node patient = top.child(h.getString(Tag.PatientID).orElse("") + "\\" + h.getString(Tag.PatientName).orElse(""), () -> record(records, "PATIENT", h, PATIENT_KEYS));
      Node study = patient.child(h.getString(Tag.StudyInstanceUID).orElse(""), () -> record(records, "STUDY", h, STUDY_KEYS));
      Node series = study.child(h.getString(Tag.SeriesInstanceUID).orElse(""), () -> record(records, "SERIES", h, SERIES_KEYS));
      Node leaf = series.child(h.getString(Tag.SOPInstanceUID).orElse(String.valueOf(series.children.size())), () -> record(records, leafType(h), h, IMAGE_KEYS));
      leaf.record.setString(Tag.ReferencedFileID, VR.CS, e.fileId().toArray(String[]::new));
      leaf.record.setString(Tag.ReferencedSOPClassUIDInFile, VR.UI, h.getString(Tag.SOPClassUID).orElse(""));
      leaf.record.setString(Tag.ReferencedSOPInstanceUIDInFile, VR.UI, h.getString(Tag.SOPInstanceUID).orElse(""));
      leaf.record.setString(Tag.ReferencedTransferSyntaxUIDInFile, VR.UI, e.transferSyntax());
    }
    List<Node> order = new ArrayList<>();
    top.preorder(order);
    records.clear();
    records.addAll(order.stream().map(n -> n.record).toList());

    // Offsets: from the first byte of the file (the preamble) to each item's tag.
    TransferSyntax ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    long pos = 128 + 4 + DicomWriter.datasetLength(meta, ts);
    for (int i = 0; i < root.size() && root.tagAt(i) != Tag.DirectoryRecordSequence; i++) {
      Dataset one = new Dataset(false);
      one.put(root.tagAt(i), root.vrAt(i), root.valueAt(i));
      pos += DicomWriter.datasetLength(one, ts);
    }
    pos += 12; // the sequence's own header
    for (Node n : order) {
      n.offset = pos;
      pos += 8 + DicomWriter.datasetLength(n.record, ts);
    }
    top.link();
    if (!top.children.isEmpty()) {
      List<Node> roots = new ArrayList<>(top.children.values());
      root.setLong(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, roots.get(0).offset);
      root.setLong(Tag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, VR.UL, roots.get(roots.size() - 1).offset);
    }
    DicomWriter w = new DicomWriter(out);
    w.writeFile(null, meta, root, ts);
    w.flush();
  }

  private static String leafType(Dataset h) {
    String cls = h.getString(Tag.SOPClassUID).orElse("");
    if (cls.startsWith("1.2.840.10008.5.1.4.1.1.88.")) return "SR";
    if (cls.startsWith("1.2.840.10008.5.1.4.1.1.11.")) return "PRESENTATION";
    if (cls.startsWith("1.2.840.10008.5.1.4.1.1.104.")) return "ENCAP DOC";
    return "IMAGE";
  }

  /** A record with its offsets at zero, the file's character set and the keys the file has (type 2 keys empty when absent). */
  private static Dataset record(Sequence records, String type, Dataset h, int[] keys) {
    Dataset r = records.addItem();
    r.setUndefinedLength(false);
    r.setLong(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, 0);
    r.setInt(Tag.RecordInUseFlag, VR.US, 0xFFFF);
    r.setLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, 0);
    r.setString(Tag.DirectoryRecordType, VR.CS, type);
    copy(h, r, Tag.SpecificCharacterSet, false);
    for (int k : keys) copy(h, r, k, true);
    return r;
  }

  private static void copy(Dataset from, Dataset to, int tag, boolean emptyIfAbsent) {
    int i = from.indexOf(tag);
    VR vr = from.dictionaryVR(tag);
    if (i >= 0 && from.valueAt(i) instanceof byte[] b) {
      to.put(tag, vr, b);
    } else if (emptyIfAbsent) {
      to.put(tag, vr, new byte[0]);
    }
  }

  private static final class Node {
    final Dataset record;
    final Map<String, Node> children = new LinkedHashMap<>();
    long offset;

    Node(Dataset record) {
      this.record = record;
    }

    Node child(String key, java.util.function.Supplier<Dataset> make) {
      return children.computeIfAbsent(key, k -> new Node(make.get()));
    }

    void preorder(List<Node> out) {
      for (Node c : children.values()) {
        out.add(c);
        c.preorder(out);
      }
    }

    void link() {
      Node prev = null;
      for (Node c : children.values()) {
        if (prev != null) prev.record.setLong(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, c.offset);
        if (!c.children.isEmpty()) c.record.setLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, c.children.values().iterator().next().offset);
        c.link();
        prev = c;
      }
    }
  }
}
