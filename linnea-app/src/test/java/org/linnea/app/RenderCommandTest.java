package org.linnea.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  private static final Path SAMPLES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  @TempDir Path tmp;

  @Test
  void rendersAFrameToPngAndJpeg() throws Exception {
    Path png = tmp.resolve("ct.png");
    assertThat(Main.run("render", SAMPLES.resolve("CT_small.dcm").toString(), "--out", png.toString(), "--window", "40,400")).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(128);
    Path jpg = tmp.resolve("dose.jpg");
    assertThat(Main.run("render", SAMPLES.resolve("rtdose.dcm").toString(), "--frame", "15", "--size", "50", "-o", jpg.toString())).isZero();
    assertThat(ImageIO.read(jpg.toFile()).getWidth()).isEqualTo(50);
  }

  @Test
  void failsClearly() throws Exception {
    Path out = tmp.resolve("x.png");
    assertThat(Main.run("render", SAMPLES.resolve("rtdose.dcm").toString(), "--frame", "16", "-o", out.toString())).isEqualTo(1);
    assertThat(Main.run("render", SAMPLES.resolve("MR_small.dcm").toString(), "--window", "1,0", "-o", out.toString())).isEqualTo(2);
    assertThat(Main.run("render", SAMPLES.resolve("CT_small.dcm").toString(), "-o", tmp.resolve("x.gif").toString())).isEqualTo(2);
    assertThat(Files.exists(out)).isFalse();
  }
}
