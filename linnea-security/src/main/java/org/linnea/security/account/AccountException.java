package org.linnea.security.account;

/** A request on accounts that cannot be done: exists already, no such account, weak password. */
public final class AccountException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public AccountException(String message) {
    super(message);
  }
}
