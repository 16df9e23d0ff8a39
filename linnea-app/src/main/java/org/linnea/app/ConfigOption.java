package org.linnea.app;

import java.nio.file.Path;
import java.util.Optional;
import org.linnea.app.config.Configuration;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that open the archive. */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "YAML configuration (docs/configuration.md); every setting can also be given as an environment variable such as LINNEA_DICOM_PORT.")
  Path file;

  Configuration load() {
    return Configuration.load(Optional.ofNullable(file), System.getenv());
  }
}
