package org.linnea.security.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.linnea.security.access.Principal;
import org.linnea.security.account.AccountService;
import org.linnea.security.account.LoginResult;
import org.linnea.security.token.BearerTokenValidator;
import org.linnea.security.token.TokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks DICOM User Identity Negotiation (PS3.7 D.3.3.7) against the same accounts and token
 * validator as HTTP. User-Identity-Type:
 *
 * <ul>
 *   <li>1, user name only: refused — it proves nothing;
 *   <li>2, user name and passcode: {@link AccountService#login} (throttled and audited like any
 *       login), the principal's authentication becomes {@code DICOM_USER_IDENTITY};
 *   <li>3 Kerberos, 4 SAML: refused as not supported;
 *   <li>5, JWT: {@link BearerTokenValidator#validate} (refused when no validator is configured).
 * </ul>
 *
 * Fields are UTF-8 as PS3.7 says. The passcode bytes are wiped after use. Thread-safe.
 */
public final class UserIdentityVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(UserIdentityVerifier.class);

  /**
   * The outcome.
   *
   * @param principal the authenticated user, when accepted
   * @param reason why not, for the log (not for the peer)
   */
  public record Result(Optional<Principal> principal, String reason) {
    static Result refused(String reason) {
      return new Result(Optional.empty(), reason);
    }
  }

  private final AccountService accounts;
  private final BearerTokenValidator tokens;

  /**
   * @param accounts local accounts
   * @param tokens the bearer token validator, or null when no OpenID provider is configured
   */
  public UserIdentityVerifier(AccountService accounts, BearerTokenValidator tokens) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.tokens = tokens;
  }

  /** Checks the user identity sub-item's type and fields, from the peer at {@code address}. */
  public Result verify(int type, byte[] primaryField, byte[] secondaryField, String address) throws IOException {
    try {
      switch (type) {
        case 1:
          return Result.refused("user name without passcode (type 1) is not accepted");
        case 2: {
          String username = utf8(primaryField);
          char[] passcode = chars(secondaryField);
          try {
            LoginResult r = accounts.login(username, passcode, address);
            if (r.principal().isEmpty()) {
              return Result.refused("login refused: " + r.failure().map(Enum::name).orElse("?"));
            }
            Principal p = r.principal().get();
            return new Result(Optional.of(new Principal(p.name(), p.kind(), p.organisation(), p.roles(),
                Principal.Authentication.DICOM_USER_IDENTITY, p.address())), "");
          } finally {
            Arrays.fill(passcode, '\0');
          }
        }
        case 5: {
          if (tokens == null) {
            return Result.refused("JWT user identity (type 5) without an OpenID provider configured");
          }
          try {
            Principal p = tokens.validate(utf8(primaryField), address);
            return new Result(Optional.of(new Principal(p.name(), p.kind(), p.organisation(), p.roles(),
                Principal.Authentication.DICOM_USER_IDENTITY, p.address())), "");
          } catch (TokenRejectedException e) {
            LOG.warn("DICOM JWT user identity from {} refused: {}", address, e.reason());
            return Result.refused("token refused: " + e.reason());
          }
        }
        default:
          return Result.refused("user identity type " + type + " is not supported");
      }
    } catch (CharacterCodingException e) {
      return Result.refused("user identity field is not UTF-8");
    } finally {
      if (secondaryField != null) {
        Arrays.fill(secondaryField, (byte) 0);
      }
    }
  }

  private static String utf8(byte[] b) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(b == null ? new byte[0] : b))
        .toString();
  }

  private static char[] chars(byte[] b) throws CharacterCodingException {
    CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(b == null ? new byte[0] : b));
    char[] out = new char[cb.remaining()];
    cb.get(out);
    if (cb.hasArray()) {
      Arrays.fill(cb.array(), '\0');
    }
    return out;
  }
}
