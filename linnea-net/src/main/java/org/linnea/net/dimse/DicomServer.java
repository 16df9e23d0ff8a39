package org.linnea.net.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.linnea.net.assoc.AcceptorPolicy;
import org.linnea.net.assoc.Association;
import org.linnea.net.assoc.AssociationException;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.SecureTransport;
import org.linnea.net.assoc.SocketLink;
import org.linnea.net.pdu.AAssociateRJ;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.ExtendedNegotiation;
import org.linnea.net.pdu.ProtocolException;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.net.pdu.UserInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOM service provider: listens, negotiates with each caller by the {@link ServerConfig} and
 * the registered {@link DicomServices}, and serves each association on a virtual thread of its own.
 *
 * <pre>{@code
 * try (DicomServer server = new DicomServer(ServerConfig.of(11112, "LINNEA"),
 *     new DicomServices().onStore((rq, in) -> in.transferTo(OutputStream.nullOutputStream())))) {
 *   server.start();
 *   ...
 * }
 * }</pre>
 *
 * A slow, silent or hostile peer only ever holds its own thread, and is cut off by the timeouts of
 * {@link org.linnea.net.assoc.AssociationSettings}.
 *
 * <p>With a {@link SecureTransport} the server speaks TLS only (PS3.15 Annex B; by convention on port
 * 2762): each connection's handshake runs on its own thread, bounded by the ARTIM timeout, and a
 * failed handshake (no common protocol, untrusted or missing client certificate, plain DICOM on the
 * TLS port) is logged with the peer's address and closes that connection only.
 */
