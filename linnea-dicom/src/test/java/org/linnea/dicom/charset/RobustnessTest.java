package org.linnea.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding arbitrary bytes never throws and always yields well-formed UTF-16: whatever a modality
 * sends must not stop an archive from storing and showing it.
 */
class RobustnessTest {
  private static final int ARRAYS_PER_SET = 3000;

  /** Fragments that steer random input into the interesting states. */
  private static final byte[][] FRAGMENTS = {
      {0x1B}, {0x1B, '$'}, {0x1B, '$', 'B'}, {0x1B, '$', '(', 'D'}, {0x1B, '$', ')', 'C'},
      {0x1B, '$', ')', 'A'}, {0x1B, '(', 'B'}, {0x1B, '(', 'J'}, {0x1B, ')', 'I'}, {0x1B, '(', 'I'},
      {0x1B, '-', 'A'}, {0x1B, '-', 'F'}, {0x1B, '-', 'T'}, {0x1B, '&', '@'}, {0x1B, '$', '@'},
      {'^'}, {'='}, {'\\'}, {'\r', '\n'}, {'\t'}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0x81, 0x5C}, {(byte) 0x95, 0x32, (byte) 0x82}, {(byte) 0xB1}, {0x24}};

  static Stream<SpecificCharacterSet> sets() {
    List<SpecificCharacterSet> sets = new ArrayList<>();
    for (Term t : Term.values()) {
      sets.add(SpecificCharacterSet.valueOf(t.term));
      if (t.codeExtensions()) {
        sets.add(SpecificCharacterSet.valueOf("", t.term));
      }
    }
    sets.add(SpecificCharacterSet.ASCII);
    sets.add(SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"));
    sets.add(SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 149",
        "ISO 2022 IR 58", "ISO 2022 IR 166", "ISO 2022 IR 203"));
    sets.add(SpecificCharacterSet.valueOf("unknown", "ISO 2022 IR 87"));
    return sets.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void randomBytesNeverThrow(SpecificCharacterSet cs) {
    // Seeded per set, so that a failure can be replayed from its name alone.
    Random random = new Random(String.join("\\", cs.definedTerms()).hashCode());
    for (int n = 0; n < ARRAYS_PER_SET; n++) {
      byte[] b = randomBytes(random);
      int offset = random.nextInt(b.length + 1);
      int length = random.nextInt(b.length - offset + 1);

      String pn = cs.decode(b, offset, length, true);
      String text = cs.decode(b, offset, length, false);

      assertThat(wellFormed(pn)).as("PN from %s", hex(b, offset, length)).isTrue();
      assertThat(wellFormed(text)).as("text from %s", hex(b, offset, length)).isTrue();
      assertThat(cs.decode(b, offset, length, false)).isEqualTo(text);
    }
  }

  private static byte[] randomBytes(Random random) {
    int size = random.nextInt(48);
    byte[] out = new byte[size + 8];
    int n = 0;
    while (n < size) {
      if (random.nextInt(4) == 0) {
        byte[] f = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        int k = Math.min(f.length, out.length - n);
        System.arraycopy(f, 0, out, n, k);
        n += k;
      } else {
        out[n++] = (byte) random.nextInt(256);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b, int offset, int length) {
    return java.util.HexFormat.ofDelimiter(" ").formatHex(b, offset, offset + length);
  }
}
