package org.linnea.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UIDs;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;

/**
 * Benchmark inputs made from a real CT header (pydicom's CT_small.dcm, with its private GE
 * elements) with 512×512 16-bit pixels, so that the header is as typical as the pixels are big.
 *
 * <pre>java -cp benchmarks.jar org.linnea.bench.SyntheticFiles ct DIR COUNT
 * java -cp benchmarks.jar org.linnea.bench.SyntheticFiles multiframe FILE FRAMES</pre>
 */
public final class SyntheticFiles {
  static final Path CT_SMALL = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");

  private SyntheticFiles() {}

  /** A 512×512 CT instance with new UIDs: about 525 kB. */
  public static Dataset ct(String studyUID, String seriesUID, int instanceNumber, Random random) throws IOException {
    Dataset ds = DicomReader.readFile(CT_SMALL).dataset();
    ds.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
    ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
    ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
    ds.setInt(Tag.Rows, VR.US, 512);
    ds.setInt(Tag.Columns, VR.US, 512);
    byte[] pixels = new byte[512 * 512 * 2];
    random.nextBytes(pixels);
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  public static void writeFile(Path path, Dataset ds) throws IOException {
    TransferSyntax ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    try (OutputStream out = Files.newOutputStream(path); DicomWriter w = new DicomWriter(out)) {
      w.writeFile(null, FileMetaInformation.of(ds, ts), ds, ts);
    }
  }

  /** {@code count} CT files of one study in {@code dir}. */
  public static void writeCtSeries(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(1);
    String study = UIDs.generate();
    String series = UIDs.generate();
    for (int i = 1; i <= count; i++) {
      writeFile(dir.resolve(String.format("ct%05d.dcm", i)), ct(study, series, i, random));
    }
  }

  /** A multi-frame object of {@code frames} 512×512 16-bit frames (400 frames: 210 MB). */
  public static void writeMultiframe(Path file, int frames) throws IOException {
    Dataset ds = ct(UIDs.generate(), UIDs.generate(), 1, new Random(2));
    ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
    byte[] frame = ds.getBytes(Tag.PixelData).orElseThrow();
    ds.remove(Tag.PixelData);
    TransferSyntax ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    // Write the header, then the pixel data element by hand: no 200 MB array needed.
    try (OutputStream out = Files.newOutputStream(file)) {
      DicomWriter w = new DicomWriter(out);
      w.writeFile(null, FileMetaInformation.of(ds, ts), ds, ts);
      w.flush();
      long len = (long) frame.length * frames;
      byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0,
          (byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)};
      out.write(header);
      for (int f = 0; f < frames; f++) out.write(frame);
    }
  }

  /**
   * {@code count} CT objects (studies of 200 instances, series of 100) written straight into the
   * layout of a Linnea file-system store under {@code root} ({@code objects/ab/cd/SHA-256}), as a
   * store to reindex: the benchmark of {@code ./linnea reindex} (bench/reindex.sh).
   */
  public static void writeStore(Path root, int count) throws IOException {
    Random random = new Random(3);
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String study = null;
    String series = null;
    TransferSyntax ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    for (int i = 0; i < count; i++) {
      if (i % 200 == 0) study = UIDs.generate();
      if (i % 100 == 0) series = UIDs.generate();
      Dataset ds = ct(study, series, i % 100 + 1, random);
      ds.setString(Tag.PatientID, VR.LO, "BENCH" + (i / 400));
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(540_000);
      try (DicomWriter w = new DicomWriter(buf)) {
        w.writeFile(null, FileMetaInformation.of(ds, ts), ds, ts);
      }
      byte[] bytes = buf.toByteArray();
      String key = java.util.HexFormat.of().formatHex(sha.digest(bytes));
      Path dir = root.resolve("objects").resolve(key.substring(0, 2)).resolve(key.substring(2, 4));
      Files.createDirectories(dir);
      Files.write(dir.resolve(key), bytes);
    }
  }

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "ct" -> writeCtSeries(Path.of(args[1]), Integer.parseInt(args[2]));
      case "store" -> writeStore(Path.of(args[1]), Integer.parseInt(args[2]));
      case "multiframe" -> writeMultiframe(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("ct DIR COUNT | store ROOT COUNT | multiframe FILE FRAMES");
    }
  }

  static DicomFile read(Path p) throws IOException {
    return DicomReader.readFile(p);
  }
}
