package org.linnea.security.access;

/** Thrown by {@link AccessPolicy#require}: the decision was a refusal. Maps to HTTP 403. */
public final class AccessDeniedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  private final transient AccessDecision decision;

  public AccessDeniedException(AccessDecision decision) {
    super(decision.reason());
    this.decision = decision;
  }

  public AccessDecision decision() {
    return decision;
  }
}
