package org.linnea.security.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/**
 * Argon2id password hashes (RFC 9106, version 0x13) in the PHC string format:
 *
 * <pre>$argon2id$v=19$m=65536,t=3,p=1$&lt;salt&gt;$&lt;hash&gt;</pre>
 *
 * with a 16-byte random salt, a 32-byte tag, both unpadded standard Base64 as the PHC format
 * prescribes. Verification recomputes the tag with the parameters stored in the string and
 * compares in constant time ({@link MessageDigest#isEqual}); {@link #needsRehash} tells when a
 * stored hash was made with other parameters than the current ones.
 *
 * <p>Passwords come in as {@code char[]} so that callers can wipe them; this class wipes its own
 * copies (the UTF-8 bytes). Thread-safe.
 */
public final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int TAG_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final Argon2Parameters parameters;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(Argon2Parameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /** The parameters new hashes are made with. */
  public Argon2Parameters parameters() {
    return parameters;
  }

  /** A new PHC string for the password, with a fresh salt. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] tag = argon2(password, salt, parameters, TAG_BYTES);
    return "$argon2id$v=19$" + parameters.phc() + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(tag);
  }

  /**
   * Whether the password matches the PHC string. False for a malformed string or another
   * algorithm, never an exception: a damaged account record must not become a way in or a crash.
   */
  public boolean verify(char[] password, String phc) {
    Phc parsed;
    try {
      parsed = Phc.parse(phc);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = argon2(password, parsed.salt, parsed.parameters, parsed.tag.length);
    return MessageDigest.isEqual(actual, parsed.tag);
  }

  /** Whether the stored hash was made with other parameters than {@link #parameters()}. */
  public boolean needsRehash(String phc) {
    try {
      Phc p = Phc.parse(phc);
      return !p.parameters.equals(parameters) || p.tag.length != TAG_BYTES;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /** The parameters a PHC string was made with. */
  public static Argon2Parameters parametersOf(String phc) {
    return Phc.parse(phc).parameters;
  }

  static byte[] argon2(char[] password, byte[] salt, Argon2Parameters p, int length) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] pw = new byte[bb.remaining()];
    bb.get(pw);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    try {
      Argon2BytesGenerator gen = new Argon2BytesGenerator();
      gen.init(
          new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
              .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(p.memoryKiB())
              .withIterations(p.iterations())
              .withParallelism(p.parallelism())
              .withSalt(salt)
              .build());
      byte[] out = new byte[length];
      gen.generateBytes(pw, out);
      return out;
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private record Phc(Argon2Parameters parameters, byte[] salt, byte[] tag) {
    static Phc parse(String s) {
      if (s == null) {
        throw new IllegalArgumentException("no hash");
      }
      String[] parts = s.split("\\$", -1);
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id")
          || !parts[2].equals("v=19")) {
        throw new IllegalArgumentException("not an argon2id v=19 PHC string");
      }
      int m = -1;
      int t = -1;
      int par = -1;
      for (String kv : parts[3].split(",", -1)) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("bad parameter");
        }
        int v;
        try {
          v = Integer.parseInt(kv.substring(eq + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad parameter value");
        }
        switch (kv.substring(0, eq)) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> par = v;
          default -> throw new IllegalArgumentException("unknown parameter");
        }
      }
      // Cap what a stored string may ask for: 4 GiB of memory would be a denial of service.
      if (m > 4 * 1024 * 1024 || t > 100) {
        throw new IllegalArgumentException("parameters too large");
      }
      Argon2Parameters params = new Argon2Parameters(m, t, par);
      byte[] salt = B64D.decode(parts[4]);
      byte[] tag = B64D.decode(parts[5]);
      if (salt.length < 8 || tag.length < 16) {
        throw new IllegalArgumentException("salt or hash too short");
      }
      return new Phc(params, salt, tag);
    }
  }
}
