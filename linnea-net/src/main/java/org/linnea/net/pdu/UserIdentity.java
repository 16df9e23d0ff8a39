package org.linnea.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * User identity negotiation sub-item of an A-ASSOCIATE-RQ (PS3.7 Annex D.3.3.7.1).
 *
 * @param type one of {@link #USERNAME}, {@link #USERNAME_PASSCODE}, {@link #KERBEROS}, {@link
 *     #SAML}, {@link #JWT}
 * @param positiveResponseRequested whether the acceptor must answer with a user identity AC item
 * @param primary the username, ticket, assertion or token
 * @param secondary the passcode for {@link #USERNAME_PASSCODE}, otherwise empty
 */
public record UserIdentity(int type, boolean positiveResponseRequested, byte[] primary, byte[] secondary) {
  public static final int USERNAME = 1;
  public static final int USERNAME_PASSCODE = 2;
  public static final int KERBEROS = 3;
  public static final int SAML = 4;
  public static final int JWT = 5;

  public UserIdentity {
    primary = primary.clone();
    secondary = secondary.clone();
  }

  public static UserIdentity username(String user, boolean positiveResponseRequested) {
    return new UserIdentity(USERNAME, positiveResponseRequested, utf8(user), new byte[0]);
  }

  public static UserIdentity usernamePasscode(String user, String passcode, boolean positiveResponseRequested) {
    return new UserIdentity(USERNAME_PASSCODE, positiveResponseRequested, utf8(user), utf8(passcode));
  }

  public static UserIdentity jwt(String token, boolean positiveResponseRequested) {
    return new UserIdentity(JWT, positiveResponseRequested, utf8(token), new byte[0]);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] primary() {
    return primary.clone();
  }

  @Override
  public byte[] secondary() {
    return secondary.clone();
  }

  public String primaryString() {
    return new String(primary, StandardCharsets.UTF_8);
  }

  public String secondaryString() {
    return new String(secondary, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserIdentity u
        && u.type == type
        && u.positiveResponseRequested == positiveResponseRequested
        && Arrays.equals(u.primary, primary)
        && Arrays.equals(u.secondary, secondary);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(primary);
  }

  /** Never prints the passcode or token. */
  @Override
  public String toString() {
    return "UserIdentity[type=" + type + ", positiveResponseRequested=" + positiveResponseRequested + "]";
  }
}
