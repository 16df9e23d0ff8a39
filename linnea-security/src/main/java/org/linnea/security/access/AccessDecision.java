package org.linnea.security.access;

/**
 * The answer of {@link AccessPolicy}: allowed or not, and why, in words fit for an audit message
 * and a log line (no secrets, no patient data).
 *
 * @param allowed whether the action may go ahead
 * @param reason why, for example "role READER grants QUERY in own organisation"
 */
public record AccessDecision(boolean allowed, String reason) {

  static AccessDecision allow(String reason) {
    return new AccessDecision(true, reason);
  }

  static AccessDecision deny(String reason) {
    return new AccessDecision(false, reason);
  }
}
