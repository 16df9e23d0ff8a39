package org.linnea.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(Argon2Parameters.FOR_TESTS_ONLY);

  @Test
  void phcFormat() {
    String h = hasher.hash("correct horse battery".toCharArray());
    assertThat(h).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void verifiesRightAndRefusesWrong() {
    String h = hasher.hash("correct horse battery".toCharArray());
    assertThat(hasher.verify("correct horse battery".toCharArray(), h)).isTrue();
    assertThat(hasher.verify("correct horse batterz".toCharArray(), h)).isFalse();
    assertThat(hasher.verify("".toCharArray(), h)).isFalse();
  }

  @Test
  void saltsDiffer() {
    assertThat(hasher.hash("x".toCharArray())).isNotEqualTo(hasher.hash("x".toCharArray()));
  }

  @Test
  void malformedHashesAreRefusedNotThrown() {
    for (String bad : new String[] {null, "", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$aGFzaA", "plain-text-password"}) {
      assertThat(hasher.verify("x".toCharArray(), bad)).as(String.valueOf(bad)).isFalse();
      assertThat(hasher.needsRehash(bad)).isTrue();
    }
  }

  @Test
  void rehashWhenParametersChange() {
    String old = hasher.hash("pw".toCharArray());
    PasswordHasher stronger = new PasswordHasher(new Argon2Parameters(128, 2, 1));
    assertThat(hasher.needsRehash(old)).isFalse();
    assertThat(stronger.needsRehash(old)).isTrue();
    // older parameters still verify
    assertThat(stronger.verify("pw".toCharArray(), old)).isTrue();
    assertThat(PasswordHasher.parametersOf(old)).isEqualTo(Argon2Parameters.FOR_TESTS_ONLY);
  }

  /** Same tag as BouncyCastle's generator used directly: the PHC string carries the real Argon2id output. */
  @Test
  void tagIsArgon2idOfPasswordAndSalt() {
    String h = hasher.hash("pässword".toCharArray());
    String[] parts = h.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[4]);
    byte[] expected = new byte[32];
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
            org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
        .withVersion(0x13).withMemoryAsKB(64).withIterations(1).withParallelism(1).withSalt(salt).build());
    g.generateBytes("pässword".getBytes(StandardCharsets.UTF_8), expected);
    assertThat(Base64.getDecoder().decode(parts[5])).isEqualTo(expected);
  }

  /** RFC 9106 section 5.3 test vector for Argon2id (with secret and associated data). */
  @Test
  void bouncyCastleMatchesRfc9106Vector() {
    byte[] out = new byte[32];
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
            org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
        .withVersion(0x13).withMemoryAsKB(32).withIterations(3).withParallelism(4)
        .withSalt(fill(16, 0x02)).withSecret(fill(8, 0x03)).withAdditional(fill(12, 0x04)).build());
    g.generateBytes(fill(32, 0x01), out);
    assertThat(HexFormat.of().formatHex(out))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void calibrationPicksAtLeastOneIteration() {
    Argon2Parameters p = Argon2Parameters.calibrate(java.time.Duration.ofMillis(5), 256);
    assertThat(p.memoryKiB()).isEqualTo(256);
    assertThat(p.iterations()).isBetween(1, 20);
  }

  private static byte[] fill(int n, int v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
