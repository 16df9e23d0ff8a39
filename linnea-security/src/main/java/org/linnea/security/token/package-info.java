/**
 * OpenID Connect bearer tokens: JWT access tokens (RFC 7519, RFC 9068) signed with JWS (RFC 7515)
 * and checked against the provider's JWK set (RFC 7517), from its JWKS URL or configured. Follows
 * the JWT best current practice of RFC 8725: an explicit list of allowed algorithms (RS256, ES256,
 * PS256), never {@code none}, never an HMAC keyed with a public key, issuer and audience always
 * checked. Uses Nimbus JOSE+JWT for parsing and signatures.
 */
package org.linnea.security.token;
