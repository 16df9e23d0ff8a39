/**
 * Login throttling: exponential back-off after failed attempts, counted per user name and per
 * source address (OWASP Authentication Cheat Sheet, "Account lockout"; NIST SP 800-63B section
 * 5.2.2, rate limiting). Time comes from a {@link java.time.InstantSource} so tests can move it.
 */
package org.linnea.security.throttle;
