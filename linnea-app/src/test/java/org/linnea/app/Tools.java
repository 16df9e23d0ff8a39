package org.linnea.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;

/** DCMTK processes and DICOM files for the archive's integration tests. */
final class Tools {
  private Tools() {}

  record Result(int exitCode, String output) {}

  /** Runs a DCMTK tool with TCP_NODELAY=1 to completion. */
  static Result run(String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile("dcmtk", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("TCP_NODELAY", "1");
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Starts DCMTK's storescp as AE STORESCP on {@code port}, writing what it receives to {@code out}; the caller destroys it. */
  static Process storescp(Path out, int port, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("storescp", "-aet", "STORESCP", "-od", out.toString(), Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TCP_NODELAY", "1");
    return pb.start();
  }

  /** Waits (up to 20 s) until something listens on the loopback port, e.g. a DCMTK tool just started. */
  static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) throw new AssertionError("nothing listens on 127.0.0.1:" + port, e);
        Thread.sleep(50);
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A synthetic CT instance, written as a Part 10 file in explicit VR little endian. */
  static Path ct(Path dir, String patientId, String name, String studyUid, String date, String seriesUid, String modality, int number, long seed)
      throws IOException {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
    String sop = seriesUid + "." + number;
    ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
    ds.setString(Tag.StudyDate, VR.DA, date);
    ds.setString(Tag.StudyTime, VR.TM, "093000");
    ds.setString(Tag.AccessionNumber, VR.SH, "A" + studyUid.hashCode() % 10000);
    ds.setString(Tag.Modality, VR.CS, modality);
    ds.setString(Tag.StudyDescription, VR.LO, "Study of " + name);
    ds.setString(Tag.PatientName, VR.PN, name);
    ds.setString(Tag.PatientID, VR.LO, patientId);
    ds.setString(Tag.PatientBirthDate, VR.DA, "19800101");
    ds.setString(Tag.PatientSex, VR.CS, "F");
    ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
    ds.setString(Tag.StudyID, VR.SH, "1");
    ds.setInt(Tag.SeriesNumber, VR.IS, 1);
    ds.setInt(Tag.InstanceNumber, VR.IS, number);
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, 64);
    ds.setInt(Tag.Columns, VR.US, 64);
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, 12);
    ds.setInt(Tag.HighBit, VR.US, 11);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    byte[] px = new byte[64 * 64 * 2];
    new Random(seed).nextBytes(px);
    for (int i = 1; i < px.length; i += 2) px[i] &= 0x0F;
    ds.setBytes(Tag.PixelData, VR.OW, px);
    Path f = dir.resolve(sop + ".dcm");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DicomWriter w = new DicomWriter(out)) {
      w.writeFile(null, FileMetaInformation.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    Files.write(f, out.toByteArray());
    return f;
  }

  /** The data set bytes of a Part 10 file (everything after the file meta information). */
  static byte[] dataSetBytes(Path file) throws IOException {
    DicomFile f = DicomReader.readFile(file, org.linnea.dicom.io.ReadOptions.DEFAULT.withStopBefore(0x00080000));
    byte[] all = Files.readAllBytes(file);
    long offset = 132 + 12 + (f.fileMeta().getInt(Tag.FileMetaInformationGroupLength).orElseThrow() & 0xFFFFFFFFL);
    return Arrays.copyOfRange(all, (int) offset, all.length);
  }

  /** The C-FIND responses findscu extracted (-X) into {@code dir}, read back. */
  static List<Dataset> responses(Path dir) throws IOException {
    List<Dataset> out = new ArrayList<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rsp")).sorted().toList()) {
        out.add(DicomReader.readFile(p).dataset());
      }
    }
    return out;
  }
}
