package org.linnea.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.linnea.dicom.Tag;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing speed of the reader, on one core: header-only parse of 512×512 CT files (stop before
 * pixel data, the archive's ingest path) and full parse of a 200 MB multi-frame object.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ParseBenchmark {
  private static final ReadOptions HEADER = ReadOptions.DEFAULT.withStopBefore(Tag.PixelData);
  private static final int FILES = 200;

  Path dir;
  Path[] ct;
  Path multiframe;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Path.of(System.getProperty("linnea.bench.dir", "/tmp/linnea-bench"));
    Path ctDir = dir.resolve("ct");
    if (!Files.exists(ctDir.resolve(String.format("ct%05d.dcm", FILES)))) {
      SyntheticFiles.writeCtSeries(ctDir, FILES);
    }
    ct = new Path[FILES];
    for (int i = 0; i < FILES; i++) ct[i] = ctDir.resolve(String.format("ct%05d.dcm", i + 1));
    multiframe = dir.resolve("multiframe-400.dcm");
    if (!Files.exists(multiframe)) {
      SyntheticFiles.writeMultiframe(multiframe, 400);
    }
  }

  /** One CT header from a file (open, read ~4 kB, parse ~100 elements, close). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public DicomFile ctHeader() throws IOException {
    Path p = ct[next++ % FILES];
    return DicomReader.readFile(p, HEADER);
  }

  /** The whole 210 MB multi-frame object (400 frames of 512×512×16 bits) into memory. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public DicomFile multiframeFull() throws IOException {
    return DicomReader.readFile(multiframe);
  }
}
