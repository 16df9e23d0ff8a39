package org.linnea.archive;

import java.io.IOException;
import java.nio.file.Path;
import org.linnea.index.DuplicatePolicy;
import org.linnea.index.Index;
import org.linnea.index.IndexSettings;

/** Opens archives in a temporary folder for tests. */
final class ArchiveFixture {
  private ArchiveFixture() {}

  static Archive.Settings settings(Path dir, DuplicatePolicy policy) {
    return new Archive.Settings(dir.resolve("store"), IndexSettings.embedded(dir.resolve("index")), Index.DEFAULT_ORGANISATION, policy, 0, 2);
  }

  static Archive open(Path dir, DuplicatePolicy policy) throws IOException {
    return Archive.open(settings(dir, policy));
  }
}
