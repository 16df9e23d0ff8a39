package org.linnea.security.token;

/**
 * A bearer token was refused. {@link #reason()} says precisely why, for logs, audit and tests; a
 * client should get only HTTP 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}
 * (RFC 6750), not the detail.
 */
public final class TokenRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a JWT, too long, or an encrypted JWT. */
    MALFORMED,
    /** {@code alg: none}: an unsigned token. */
    ALG_NONE,
    /** An algorithm not on the allowed list (HS256 and other HMACs always refused). */
    ALGORITHM_NOT_ALLOWED,
    /** No key of the JWK set matches the token's {@code kid} and algorithm, even after a refresh. */
    UNKNOWN_KEY,
    /** The signature does not verify with the matching key. */
    BAD_SIGNATURE,
    /** {@code exp} passed (beyond the clock skew). */
    EXPIRED,
    /** {@code nbf} not reached yet (beyond the clock skew). */
    NOT_YET_VALID,
    /** {@code iss} is not the configured issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not contain the configured audience. */
    WRONG_AUDIENCE,
    /** A required claim ({@code exp}, the user name, the organisation) is absent. */
    MISSING_CLAIM,
    /** None of the token's roles maps to a Linnea role. */
    NO_ROLES,
    /** The JWK set could not be fetched and none is cached. */
    KEYS_UNAVAILABLE
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public TokenRejectedException(Reason reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
