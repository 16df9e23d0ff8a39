package org.linnea.security.access;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: a user or a machine, of one organisation, with its roles, how it proved who it is
 * and from which network address. Immutable; made by whatever authenticated the request (the
 * account service, the bearer-token validator, the DICOM association acceptor).
 *
 * @param name the user name, or the machine's account name or AE title
 * @param kind user or machine
 * @param organisation the organisation id the principal belongs to
 * @param roles its roles (never empty for a principal that may do anything)
 * @param authentication how it authenticated
 * @param address the peer's network address (IP literal or host name), if known
 */
public record Principal(
    String name,
    Kind kind,
    String organisation,
    Set<Role> roles,
    Authentication authentication,
    Optional<String> address) {

  /** A person or a machine. */
  public enum Kind {
    USER,
    MACHINE
  }

  /** How a principal proved who it is. */
  public enum Authentication {
    /** Local account, user name and password. */
    PASSWORD,
    /** Machine account, API key. */
    API_KEY,
    /** OpenID Connect bearer token (JWT). */
    BEARER_TOKEN,
    /** DICOM user identity negotiation (PS3.7 D.3.3.7), user name and passcode or JWT. */
    DICOM_USER_IDENTITY,
    /** DICOM calling AE title checked against the allow-list with its address. */
    DICOM_AE_TITLE,
    /** TLS client certificate. */
    CLIENT_CERTIFICATE,
    /** The local command line, run by someone with access to the node's files. */
    LOCAL
  }

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(authentication, "authentication");
    roles = Set.copyOf(roles);
    address = Objects.requireNonNullElse(address, Optional.empty());
  }

  /**
   * The operator at the node's command line ({@code ./linnea user …}): whoever can run it can read
   * the node's files, so it acts as an administrator of the node's organisation. {@code osUser}
   * names them in the audit trail.
   */
  public static Principal local(String osUser, String organisation) {
    return new Principal(osUser == null || osUser.isBlank() ? "local" : osUser, Kind.USER, organisation,
        Set.of(Role.ADMINISTRATOR), Authentication.LOCAL, Optional.of("localhost"));
  }

  /** Whether any of the principal's roles grants the permission (organisation not considered). */
  public boolean has(Permission permission) {
    return Role.anyGrants(roles, permission);
  }

  /** The address for audit messages, or "unknown". */
  public String addressOrUnknown() {
    return address.orElse("unknown");
  }
}
