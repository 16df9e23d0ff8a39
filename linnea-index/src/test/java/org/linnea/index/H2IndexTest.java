package org.linnea.index;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2IndexTest extends IndexContract {
  @TempDir Path dir;

  @Override
  Index open() {
    return Index.open(IndexSettings.embedded(dir));
  }

  @Override
  IndexSettings fresh() {
    return IndexSettings.embedded(dir.resolve("fresh"));
  }
}
