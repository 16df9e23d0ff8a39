package org.linnea.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.imaging.codec.Decoders;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.PixelData;

/** Where the sample files are (Debian's python3-pydicom), and small helpers. */
public final class TestFiles {
  public static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

  private TestFiles() {}

  public static Path pydicom(String name) {
    Path p = PYDICOM.resolve(name);
    if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: install python3-pydicom (see .ci/run)");
    return p;
  }

  public static DicomFile read(Path p) throws IOException {
    return DicomReader.readFile(p);
  }

  /** Reads with large values left on disk, so frames are streamed from the file. */
  public static DicomFile readBulk(Path p) throws IOException {
    return DicomReader.readFile(p, ReadOptions.DEFAULT.withBulkDataThreshold(64));
  }

  public static DecodedFrame decode(DicomFile f, int frame) throws IOException {
    return Decoders.decodeFrame(PixelData.of(f.dataset(), f.transferSyntax()), frame);
  }

  /** The checksum of make_fixtures.py: sum of v[i] * (i % 1000 + 1), modulo 2^64. */
  public static long checksum(DecodedFrame f, boolean unsigned32) {
    long h = 0;
    int[] v = f.values();
    for (int i = 0; i < v.length; i++) h += (unsigned32 ? Integer.toUnsignedLong(v[i]) : v[i]) * (long) (i % 1000 + 1);
    return h;
  }

  public static long sum(DecodedFrame f, boolean unsigned32) {
    long s = 0;
    for (int v : f.values()) s += unsigned32 ? Integer.toUnsignedLong(v) : v;
    return s;
  }

  /** Runs a command (DCMTK's tools), failing with its output unless it exits with status 0 within a minute. */
  public static void run(String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed with status " + p.exitValue() + ": " + new String(output));
    }
  }

  /** Fails unless the arrays are equal, saying how many values differ and where the first is. */
  public static void assertValuesEqual(int[] actual, int[] expected, String what) {
    org.assertj.core.api.Assertions.assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
    int differing = 0;
    int first = -1;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != expected[i]) {
        if (first < 0) first = i;
        differing++;
      }
    }
    org.assertj.core.api.Assertions.assertThat(differing).as(what + ": " + differing + " of " + actual.length + " values differ"
        + (first >= 0 ? ", first at " + first + ": " + actual[first] + " instead of " + expected[first] : "")).isZero();
  }

  public static boolean commandExists(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) return true;
    }
    return false;
  }
}
