package org.linnea.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;

/** Small synthetic CT instances for tests, and the sample files of Debian's pydicom. */
public final class TestDicom {
  private TestDicom() {}

  public static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  public record Spec(String patientId, String patientName, String studyUid, String studyDate, String accession, String seriesUid, String modality,
      String sopUid, int instanceNumber) {}

  public static Dataset dataset(Spec s, int pixelBytes, long seed) {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, s.sopUid());
    ds.setString(Tag.StudyDate, VR.DA, s.studyDate());
    ds.setString(Tag.StudyTime, VR.TM, "101500");
    ds.setString(Tag.AccessionNumber, VR.SH, s.accession());
    ds.setString(Tag.Modality, VR.CS, s.modality());
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "Ref^Doctor");
    ds.setString(Tag.StudyDescription, VR.LO, "Study of " + s.patientName());
    ds.setString(Tag.SeriesDescription, VR.LO, "Series " + s.seriesUid());
    ds.setString(Tag.PatientName, VR.PN, s.patientName());
    ds.setString(Tag.PatientID, VR.LO, s.patientId());
    ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
    ds.setString(Tag.PatientSex, VR.CS, "O");
    ds.setString(Tag.StudyInstanceUID, VR.UI, s.studyUid());
    ds.setString(Tag.SeriesInstanceUID, VR.UI, s.seriesUid());
    ds.setString(Tag.StudyID, VR.SH, "1");
    ds.setInt(Tag.SeriesNumber, VR.IS, 1);
    ds.setInt(Tag.InstanceNumber, VR.IS, s.instanceNumber());
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    int side = (int) Math.sqrt(pixelBytes / 2.0);
    ds.setInt(Tag.Rows, VR.US, side);
    ds.setInt(Tag.Columns, VR.US, side);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 12);
    ds.setInt(Tag.HighBit, VR.US, 11);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    byte[] px = new byte[side * side * 2];
    new Random(seed).nextBytes(px);
    ds.setBytes(Tag.PixelData, VR.OW, px);
    return ds;
  }

  /** A Part 10 file in Explicit VR Little Endian. */
  public static byte[] part10(Spec s, int pixelBytes, long seed) {
    Dataset ds = dataset(s, pixelBytes, seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DicomWriter w = new DicomWriter(out)) {
      w.writeFile(null, FileMetaInformation.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The bare data set, as C-STORE carries it. */
  public static byte[] dataSet(Spec s, int pixelBytes, long seed, TransferSyntax ts) {
    Dataset ds = dataset(s, pixelBytes, seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DicomWriter w = new DicomWriter(out)) {
      w.writeDataset(ds, ts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A varied little archive: {@code patients} patients, 2 studies each, 2 series each, {@code perSeries} instances. */
  public static java.util.List<Spec> archive(int patients, int perSeries) {
    java.util.List<Spec> out = new java.util.ArrayList<>();
    String[] names = {"Doe^John", "DOE^Jane", "Müller^Anna", "Smith^Bob", "Øberg^Åsa", "Lee^Kim"};
    String[] mods = {"CT", "MR", "US", "CR"};
    for (int p = 0; p < patients; p++) {
      for (int st = 0; st < 2; st++) {
        String studyUid = "2.25.1" + p + "." + st;
        for (int se = 0; se < 2; se++) {
          String seriesUid = studyUid + "." + se;
          for (int i = 0; i < perSeries; i++) {
            out.add(new Spec("PID" + p, names[p % names.length], studyUid, String.format("2020%02d%02d", 1 + p % 12, 1 + st * 10),
                "ACC" + p + st, seriesUid, mods[(p + se) % mods.length], seriesUid + "." + i, i + 1));
          }
        }
      }
    }
    return out;
  }
}
