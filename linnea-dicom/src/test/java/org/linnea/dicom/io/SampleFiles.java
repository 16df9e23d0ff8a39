package org.linnea.dicom.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real DICOM files shipped by Debian packages that the tests use. */
public final class SampleFiles {
  private SampleFiles() {}

  public static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

  /** pydicom's test files and character-set files (python3-pydicom). */
  public static List<Path> pydicom() {
    try (Stream<Path> s = Stream.concat(Files.list(PYDICOM.resolve("test_files")), Files.list(PYDICOM.resolve("charset_files")))) {
      return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("pydicom's test files are missing: apt-get install python3-pydicom", e);
    }
  }
}
