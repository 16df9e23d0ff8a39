package org.linnea.net.dimse;

import java.util.List;
import java.util.Optional;
import org.linnea.dicom.UID;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.ae.IdentityCheck;
import org.linnea.net.assoc.AcceptorPolicy;
import org.linnea.net.assoc.AssociationSettings;

/**
 * A DICOM server's configuration, immutable.
 *
 * @param bindAddress the address to listen on ({@code 0.0.0.0} for all)
 * @param port the TCP port; 0 picks a free one (tests)
 * @param ae AE titles, remote AEs and the allow-list
 * @param association upper-layer parameters and timeouts
 * @param transferSyntaxPreference for storage, the acceptor's order of preference; may end with
 *     {@link AcceptorPolicy#ANY_TRANSFER_SYNTAX} to store whatever is proposed
 * @param maxAssociations concurrent associations beyond which requests are rejected (transient,
 *     local limit exceeded)
 * @param identityCheck verifies user identities; empty accepts any
 * @param identityRequired whether a request without user identity is rejected
 * @param relationalQueries whether relational queries are offered in extended negotiation
 */
public record ServerConfig(
    String bindAddress,
    int port,
    AeConfig ae,
    AssociationSettings association,
    List<String> transferSyntaxPreference,
    int maxAssociations,
    Optional<IdentityCheck> identityCheck,
    boolean identityRequired,
    boolean relationalQueries) {

  /** Uncompressed syntaxes the query identifiers can be read in, in order of preference. */
  public static final List<String> UNCOMPRESSED =
      List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

  public ServerConfig {
    transferSyntaxPreference = List.copyOf(transferSyntaxPreference);
  }

  /** Listens on {@code 127.0.0.1:port} for {@code aeTitle}, storing whatever syntax is proposed. */
  public static ServerConfig of(int port, String aeTitle) {
    return new ServerConfig(
        "127.0.0.1", port, AeConfig.of(aeTitle), AssociationSettings.defaults(),
        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, AcceptorPolicy.ANY_TRANSFER_SYNTAX),
        1000, Optional.empty(), false, true);
  }

  public ServerConfig withAe(AeConfig newAe) {
    return new ServerConfig(bindAddress, port, newAe, association, transferSyntaxPreference, maxAssociations, identityCheck, identityRequired, relationalQueries);
  }

  public ServerConfig withAssociation(AssociationSettings settings) {
    return new ServerConfig(bindAddress, port, ae, settings, transferSyntaxPreference, maxAssociations, identityCheck, identityRequired, relationalQueries);
  }

  public ServerConfig withIdentity(IdentityCheck check, boolean required) {
    return new ServerConfig(bindAddress, port, ae, association, transferSyntaxPreference, maxAssociations, Optional.of(check), required, relationalQueries);
  }

  public ServerConfig withTransferSyntaxPreference(List<String> preference) {
    return new ServerConfig(bindAddress, port, ae, association, preference, maxAssociations, identityCheck, identityRequired, relationalQueries);
  }

  public ServerConfig withMaxAssociations(int max) {
    return new ServerConfig(bindAddress, port, ae, association, transferSyntaxPreference, max, identityCheck, identityRequired, relationalQueries);
  }
}
