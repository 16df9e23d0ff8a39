package org.linnea.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.IngestOutcome;
import org.linnea.index.InstanceLocation;
import org.linnea.index.Level;
import org.linnea.index.Query;

class IngestServiceTest {
  @TempDir Path dir;

  static final TestDicom.Spec SPEC = new TestDicom.Spec("P1", "Doe^John", "2.25.7", "20240102", "A1", "2.25.7.1", "CT", "2.25.7.1.1", 1);

  static List<String> storeKeys(Archive a) throws IOException {
    List<String> keys = new ArrayList<>();
    a.store().forEachKey(keys::add);
    return keys;
  }

  @Test
  void part10FilesAreStoredByteForByteAndRetrievable() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      byte[] file = TestDicom.part10(SPEC, 512 * 512 * 2, 1);
      IngestResult r = a.ingest().ingestFile(new ByteArrayInputStream(file), Source.importOf("test"));
      assertThat(r.outcome()).isEqualTo(IngestOutcome.STORED);
      assertThat(r.studyUid()).isEqualTo("2.25.7");
      List<InstanceLocation> l = a.retrieve().locate(Level.STUDY, "2.25.7");
      assertThat(l).hasSize(1);
      try (InputStream in = a.retrieve().openObject(l.getFirst())) {
        assertThat(in.readAllBytes()).isEqualTo(file);
      }
      // The data set alone, as C-MOVE sends it.
      try (InputStream in = a.retrieve().openDataSet(l.getFirst())) {
        assertThat(in.readAllBytes()).isEqualTo(TestDicom.dataSet(SPEC, 512 * 512 * 2, 1, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
      }
      assertThat(a.query().query(Query.of(Level.PATIENT, 1).match(Tag.PatientName, "doe*"))).hasSize(1);
    }
  }

  @Test
  void dataSetsFromCStoreBecomePart10FilesWithTheDataSetAsReceived() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.ACCEPT_IF_IDENTICAL)) {
      byte[] ds = TestDicom.dataSet(SPEC, 1000, 2, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
      IngestResult r = a.ingest().ingestDataSet(new ByteArrayInputStream(ds), UID.CTImageStorage, SPEC.sopUid(), UID.ImplicitVRLittleEndian,
          Source.dimse("STORESCU"));
      Path file = ((org.linnea.store.FileSystemStore) a.store()).pathOf(r.object().key());
      DicomFile f = DicomReader.readFile(file);
      assertThat(f.transferSyntax().uid()).isEqualTo(UID.ImplicitVRLittleEndian);
      assertThat(f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).contains(SPEC.sopUid());
      assertThat(f.fileMeta().contains(Tag.SourceApplicationEntityTitle)).isFalse();
      // The same instance from another AE is the same object.
      IngestResult again = a.ingest().ingestDataSet(new ByteArrayInputStream(ds), UID.CTImageStorage, SPEC.sopUid(), UID.ImplicitVRLittleEndian,
          Source.dimse("OTHERAE"));
      assertThat(again.object().key()).isEqualTo(r.object().key());
      assertThat(f.dataset().getString(Tag.PatientName)).contains("Doe^John");
      InstanceLocation loc = a.retrieve().locate(Level.IMAGE, SPEC.sopUid()).getFirst();
      assertThat(loc.transferSyntax()).isEqualTo(UID.ImplicitVRLittleEndian);
      try (InputStream in = a.retrieve().openDataSet(loc)) {
        assertThat(in.readAllBytes()).isEqualTo(ds);
      }
    }
  }

  @Test
  void aDataSetThatContradictsTheRequestIsRefusedAndNotKept() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      byte[] ds = TestDicom.dataSet(SPEC, 1000, 2, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      assertThatThrownBy(() -> a.ingest().ingestDataSet(new ByteArrayInputStream(ds), UID.CTImageStorage, "9.9.9", UID.ExplicitVRLittleEndian, Source.dimse("X")))
          .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.INVALID));
      assertThat(storeKeys(a)).isEmpty();
    }
  }

  @Test
  void notDicomIsRefusedAndLeavesNothing() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream("hello, this is not DICOM at all".getBytes()), Source.importOf("x")))
          .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.CANNOT_UNDERSTAND));
      assertThat(storeKeys(a)).isEmpty();
      try (var s = Files.list(dir.resolve("store/tmp"))) {
        assertThat(s.count()).isZero();
      }
    }
  }

  @Test
  void pydicomSamplesAreIngested() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(TestDicom.PYDICOM), "pydicom test files absent (python3-pydicom)");
    // MR_small and MR_small_bigendian share a SOP Instance UID: the second replaces the first.
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REPLACE)) {
      for (String name : List.of("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "rtplan.dcm")) {
        byte[] b = Files.readAllBytes(TestDicom.PYDICOM.resolve(name));
        IngestResult r = a.ingest().ingestFile(new ByteArrayInputStream(b), Source.importOf(name));
        InstanceLocation loc = a.retrieve().locate(Level.IMAGE, r.sopInstanceUid()).getFirst();
        try (InputStream in = a.retrieve().openObject(loc)) {
          assertThat(in.readAllBytes()).as(name).isEqualTo(b);
        }
        DicomFile f = DicomReader.readFile(TestDicom.PYDICOM.resolve(name));
        assertThat(loc.transferSyntax()).as(name).isEqualTo(f.transferSyntax().uid());
      }
    }
  }

  @Test
  void duplicatePolicyReject() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REJECT)) {
      a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 1)), Source.importOf("1"));
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 1)), Source.importOf("2")))
          .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.reason().dimseStatus()).isEqualTo(0x0111));
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 2)), Source.importOf("3")))
          .isInstanceOf(IngestException.class);
      assertThat(storeKeys(a)).hasSize(1); // the refused different copy is not kept
    }
  }

  @Test
  void duplicatePolicyAcceptIfIdentical() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.ACCEPT_IF_IDENTICAL)) {
      a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 1)), Source.importOf("1"));
      IngestResult same = a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 1)), Source.importOf("2"));
      assertThat(same.outcome()).isEqualTo(IngestOutcome.IDENTICAL);
      assertThatThrownBy(() -> a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 2)), Source.importOf("3")))
          .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.reason()).isEqualTo(IngestException.Reason.DUPLICATE));
      assertThat(storeKeys(a)).hasSize(1);
    }
  }

  @Test
  void duplicatePolicyReplaceKeepsThePreviousVersion() throws IOException {
    try (Archive a = ArchiveFixture.open(dir, DuplicatePolicy.REPLACE)) {
      IngestResult first = a.ingest().ingestFile(new ByteArrayInputStream(TestDicom.part10(SPEC, 100, 1)), Source.importOf("1"));
      byte[] second = TestDicom.part10(SPEC, 100, 2);
      IngestResult r = a.ingest().ingestFile(new ByteArrayInputStream(second), Source.importOf("2"));
      assertThat(r.outcome().kind()).isEqualTo(IngestOutcome.Kind.REPLACED);
      assertThat(r.outcome().previousKey()).contains(first.object().key());
      assertThat(storeKeys(a)).containsExactlyInAnyOrder(first.object().key(), r.object().key());
      InstanceLocation loc = a.retrieve().locate(Level.IMAGE, SPEC.sopUid()).getFirst();
      try (InputStream in = a.retrieve().openObject(loc)) {
        assertThat(in.readAllBytes()).isEqualTo(second);
      }
      assertThat(a.index().counts()[4]).isEqualTo(1);
      assertThat(a.verify(Progress.NONE).ok()).isTrue();
    }
  }
}
