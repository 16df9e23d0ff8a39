package org.linnea.security.account;

import java.time.Duration;
import java.util.Optional;
import org.linnea.security.access.Principal;

/**
 * The outcome of a login: a principal, or why not. The reason is for logs and audit; a client
 * should be told only "refused" (and, when throttled, when to retry), so that it cannot learn
 * which user names exist.
 *
 * @param principal the authenticated principal, when {@link #failure} is empty
 * @param failure why the login was refused
 * @param retryAfter when throttled, how long to wait
 */
public record LoginResult(Optional<Principal> principal, Optional<Failure> failure, Duration retryAfter) {

  /** Why a login was refused. */
  public enum Failure {
    /** Too many recent failures for this user name or address. */
    THROTTLED,
    /** No such account, or wrong password or key (deliberately one reason). */
    BAD_CREDENTIALS,
    /** The account exists but is disabled. */
    DISABLED
  }

  static LoginResult success(Principal p) {
    return new LoginResult(Optional.of(p), Optional.empty(), Duration.ZERO);
  }

  static LoginResult failed(Failure f) {
    return new LoginResult(Optional.empty(), Optional.of(f), Duration.ZERO);
  }

  static LoginResult throttled(Duration retryAfter) {
    return new LoginResult(Optional.empty(), Optional.of(Failure.THROTTLED), retryAfter);
  }

  public boolean succeeded() {
    return principal.isPresent();
  }
}
