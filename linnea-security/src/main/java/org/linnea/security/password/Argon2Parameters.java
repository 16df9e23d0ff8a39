package org.linnea.security.password;

import java.time.Duration;

/**
 * The cost of an Argon2id hash: memory in KiB, iterations and lanes (parallelism). Hashes made
 * with other parameters still verify; {@link PasswordHasher#needsRehash} tells the caller to store
 * a new hash at the next successful login.
 *
 * @param memoryKiB memory in KiB ({@code m}), at least 8 per lane
 * @param iterations passes over memory ({@code t}), at least 1
 * @param parallelism lanes ({@code p}), at least 1
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

  /**
   * The default without calibration: 19 MiB, 2 passes, 1 lane — OWASP's recommended minimum for
   * Argon2id. About 125 ms with BouncyCastle's pure-Java Argon2 on the development machine (a
   * 2-core cloud VM, JDK 25); RFC 9106's 64 MiB / t=3 took 610 ms there, too slow for a login.
   */
  public static final Argon2Parameters DEFAULT = new Argon2Parameters(19 * 1024, 2, 1);

  /** The least memory {@link #calibrate} goes down to (OWASP's minimum, with at least t=2). */
  public static final int MIN_MEMORY_KIB = 19 * 1024;

  /** The cheapest legal parameters, for tests only: never for real passwords. */
  public static final Argon2Parameters FOR_TESTS_ONLY = new Argon2Parameters(64, 1, 1);

  public Argon2Parameters {
    if (parallelism < 1 || parallelism > 255) {
      throw new IllegalArgumentException("parallelism must be 1..255: " + parallelism);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
    }
    if (memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("memory must be at least 8 KiB per lane: " + memoryKiB);
    }
  }

  /**
   * Parameters that take about {@code target} to hash on this machine: the most memory up to
   * {@code maxMemoryKiB} (halving down to {@link #MIN_MEMORY_KIB}) for which one pass fits the
   * target, then as many passes as fit (at least 1, at least 2 at the minimum memory, at most 20).
   * Takes a few times the target to run; call once at start-up or set-up, and keep the result in
   * the configuration, not per request.
   */
  public static Argon2Parameters calibrate(Duration target, int maxMemoryKiB) {
    int memory = Math.max(8, maxMemoryKiB);
    long nanos;
    while (true) {
      PasswordHasher probe = new PasswordHasher(new Argon2Parameters(memory, 1, 1));
      probe.hash("warm-up".toCharArray());
      nanos = time(probe);
      if (nanos <= target.toNanos() || memory <= MIN_MEMORY_KIB) {
        break;
      }
      memory = Math.max(MIN_MEMORY_KIB, memory / 2);
    }
    int iterations = (int) Math.max(1, Math.min(20, target.toNanos() / Math.max(1, nanos)));
    if (memory >= MIN_MEMORY_KIB && memory < 2 * MIN_MEMORY_KIB) {
      iterations = Math.max(2, iterations);
    }
    return new Argon2Parameters(memory, iterations, 1);
  }

  private static long time(PasswordHasher hasher) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      hasher.hash("calibration".toCharArray());
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  /** The parameter part of a PHC string: {@code m=65536,t=3,p=1}. */
  public String phc() {
    return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }
}
