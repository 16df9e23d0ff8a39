package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the multipart/related reader that STOW-RS bodies go through (Jazzer;
 * the corpus in {@code src/test/resources/org/linnea/web/MultipartReaderFuzzTestInputs} is
 * replayed in every run, the module's {@code fuzz} execution searches for 10 s). The only
 * acceptable failure is {@link MultipartReader.MalformedMultipartException}; the parts' bodies can
 * never add up to more bytes than the input.
 */
class MultipartReaderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void readParts(byte[] input) throws IOException {
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(input), "XyZ-b");
    long total = 0;
    try {
      for (MultipartReader.Part p = reader.nextPart(); p != null; p = reader.nextPart()) {
        assertThat(p.contentType()).isNotNull();
        byte[] buf = new byte[1 + (input.length & 7)];
        for (int n; (n = p.body().read(buf, 0, buf.length)) >= 0; ) total += n;
      }
    } catch (MultipartReader.MalformedMultipartException expected) {
      return;
    }
    assertThat(total).isLessThanOrEqualTo(input.length);
  }
}
