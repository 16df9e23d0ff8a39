package org.linnea.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.linnea.index.Level;
import org.linnea.index.Query;

/**
 * Coverage-guided fuzzing of QIDO-RS query parameters: a query string, decoded as Jetty decodes
 * it, turned into a {@link Query} by {@link Qido#parse}. Bad input must be a 400 {@link
 * WebException} (a query string Jetty cannot decode is a 400 too, see {@link Exchange#query()}),
 * never another exception; the corpus in {@code
 * src/test/resources/org/linnea/web/QidoQueryFuzzTestInputs} is replayed in every run.
 */
class QidoQueryFuzzTest {
  private static final Level[] LEVELS = {Level.STUDY, Level.SERIES, Level.IMAGE};

  @FuzzTest(maxDuration = "10s")
  void parseQuery(FuzzedDataProvider data) {
    Level level = LEVELS[data.consumeInt(0, 2)];
    boolean inStudy = data.consumeBoolean();
    String query = data.consumeRemainingAsString();
    Fields fields = new Fields(true);
    try {
      UrlEncoded.decodeUtf8To(query, fields);
    } catch (RuntimeException malformed) {
      return;
    }
    try {
      Query q = Qido.parse(fields, level, inStudy ? "1.2.3" : null, null, 1);
      assertThat(q.level()).isEqualTo(level);
    } catch (WebException e) {
      assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
    }
  }
}