public final class DicomServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);

  private final ServerConfig config;
  private final DicomServices services;
  private volatile Retriever retriever;
  private final SecureTransport tls;
  private final AtomicInteger active = new AtomicInteger();
  private volatile ServerSocket serverSocket;
  private Thread acceptor;
  private volatile org.linnea.net.ae.CallerCheck callerCheck;
  private volatile int maxAssociationsPerPeer = Integer.MAX_VALUE;
  private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> perPeer = new java.util.concurrent.ConcurrentHashMap<>();

  public DicomServer(ServerConfig config, DicomServices services) {
    this(config, services, null);
  }

  /** A server that speaks TLS with every caller; {@code tls} null for plain TCP. */
  public DicomServer(ServerConfig config, DicomServices services, SecureTransport tls) {
    this.config = config;
    this.services = services;
    this.retriever = new Retriever(config.ae(), config.association());
    this.tls = tls;
  }

  /**
   * The TLS of the associations this server opens to C-MOVE destinations marked {@link
   * org.linnea.net.ae.RemoteAe#tls()}: a client context (this node's certificate, the CAs its peers'
   * certificates are checked against). Without it, a move to such a destination fails with a clear
   * status. Set before {@link #start}.
   */
  public DicomServer withClientTls(SecureTransport clientTls) {
    this.retriever = new Retriever(config.ae(), config.association(), clientTls);
    return this;
  }

  /** Admits callers only when {@code check} says so (besides the AE configuration's allow-list). Set before {@link #start}. */
  public DicomServer withCallerCheck(org.linnea.net.ae.CallerCheck check) {
    this.callerCheck = check;
    return this;
  }

  /**
   * At most {@code max} concurrent associations from one address; more are rejected (transient,
   * local limit exceeded), so that one peer cannot take every slot. Set before {@link #start}.
   */
  public DicomServer withMaxAssociationsPerPeer(int max) {
    if (max < 1) throw new IllegalArgumentException("maxAssociationsPerPeer must be at least 1");
    this.maxAssociationsPerPeer = max;
    return this;
  }

  /** Binds and starts accepting; returns at once. */
  public DicomServer start() throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    try {
      ss.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 1024);
    } catch (IOException e) {
      ss.close();
      throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage()
          + " (is another service using the port?)", e);
    }
    serverSocket = ss;
    acceptor = Thread.ofPlatform().name("dicom-accept-" + port()).daemon(true).start(this::acceptLoop);
    LOG.info("DICOM server listening on {}:{} as {}{}", config.bindAddress(), port(), config.ae().localAeTitles(),
        tls == null ? "" : " (TLS " + String.join(", ", tls.parameters().getProtocols()) + clientAuth() + ")");
    return this;
  }

  /** The port listened on (the one picked when configured as 0). */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Associations being served now. */
  public int activeAssociations() {
    return active.get();
  }

  private void acceptLoop() {
    ServerSocket ss = serverSocket;
    while (!ss.isClosed()) {
      try {
        Socket s = ss.accept();
        DimseAssociation.readerThreads().name("dicom-assoc-" + s.getRemoteSocketAddress()).start(() -> serve(s));
      } catch (IOException e) {
        if (!ss.isClosed()) {
          LOG.warn("accept failed on port {}: {}", ss.getLocalPort(), e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) {
    int n = active.incrementAndGet();
    String peer = socket.getInetAddress() == null ? "?" : socket.getInetAddress().getHostAddress();
    int p = perPeer.compute(peer, (k, v) -> {
      AtomicInteger c = v == null ? new AtomicInteger() : v;
      c.incrementAndGet();
      return c;
    }).get();
    try {
      SocketLink link;
      if (tls != null) {
        try {
          link = SocketLink.acceptTls(socket, tls, AssociationSettings.millis(config.association().artimTimeout()));
        } catch (IOException | RuntimeException e) {
          LOG.warn("TLS handshake with {}:{} on port {} failed: {}", socket.getInetAddress().getHostAddress(), socket.getPort(), socket.getLocalPort(), e.getMessage());
          return;
        }
        if (LOG.isDebugEnabled()) {
          var session = link.tlsSession();
          LOG.debug("TLS from {}: {} {}", link.remoteAddress(), session.getProtocol(), session.getCipherSuite());
        }
      } else {
        try {
          link = new SocketLink(socket);
        } catch (IOException e) {
          socket.close();
          return;
        }
      }
      Association as;
      try {
        as = Association.accept(link, config.association(), new Policy(n > config.maxAssociations() || p > maxAssociationsPerPeer));
      } catch (AssociationException e) {
        LOG.info("{}", e.getMessage());
        return;
      } catch (ProtocolException e) {
        LOG.warn("association request from {} aborted: {}", link.remoteAddress(), e.getMessage());
        return;
      } catch (IOException e) {
        LOG.info("connection from {} closed before association: {}", link.remoteAddress(), e.getMessage());
        return;
      }
      LOG.info("association {} accepted", as);
      new DimseAssociation(as, services, retriever).run();
      LOG.info("association {} ended", as);
    } catch (IOException | RuntimeException e) {
      LOG.warn("connection {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
    } finally {
      active.decrementAndGet();
      perPeer.computeIfPresent(peer, (k, v) -> v.decrementAndGet() == 0 ? null : v);
    }
  }

  private String clientAuth() {
    if (tls.parameters().getNeedClientAuth()) {
      return ", client certificate required";
    }
    return tls.parameters().getWantClientAuth() ? ", client certificate optional" : "";
  }

  @Override
  public void close() {
    ServerSocket ss = serverSocket;
    if (ss != null) {
      try {
        ss.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Negotiation policy from the configuration and the registered handlers. */
  private final class Policy implements AcceptorPolicy {
    private final boolean overloaded;

    Policy(boolean overloaded) {
      this.overloaded = overloaded;
    }

    @Override
    public Optional<AAssociateRJ> checkCaller(AAssociateRQ rq, String remoteHost) {
      if (overloaded) {
        return Optional.of(new AAssociateRJ(AAssociateRJ.TRANSIENT, AAssociateRJ.SOURCE_PRESENTATION, AAssociateRJ.LOCAL_LIMIT_EXCEEDED));
      }
      if (!config.ae().acceptsCalledAeTitle(rq.calledAeTitle())) {
        return Optional.of(new AAssociateRJ(AAssociateRJ.PERMANENT, AAssociateRJ.SOURCE_USER, AAssociateRJ.CALLED_AE_NOT_RECOGNIZED));
      }
      if (!config.ae().allowsCaller(rq.callingAeTitle(), remoteHost)) {
        return Optional.of(new AAssociateRJ(AAssociateRJ.PERMANENT, AAssociateRJ.SOURCE_USER, AAssociateRJ.CALLING_AE_NOT_RECOGNIZED));
      }
      org.linnea.net.ae.CallerCheck cc = callerCheck;
      if (cc != null && !cc.admits(rq.callingAeTitle(), remoteHost, rq.userInformation().userIdentity().isPresent())) {
        LOG.info("association from {} at {} refused: caller not admitted", rq.callingAeTitle(), remoteHost);
        return Optional.of(new AAssociateRJ(AAssociateRJ.PERMANENT, AAssociateRJ.SOURCE_USER, AAssociateRJ.CALLING_AE_NOT_RECOGNIZED));
      }
      return Optional.empty();
    }

    @Override
    public Optional<byte[]> checkIdentity(UserIdentity identity, String remoteHost) {
      return config.identityCheck().map(c -> c.verify(identity, remoteHost)).orElse(Optional.of(new byte[0]));
    }

    @Override
    public boolean identityOptional() {
      return !config.identityRequired();
    }

    @Override
    public List<String> transferSyntaxes(String abstractSyntax) {
      return switch (services.kindOf(abstractSyntax)) {
        case STORAGE -> config.transferSyntaxPreference();
        case VERIFICATION, QUERY, RETRIEVE -> ServerConfig.UNCOMPRESSED;
        // storage contexts proposed by a C-GET SCU, over which we send: any syntax it offers
        case NONE -> DicomServices.isStorageSopClass(abstractSyntax) && services.hasGetHandler()
            ? List.of(AcceptorPolicy.ANY_TRANSFER_SYNTAX) : List.of();
      };
    }

    @Override
    public boolean acceptScpRole(String sopClassUid) {
      return true;
    }

    @Override
    public Optional<ExtendedNegotiation> extendedNegotiation(ExtendedNegotiation requested) {
      if (services.kindOf(requested.sopClassUid()) != DicomServices.Kind.QUERY
          && services.kindOf(requested.sopClassUid()) != DicomServices.Kind.RETRIEVE) {
        return Optional.empty();
      }
      int relational = config.relationalQueries() ? requested.infoByte(0) : 0;
      return Optional.of(new ExtendedNegotiation(requested.sopClassUid(), new byte[] {(byte) relational}));
    }

    @Override
    public UserInformation.AsyncOpsWindow asyncOpsWindow() {
      return new UserInformation.AsyncOpsWindow(1, 1);
    }
  }
}
