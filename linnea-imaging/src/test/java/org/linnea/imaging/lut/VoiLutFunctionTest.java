package org.linnea.imaging.lut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The examples and edges of PS3.3 C.11.2.1.2 and C.11.2.1.3. */
class VoiLutFunctionTest {

  @Test
  void linearOfTheStandardsExample() {
    // C.11.2.1.2.1: for centre 2048, width 4096, values 0..4095 map linearly onto the output.
    assertThat(VoiLutFunction.LINEAR.apply(0, 2048, 4096, 0, 255)).isZero();
    assertThat(VoiLutFunction.LINEAR.apply(1, 2048, 4096, 0, 255)).isCloseTo(255.0 / 4095, within(1e-9));
    assertThat(VoiLutFunction.LINEAR.apply(4095, 2048, 4096, 0, 255)).isCloseTo(255, within(1e-9));
    // width 1: a threshold at c - 0.5
    assertThat(VoiLutFunction.LINEAR.apply(99.5, 100, 1, 0, 255)).isZero();
    assertThat(VoiLutFunction.LINEAR.apply(99.6, 100, 1, 0, 255)).isEqualTo(255);
  }

  @Test
  void linearExactAndSigmoid() {
    assertThat(VoiLutFunction.LINEAR_EXACT.apply(90, 100, 20, 0, 255)).isZero();
    assertThat(VoiLutFunction.LINEAR_EXACT.apply(100, 100, 20, 0, 255)).isEqualTo(127.5);
    assertThat(VoiLutFunction.LINEAR_EXACT.apply(110, 100, 20, 0, 255)).isEqualTo(255);
    assertThat(VoiLutFunction.SIGMOID.apply(100, 100, 20, 0, 255)).isEqualTo(127.5);
    assertThat(VoiLutFunction.SIGMOID.apply(110, 100, 20, 0, 255)).isCloseTo(255 / (1 + Math.exp(-2)), within(1e-9));
    assertThat(VoiLutFunction.of(" SIGMOID ")).contains(VoiLutFunction.SIGMOID);
    assertThat(VoiLutFunction.of("LOG")).isEmpty();
  }

  @Test
  void eightBitEntriesPackedTwoToAWord() throws Exception {
    int[] e = LookupTable.entries(new byte[] {1, 2, 3, 4}, 4, 8, false, "test");
    assertThat(e).containsExactly(1, 2, 3, 4);
    int[] one = LookupTable.entries(new byte[] {1, 0, 2, 0}, 2, 8, false, "test");
    assertThat(one).containsExactly(1, 2);
    LookupTable t = new LookupTable(-2, 8, new int[] {10, 20, 30});
    assertThat(t.lookup(-5)).isEqualTo(10);
    assertThat(t.lookup(-1)).isEqualTo(20);
    assertThat(t.lookup(7)).isEqualTo(30);
  }
}
