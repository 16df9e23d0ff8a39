package org.linnea.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.ImageEncoders;
import org.linnea.imaging.RenderParams;
import org.linnea.imaging.Renderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering a 512×512 16-bit CT frame (the WADO-RS rendered resource's work): decode, modality
 * and VOI LUT, 8-bit image; then to PNG, to JPEG, and a 128-pixel thumbnail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RenderBenchmark {
  Dataset ct;
  BufferedImage rendered;
  final RenderParams window = RenderParams.DEFAULT.withWindow(40, 400);

  @Setup
  public void setUp() throws IOException {
    ct = SyntheticFiles.ct("1.2.3", "1.2.3.4", 1, new Random(1));
    rendered = Renderer.render(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, window);
  }

  @Benchmark
  public BufferedImage render() throws IOException {
    return Renderer.render(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, window);
  }

  @Benchmark
  public BufferedImage thumbnail() throws IOException {
    return Renderer.render(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0, window.withViewport(128, 128));
  }

  @Benchmark
  public int png() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 18);
    ImageEncoders.writePng(rendered, out);
    return out.size();
  }

  @Benchmark
  public int jpeg() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    ImageEncoders.writeJpeg(rendered, 0.9f, out);
    return out.size();
  }
}
