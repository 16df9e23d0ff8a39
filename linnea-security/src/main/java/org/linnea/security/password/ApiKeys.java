package org.linnea.security.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys for machines. A key reads {@code lnk_<prefix>_<secret>}: {@code prefix} is 8 random
 * Base32-like characters used to find the key's record (not secret, may appear in logs and
 * listings), {@code secret} is 256 random bits in unpadded Base64url. The key is shown once, when
 * made; only its SHA-256 is stored. A plain hash suffices here (unlike passwords): 256 random bits
 * cannot be guessed, so a slow hash would add cost and no safety.
 */
public final class ApiKeys {

  /** The fixed start of every key, so that a leaked key is recognisable by scanners. */
  public static final String PREFIX = "lnk_";

  private static final Pattern FORMAT =
      Pattern.compile("lnk_([a-z2-7]{8})_([A-Za-z0-9_-]{43})");
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new key: the full text, to show once, and what to store. */
  public static NewApiKey generate() {
    char[] prefix = new char[8];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String p = new String(prefix);
    String key = PREFIX + p + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new NewApiKey(key, p, sha256Hex(key));
  }

  /** The lookup prefix of a well-formed key, or empty when the text is not a key. */
  public static Optional<String> prefixOf(String key) {
    if (key == null) {
      return Optional.empty();
    }
    var m = FORMAT.matcher(key);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the key matches the stored hash, compared in constant time. */
  public static boolean matches(String key, String storedSha256Hex) {
    byte[] actual = HexFormat.of().parseHex(sha256Hex(key));
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(storedSha256Hex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(actual, expected);
  }

  /** The SHA-256 of the key's UTF-8 text, in lower-case hex: what is stored. */
  public static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * A freshly made key.
   *
   * @param key the full key, to hand to the machine once and never store
   * @param prefix the lookup prefix
   * @param sha256Hex what to store
   */
  public record NewApiKey(String key, String prefix, String sha256Hex) {
    @Override
    public String toString() {
      return "NewApiKey[prefix=" + prefix + ", key=(hidden)]";
    }
  }
}
