package org.linnea.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.linnea.net.ae.CallerCheck;
import org.linnea.net.ae.IdentityCheck;
import org.linnea.net.assoc.Association;
import org.linnea.net.dimse.DicomServiceException;
import org.linnea.net.dimse.Status;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.security.access.Permission;
import org.linnea.security.access.Principal;
import org.linnea.security.access.Role;
import org.linnea.security.dicom.AllowedPeer;
import org.linnea.security.dicom.CallingAeAllowList;
import org.linnea.security.dicom.UserIdentityVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a DICOM peer is, and whether it may associate at all:
 *
 * <ol>
 *   <li>a request with a user identity (PS3.7 D.3.3.7: user name and passcode, or a JWT) is
 *       admitted when the identity verifies against the same accounts and provider as HTTP; the
 *       peer is that user;
 *   <li>otherwise its calling AE title must be on the allow-list ({@code security.dicom.callers})
 *       and call from one of that entry's networks; the peer is a machine of the entry's
 *       organisation and roles;
 *   <li>with no entry configured at all, callers on this machine (loopback) are admitted as
 *       machines of the node's organisation with READER and UPLOADER; everyone else is refused.
 * </ol>
 *
 * A refused caller gets A-ASSOCIATE-RJ (calling AE title not recognized); an operation its roles
 * do not allow gets the DIMSE status 0124 (refused: not authorized).
 */
final class DicomAccess implements CallerCheck, IdentityCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DicomAccess.class);
  private static final String PRINCIPAL = "linnea.principal";
  private static final Duration IDENTITY_TTL = Duration.ofMinutes(2);
  static final Set<Role> LOOPBACK_ROLES = Set.of(Role.READER, Role.UPLOADER);

  private final CallingAeAllowList allowList;
  private final boolean loopbackDefault;
  private final String nodeOrganisation;
  private final UserIdentityVerifier verifier;
  /** Identities verified at negotiation, for the association's handlers: host, type, primary field → principal. */
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Principal principal, Instant until) {}

  DicomAccess(List<AllowedPeer> callers, String nodeOrganisation, UserIdentityVerifier verifier) {
    this.allowList = new CallingAeAllowList(callers);
    this.loopbackDefault = callers.isEmpty();
    this.nodeOrganisation = nodeOrganisation;
    this.verifier = verifier;
  }

  @Override
  public boolean admits(String callingAeTitle, String remoteHost, boolean withIdentity) {
    return withIdentity || byAddress(callingAeTitle, remoteHost).isPresent();
  }

  private Optional<Principal> byAddress(String callingAeTitle, String remoteHost) {
    InetAddress a;
    try {
      a = InetAddress.getByName(remoteHost); // an IP literal from the socket: no name lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    Optional<Principal> listed = allowList.admit(callingAeTitle.strip(), a);
    if (listed.isPresent() || !loopbackDefault || !a.isLoopbackAddress()) return listed;
    return Optional.of(new Principal(callingAeTitle.strip(), Principal.Kind.MACHINE, nodeOrganisation, LOOPBACK_ROLES,
        Principal.Authentication.DICOM_AE_TITLE, Optional.of(remoteHost)));
  }

  @Override
  public Optional<byte[]> verify(UserIdentity identity, String remoteHost) {
    try {
      UserIdentityVerifier.Result r = verifier.verify(identity.type(), identity.primary(), identity.secondary(), remoteHost);
      if (r.principal().isEmpty()) {
        LOG.info("DICOM user identity from {} refused: {}", remoteHost, r.reason());
        return Optional.empty();
      }
      if (verified.size() > 10_000) verified.values().removeIf(v -> v.until().isBefore(Instant.now()));
      verified.put(key(remoteHost, identity), new Verified(r.principal().get(), Instant.now().plus(IDENTITY_TTL)));
      return Optional.of(new byte[0]);
    } catch (IOException e) {
      LOG.warn("DICOM user identity from {} not checked: {}", remoteHost, e.toString());
      return Optional.empty();
    }
  }

  private static String key(String host, UserIdentity id) {
    return host + "|" + id.type() + "|" + new String(id.primary(), StandardCharsets.UTF_8);
  }

  /** The association's principal, allowed {@code permission}; a DIMSE failure 0124 otherwise. */
  Principal require(Association as, Permission permission) throws DicomServiceException {
    Principal p = (Principal) as.properties().computeIfAbsent(PRINCIPAL, k -> principalOf(as).orElse(null));
    if (p == null) throw new DicomServiceException(Status.NOT_AUTHORIZED, "caller " + as.callingAeTitle() + " at " + as.remoteHost() + " is not known");
    if (!p.has(permission)) {
      LOG.info("refused: {} by {} roles={} lacks {}", permission, p.name(), p.roles(), permission);
      throw new DicomServiceException(Status.NOT_AUTHORIZED, "the roles " + p.roles() + " of " + p.name() + " do not allow " + permission);
    }
    return p;
  }

  private Optional<Principal> principalOf(Association as) {
    Optional<UserIdentity> id = as.request().userInformation().userIdentity();
    if (id.isPresent()) {
      Verified v = verified.get(key(as.remoteHost(), id.get()));
      return v != null && v.until().isAfter(Instant.now()) ? Optional.of(v.principal()) : Optional.empty();
    }
    return byAddress(as.callingAeTitle(), as.remoteHost());
  }
}
