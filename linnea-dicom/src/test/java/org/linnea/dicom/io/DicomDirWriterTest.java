package org.linnea.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;

class DicomDirWriterTest {
  static Dataset header(String patient, String study, String series, String sop) {
    Dataset d = new Dataset();
    d.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    d.setString(Tag.SOPInstanceUID, VR.UI, sop);
    d.setString(Tag.PatientName, VR.PN, "Åström^Linnea");
    d.setString(Tag.PatientID, VR.LO, patient);
    d.setString(Tag.StudyInstanceUID, VR.UI, study);
    d.setString(Tag.SeriesInstanceUID, VR.UI, series);
    d.setString(Tag.Modality, VR.CS, "CT");
    d.setInt(Tag.InstanceNumber, VR.IS, 1);
    return d;
  }

  @Test
  void recordsInDepthFirstOrderLinkedByTheirOffsets() throws Exception {
    List<DicomDirWriter.Entry> entries = List.of(
        new DicomDirWriter.Entry(List.of("DICOM", "SE0001", "IM000001"), "1.2.840.10008.1.2.1", header("P1", "1.1", "1.1.1", "1.1.1.1")),
        new DicomDirWriter.Entry(List.of("DICOM", "SE0002", "IM000001"), "1.2.840.10008.1.2.1", header("P1", "1.1", "1.1.2", "1.1.2.1")),
        new DicomDirWriter.Entry(List.of("DICOM", "SE0002", "IM000002"), "1.2.840.10008.1.2.1", header("P1", "1.1", "1.1.2", "1.1.2.2")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomDirWriter.write(out, "TEST", entries);
    byte[] file = out.toByteArray();
    DicomFile f = DicomReader.open(new java.io.ByteArrayInputStream(file)).readFile(ReadOptions.DEFAULT);
    assertThat(f.fileMeta().getString(Tag.MediaStorageSOPClassUID)).hasValue(DicomDirWriter.SOP_CLASS);
    Sequence records = f.dataset().getSequence(Tag.DirectoryRecordSequence).orElseThrow();
    List<String> types = new ArrayList<>();
    for (Dataset r : records) types.add(r.getString(Tag.DirectoryRecordType).orElseThrow());
    assertThat(types).containsExactly("PATIENT", "STUDY", "SERIES", "IMAGE", "SERIES", "IMAGE", "IMAGE");
    assertThat(records.get(0).getString(Tag.PatientName)).hasValue("Åström^Linnea");
    assertThat(records.get(6).getStrings(Tag.ReferencedFileID)).containsExactly("DICOM", "SE0002", "IM000002");

    // Every offset points at an item tag (FFFE,E000) in the file, and at the record it should.
    long first = f.dataset().getLong(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity).orElseThrow();
    assertThat(itemAt(file, first)).isTrue();
    long series1 = records.get(2).getLong(Tag.OffsetOfTheNextDirectoryRecord).orElseThrow();
    long study = records.get(0).getLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity).orElseThrow();
    long series1Lower = records.get(1).getLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity).orElseThrow();
    long series2Lower = records.get(4).getLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity).orElseThrow();
    long image2Next = records.get(5).getLong(Tag.OffsetOfTheNextDirectoryRecord).orElseThrow();
    for (long o : new long[] {series1, study, series1Lower, series2Lower, image2Next}) assertThat(itemAt(file, o)).as("offset %d", o).isTrue();
    assertThat(series1).isGreaterThan(series1Lower).isLessThan(series2Lower);
    assertThat(image2Next).isGreaterThan(series2Lower);
    assertThat(records.get(6).getLong(Tag.OffsetOfTheNextDirectoryRecord)).hasValue(0);
    assertThat(records.get(3).getLong(Tag.OffsetOfReferencedLowerLevelDirectoryEntity)).hasValue(0);
  }

  private static boolean itemAt(byte[] file, long offset) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    return offset > 0 && offset + 4 <= file.length && b.getShort((int) offset) == (short) 0xFFFE && b.getShort((int) offset + 2) == (short) 0xE000;
  }

  @Test
  void fileIdsFollowPs310() {
    assertThatThrownBy(() -> new DicomDirWriter.Entry(List.of("dicom"), "1.2", new Dataset())).hasMessageContaining("'dicom'");
    assertThatThrownBy(() -> new DicomDirWriter.Entry(List.of("TOOLONGNAME"), "1.2", new Dataset())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DicomDirWriter.Entry(List.of(), "1.2", new Dataset())).isInstanceOf(IllegalArgumentException.class);
  }
}
