package org.linnea.app;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomParseException;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.imaging.ImageEncoders;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.RenderParams;
import org.linnea.imaging.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linnea render FILE --out x.png}: one frame of an image as PNG or JPEG. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Render one frame of a DICOM image to PNG or JPEG (by the extension of --out), through the modality, VOI and presentation stages.",
        "Exit status: 0 on success, 1 if the file cannot be read or rendered."})
final class RenderCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "A DICOM file with pixel data.")
  Path file;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "IMAGE", description = "Output file: .png, .jpg or .jpeg.")
  Path out;

  @Option(names = {"-f", "--frame"}, defaultValue = "1", paramLabel = "N", description = "Frame number, from 1 as in DICOM and DICOMweb (default 1).")
  int frame;

  @Option(names = {"-w", "--window"}, paramLabel = "C,W", description = "Window centre and width in modality units (e.g. 40,400); default: the file's first window, else its VOI LUT, else the frame's range.")
  String window;

  @Option(names = {"-s", "--size"}, paramLabel = "W[xH]", description = "Fit into this viewport keeping the aspect ratio (e.g. 512 or 512x512).")
  String size;

  @Option(names = {"-q", "--quality"}, defaultValue = "0.9", paramLabel = "Q", description = "JPEG quality from 0 to 1 (default 0.9).")
  float quality;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    String type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : null;
    if (type == null) {
      err.println("linnea render: " + out + ": the output must end in .png, .jpg or .jpeg");
      return 2;
    }
    RenderParams params;
    try {
      params = RenderParams.DEFAULT.withQuality(quality);
      if (window != null) {
        String[] cw = window.split(",");
        if (cw.length != 2) throw new IllegalArgumentException("--window takes centre,width, e.g. 40,400");
        params = params.withWindow(Double.parseDouble(cw[0].strip()), Double.parseDouble(cw[1].strip()));
      }
      if (size != null) {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w = Integer.parseInt(wh[0].strip());
        int h = wh.length > 1 ? Integer.parseInt(wh[1].strip()) : w;
        params = params.withViewport(w, h);
      }
    } catch (IllegalArgumentException e) {
      err.println("linnea render: " + e.getMessage());
      return 2;
    }
    try {
      // Pixel data stays in the file; only the frame asked for is read.
      DicomFile df = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(64 * 1024));
      int frames = df.dataset().getInt(org.linnea.dicom.Tag.NumberOfFrames).orElse(1);
      if (frame < 1 || frame > frames) {
        err.println("linnea render: " + file + ": no frame " + frame + ": frames are numbered 1 to " + frames);
        return 1;
      }
      BufferedImage img = Renderer.render(df, frame - 1, params);
      Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".render", ".tmp");
      try {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
          ImageEncoders.write(img, type, params.quality(), os);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return 0;
    } catch (NoSuchFileException e) {
      err.println("linnea render: " + e.getFile() + ": no such file");
    } catch (DicomParseException e) {
      err.println("linnea render: " + file + ": not a readable DICOM file: " + e.getMessage());
    } catch (ImagingException e) {
      err.println("linnea render: " + file + ": " + e.getMessage());
    }
    return 1;
  }
}
