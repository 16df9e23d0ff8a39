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
   * A sensible default without calibration: 64 MiB, 3 passes, 1 lane — RFC 9106's second
   * recommended option, in the order of 100 ms on a current server core.
   */
  public static final Argon2Parameters DEFAULT = new Argon2Parameters(64 * 1024, 3, 1);

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
   * Parameters that take about {@code target} to hash on this machine: memory fixed at {@code
   * memoryKiB}, iterations raised until the target is reached (at least 1, at most 20). Takes a
   * few times the target to run; call once at start-up, not per request.
   */
  public static Argon2Parameters calibrate(Duration target, int memoryKiB) {
    Argon2Parameters p = new Argon2Parameters(memoryKiB, 1, 1);
    PasswordHasher probe = new PasswordHasher(p);
    probe.hash("warm-up".toCharArray());
    long nanos = time(probe);
    int iterations = (int) Math.max(1, Math.min(20, target.toNanos() / Math.max(1, nanos)));
    return new Argon2Parameters(memoryKiB, iterations, 1);
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
