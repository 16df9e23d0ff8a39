/**
 * Password hashing with Argon2id (RFC 9106) in the PHC string format ({@code
 * $argon2id$v=19$m=65536,t=3,p=1$salt$hash}, unpadded standard Base64), calibrated to about 100 ms
 * on the machine; and API keys for machines: 256 random bits shown once and stored only as a
 * SHA-256 hash, with a short public prefix to find the account.
 */
package org.linnea.security.password;
