package org.linnea.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the unit tests of the viewer's ES modules ({@code src/test/js/*.test.mjs}: window
 * function, frame decoding, multipart and zip readers) with Node's own test runner. The modules
 * are the files served to browsers, imported as they are.
 */
class ViewerModulesTest {
  @Test
  void moduleUnitTestsPassUnderNode() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("node", "--test", "src/test/js/").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      fail("the viewer's module tests need Node.js (apt-get install nodejs; .ci/run installs it): " + e.getMessage());
      return;
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("node --test did not finish in 120 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("# fail 0").doesNotContain("# pass 0");
  }

  @Test
  void pageHasNoInlineScriptOrStyle() throws Exception {
    String html = java.nio.file.Files.readString(Path.of("src/main/resources/org/linnea/viewer/ui/index.html"));
    // What the Content Security Policy would block: inline scripts, style attributes, inline handlers.
    assertThat(html).doesNotContain("style=").doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=");
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
  }
}
