package org.linnea.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.linnea.archive.Archive;
import org.linnea.archive.Source;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;

/**
 * Data for the viewer's tests: a synthetic CT series whose pixels the tests can predict, and a
 * few of pydicom's sample files (CT, MR, colour RLE with two frames, a 15-frame RT dose).
 *
 * <p>The CT: {@value #SIZE}×{@value #SIZE}, 16 bits allocated and 12 stored, Rescale Intercept
 * −1024, window 40/400, Pixel Spacing 0.5 mm, axial slices 1 mm apart (slice {@code k} at z =
 * −k, so the first slice is the most superior). The image is an 8×8 grid of 64-pixel blocks;
 * block (bx, by) of slice k holds {@link #hu(int, int, int)} Hounsfield units.
 */
final class ViewerData {
  static final int SIZE = 512;
  static final String CT_STUDY = "1.2.826.0.1.3680043.10.1400.1";
  static final String CT_SERIES = CT_STUDY + ".1";
  static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  static final List<String> SAMPLES = List.of("CT_small.dcm", "MR_small.dcm", "SC_rgb_rle_2frame.dcm", "rtdose.dcm");

  private ViewerData() {}

  static int hu(int bx, int by, int slice) {
    return -1000 + ((bx + 8 * by + slice) % 64) * 40;
  }

  /** One slice of the synthetic CT as a Part 10 file. */
  static byte[] ctSlice(int k) throws IOException {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, CT_SERIES + "." + (k + 1));
    ds.setString(Tag.StudyDate, VR.DA, "20240315");
    ds.setString(Tag.StudyTime, VR.TM, "101500");
    ds.setString(Tag.AccessionNumber, VR.SH, "ACC-VIEW-1");
    ds.setString(Tag.Modality, VR.CS, "CT");
    ds.setString(Tag.StudyDescription, VR.LO, "CT chest (synthetic)");
    ds.setString(Tag.SeriesDescription, VR.LO, "Axial 1 mm");
    ds.setString(Tag.PatientName, VR.PN, "VIEWER^CT");
    ds.setString(Tag.PatientID, VR.LO, "VWR-CT-1");
    ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
    ds.setString(Tag.PatientSex, VR.CS, "O");
    ds.setString(Tag.SliceThickness, VR.DS, "1");
    ds.setString(Tag.StudyInstanceUID, VR.UI, CT_STUDY);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, CT_SERIES);
    ds.setString(Tag.StudyID, VR.SH, "1");
    ds.setInt(Tag.SeriesNumber, VR.IS, 2);
    ds.setInt(Tag.InstanceNumber, VR.IS, k + 1);
    ds.setString(Tag.ImagePositionPatient, VR.DS, "-128", "-128", Integer.toString(-k));
    ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
    ds.setString(Tag.FrameOfReferenceUID, VR.UI, CT_STUDY + ".9");
    ds.setString(Tag.SliceLocation, VR.DS, Integer.toString(-k));
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, SIZE);
    ds.setInt(Tag.Columns, VR.US, SIZE);
    ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.5");
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 12);
    ds.setInt(Tag.HighBit, VR.US, 11);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    ds.setString(Tag.WindowCenter, VR.DS, "40");
    ds.setString(Tag.WindowWidth, VR.DS, "400");
    ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    byte[] px = new byte[SIZE * SIZE * 2];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int v = hu(x / 64, y / 64, k) + 1024;
        int i = 2 * (y * SIZE + x);
        px[i] = (byte) v;
        px[i + 1] = (byte) (v >> 8);
      }
    }
    ds.setBytes(Tag.PixelData, VR.OW, px);
    ByteArrayOutputStream out = new ByteArrayOutputStream(px.length + 2048);
    try (DicomWriter w = new DicomWriter(out)) {
      w.writeFile(null, FileMetaInformation.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    return out.toByteArray();
  }

  /** Stores the synthetic CT ({@code slices} images) and the pydicom samples through the ingest service. */
  static void load(Archive archive, int slices) throws IOException {
    for (int k = 0; k < slices; k++) {
      archive.ingest().ingestFile(new ByteArrayInputStream(ctSlice(k)), Source.importOf("viewer-test"));
    }
    for (String name : SAMPLES) {
      try (InputStream in = Files.newInputStream(PYDICOM.resolve(name))) {
        archive.ingest().ingestFile(in, Source.importOf(name));
      }
    }
  }
}
