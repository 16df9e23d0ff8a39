package org.linnea.security.token;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Where the provider's public keys come from: a configured set ({@link #fixed}) or the provider's
 * JWKS URL ({@link RemoteJwkSet}, cached).
 */
public interface JwkSetSource {

  /**
   * The current key set.
   *
   * @param refresh true when a token names a key the last set lacked: fetch again if the source
   *     can (rate-limited by the implementation)
   * @throws TokenRejectedException with {@link TokenRejectedException.Reason#KEYS_UNAVAILABLE}
   */
  JWKSet get(boolean refresh) throws TokenRejectedException;

  /** A fixed key set, from configuration. Public keys only are kept. */
  static JwkSetSource fixed(JWKSet set) {
    JWKSet pub = set.toPublicJWKSet();
    return refresh -> pub;
  }
}
