package org.linnea.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizedTest {
  @Test
  void timesAreFixedWidthAndUpperBoundsCoverThePrecisionGiven() {
    assertThat(Normalized.time("1015")).isEqualTo("101500.000000");
    assertThat(Normalized.time("10:15:30.5")).isEqualTo("101530.500000");
    assertThat(Normalized.timeUpper("10")).isEqualTo("105959.999999");
    assertThat(Normalized.timeUpper("1015")).isEqualTo("101559.999999");
    assertThat(Normalized.timeUpper("101530")).isEqualTo("101530.999999");
    assertThat(Normalized.timeUpper("101530.5")).isEqualTo("101530.599999");
  }

  @Test
  void likePatterns() {
    assertThat(QuerySql.likePattern("A%_\\*?")).isEqualTo("A\\%\\_\\\\%_");
  }

  @Test
  void personNames() {
    assertThat(Normalized.personName("Doe^John^^^")).isEqualTo("DOE^JOHN");
    assertThat(Normalized.personNamePattern("doe^j*")).isEqualTo("DOE^J*");
  }
}
