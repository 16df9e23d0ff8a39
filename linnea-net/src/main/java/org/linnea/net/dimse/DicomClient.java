package org.linnea.net.dimse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linnea.dicom.UID;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.assoc.Association;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.net.assoc.SocketLink;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.ExtendedNegotiation;
import org.linnea.net.pdu.PresentationContextRQ;
import org.linnea.net.pdu.RoleSelection;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.net.pdu.UserInformation;

/**
 * Opens associations as service user.
 *
 * <pre>{@code
 * DicomClient client = new DicomClient(AssociationSettings.defaults());
 * try (DimseAssociation as = client.open("127.0.0.1", 11112,
 *     DicomClient.request("LINNEA", "STORESCP").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
 *   as.echo();
 * }
 * }</pre>
 */
public final class DicomClient {
  private final AssociationSettings settings;
  private final SecureTransport tls;

  public DicomClient(AssociationSettings settings) {
    this(settings, null);
  }

  /**
   * A client that opens every association over TLS (PS3.15 Annex B); {@code tls} null for plain
   * TCP. The handshake must complete within the ARTIM timeout.
   */
  public DicomClient(AssociationSettings settings, SecureTransport tls) {
    this.settings = settings;
    this.tls = tls;
  }

  /** Starts an association request from {@code callingAe} to {@code calledAe}. */
  public static Request request(String callingAe, String calledAe) {
    return new Request(callingAe, calledAe);
  }

  /**
   * Connects, negotiates, and starts the association's reading thread.
   *
   * @throws org.linnea.net.assoc.AssociationException when rejected or not answered; the message
   *     says why and what to check
   * @throws IOException when the connection cannot be made
   */
  public DimseAssociation open(String host, int port, Request request) throws IOException {
    return open(host, port, request, new DicomServices());
  }

  /** As {@link #open(String, int, Request)}, answering requests from the peer with {@code services}. */
  public DimseAssociation open(String host, int port, Request request, DicomServices services) throws IOException {
    SocketLink link;
    try {
      link = SocketLink.connect(host, port, AssociationSettings.millis(settings.connectTimeout()), tls,
          AssociationSettings.millis(settings.artimTimeout()));
    } catch (javax.net.ssl.SSLException e) {
      throw new javax.net.ssl.SSLException("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage()
          + " (check that the port speaks TLS, that the peer's certificate is trusted (--tls-ca) and whether it needs ours (--tls-cert))", e);
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException("cannot connect to " + host + ":" + port + " within " + settings.connectTimeout().toSeconds()
          + " s (check host, port and firewall)", e);
    } catch (IOException e) {
      throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage()
          + " (is the DICOM service running? check host and port)", e);
    }
    Association as = Association.request(link, request.build(settings), settings);
    return DimseAssociation.start(as, services);
  }

  /** An association request being assembled: presentation contexts and negotiation items. */
  public static final class Request {
    private final String callingAe;
    private final String calledAe;
    private final Map<String, List<String>> contexts = new LinkedHashMap<>();
    private final List<PresentationContextRQ> separate = new ArrayList<>();
    private final List<RoleSelection> roles = new ArrayList<>();
    private final List<ExtendedNegotiation> extended = new ArrayList<>();
    private UserIdentity identity;
    private UserInformation.AsyncOpsWindow async;

    Request(String callingAe, String calledAe) {
      AeConfig.checkAeTitle(callingAe);
      AeConfig.checkAeTitle(calledAe);
      this.callingAe = callingAe;
      this.calledAe = calledAe;
    }

    /**
     * Proposes an abstract syntax with transfer syntaxes: one presentation context per transfer
     * syntax, so the acceptor can accept each it supports (a sender can then send every file in
     * its own syntax).
     */
    public Request propose(String abstractSyntax, String... transferSyntaxes) {
      List<String> l = contexts.computeIfAbsent(abstractSyntax, k -> new ArrayList<>());
      for (String ts : transferSyntaxes) {
        if (!l.contains(ts)) {
          l.add(ts);
        }
      }
      return this;
    }

    /** Proposes one context holding several transfer syntaxes, of which the acceptor picks one. */
    public Request proposeOneContext(String abstractSyntax, String... transferSyntaxes) {
      separate.add(new PresentationContextRQ(0, abstractSyntax, transferSyntaxes));
      return this;
    }

    /** Proposes the SCU and SCP roles for a storage SOP class, as C-GET needs. */
    public Request scpRole(String sopClassUid) {
      roles.add(new RoleSelection(sopClassUid, true, true));
      return this;
    }

    /** Proposes a query/retrieve model and, for C-GET, the storage classes to receive. */
    public Request get(String getModel, List<String> storageClasses, String... transferSyntaxes) {
      propose(getModel, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
      for (String cuid : storageClasses) {
        propose(cuid, transferSyntaxes);
        scpRole(cuid);
      }
      return this;
    }

    /** Requests relational queries (PS3.4 C.5.1.1) for a query/retrieve SOP class. */
    public Request relational(String sopClassUid) {
      extended.add(new ExtendedNegotiation(sopClassUid, new byte[] {1}));
      return this;
    }

    public Request identity(UserIdentity userIdentity) {
      this.identity = userIdentity;
      return this;
    }

    public Request asyncOpsWindow(int invoked, int performed) {
      this.async = new UserInformation.AsyncOpsWindow(invoked, performed);
      return this;
    }

    /** The A-ASSOCIATE-RQ; fails when more than 128 presentation contexts were proposed. */
    public AAssociateRQ build(AssociationSettings settings) {
      List<PresentationContextRQ> pcs = new ArrayList<>();
      int id = 1;
      for (Map.Entry<String, List<String>> e : contexts.entrySet()) {
        for (String ts : e.getValue()) {
          pcs.add(new PresentationContextRQ(id, e.getKey(), ts));
          id += 2;
        }
      }
      for (PresentationContextRQ pc : separate) {
        pcs.add(new PresentationContextRQ(id, pc.abstractSyntax(), pc.transferSyntaxes()));
        id += 2;
      }
      if (id > 257) {
        throw new IllegalStateException("more than 128 presentation contexts proposed (" + (id - 1) / 2 + ")");
      }
      UserInformation ui = new UserInformation(
          settings.maxPduLengthReceive(), settings.implementationClassUid(),
          Optional.ofNullable(settings.implementationVersionName()), Optional.ofNullable(async),
          roles, extended, Optional.ofNullable(identity), Optional.empty());
      return new AAssociateRQ(1, calledAe, callingAe, AAssociateRQ.DICOM_APPLICATION_CONTEXT, pcs, ui);
    }

    /** The number of presentation contexts proposed so far. */
    public int size() {
      return contexts.values().stream().mapToInt(List::size).sum() + separate.size();
    }
  }
}
