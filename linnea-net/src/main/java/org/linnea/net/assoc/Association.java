package org.linnea.net.assoc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.AAssociateAC;
import org.linnea.net.pdu.AAssociateRJ;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.AReleaseRP;
import org.linnea.net.pdu.AReleaseRQ;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.Pdu;
import org.linnea.net.pdu.PduCodec;
import org.linnea.net.pdu.PresentationContextAC;
import org.linnea.net.pdu.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DICOM association (PS3.8), either side. Created established by {@link #request} (requestor)
 * or {@link #accept} (acceptor); then one thread pulls P-DATA-TF PDUs with {@link #nextPData()},
 * which also runs the release and abort transitions of {@link State}, while any thread may send
 * P-DATA through {@link PdvOutputStream}s under {@link #lockWrite()}.
 *
 * <p>Logs name the peer's address and the AE titles, never message content.
 */
public final class Association {
  private static final Logger LOG = LoggerFactory.getLogger(Association.class);

  /** Associations with a write in progress are checked by this single daemon thread. */
  private static final Set<Association> LIVE = ConcurrentHashMap.newKeySet();

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "linnea-net-write-watchdog");
            t.setDaemon(true);
            return t;
          });

  static {
    WATCHDOG.scheduleWithFixedDelay(Association::checkWrites, 100, 100, TimeUnit.MILLISECONDS);
  }

  private final Link link;
  private final InputStream in;
  private final OutputStream out;
  private final AssociationSettings settings;
  private final boolean requestor;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile State state;
  private volatile long writeDeadline;
  /** ARTIM as a deadline for the whole negotiation, so that a peer dribbling bytes cannot stretch it. */
  private volatile long negotiationDeadline;
  private volatile String name;
  private AAssociateRQ rq;
  private AAssociateAC ac;
  private int maxPdvLength;
  private Map<Integer, PresentationContext> contexts = Map.of();
  private final Map<String, Object> properties = new ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier busy = () -> false;
  /** P-DATA-TF bodies are read into this one array: see {@link #nextPData()}. */
  private byte[] pdataBuffer;
  private byte[] sendBuffer;

  private Association(Link link, AssociationSettings settings, boolean requestor, State initial) {
    this.link = link;
    this.in = link.input();
    this.out = link.output();
    this.settings = settings;
    this.requestor = requestor;
    this.state = initial;
    this.name = (requestor ? "to " : "from ") + link.remoteAddress();
  }

  // ------------------------------------------------------------------ establishment

  /**
   * Requests an association over a connected link: sends the A-ASSOCIATE-RQ and waits for the
   * answer under the ARTIM timer.
   *
   * @throws AssociationException when rejected, aborted, or not answered in time
   */
  public static Association request(Link link, AAssociateRQ rq, AssociationSettings settings) throws IOException {
    Association as = new Association(link, settings, true, State.STA5);
    as.startArtim();
    as.rq = rq;
    as.name = rq.callingAeTitle() + "->" + rq.calledAeTitle() + " at " + link.remoteAddress();
    Pdu answer;
    try {
      as.send(rq);
      answer = as.readPdu(AssociationSettings.millis(settings.artimTimeout()));
    } catch (SocketTimeoutException e) {
      as.abort(AAbort.SERVICE_USER, 0);
      throw noAnswer(link, settings, e);
    } catch (ProtocolException e) {
      as.abort(AAbort.SERVICE_PROVIDER, e.abortReason());
      throw new ProtocolException(e.abortReason(), link.remoteAddress() + " did not answer like a DICOM service ("
          + e.getMessage() + "; check the port)");
    } catch (IOException e) {
      if (as.state == State.STA1 && System.nanoTime() - as.negotiationDeadline >= 0) {
        throw noAnswer(link, settings, e); // closed by the ARTIM watchdog
      }
      as.closeTransport();
      throw new AssociationException(
          "connection to " + link.remoteAddress() + " closed before the association was accepted ("
              + e.getMessage() + "; check the port, and whether the peer expects TLS)", null, null, e);
    }
    return as.answered(answer, rq, link);
  }

  private static AssociationException noAnswer(Link link, AssociationSettings settings, IOException cause) {
    return new AssociationException(
        "no answer to the association request from " + link.remoteAddress() + " within "
            + settings.artimTimeout().toSeconds() + " s (is it a DICOM service? check host and port)", null, null, cause);
  }

  private Association answered(Pdu answer, AAssociateRQ rq, Link link) throws IOException {
    Association as = this;
    switch (answer) {
      case AAssociateAC accepted -> {
        as.established(accepted, rq.userInformation().maxPduLength(), accepted.userInformation().maxPduLength());
        return as;
      }
      case AAssociateRJ rj -> {
        as.closeTransport();
        throw AssociationException.rejected(link.remoteAddress(), rj);
      }
      case AAbort a -> {
        as.closeTransport();
        throw AssociationException.aborted(link.remoteAddress(), a);
      }
      case null -> {
        as.closeTransport();
        throw new AssociationException(
            "connection to " + link.remoteAddress() + " closed without an answer to the association request"
                + " (the peer may refuse this address; check its configuration)", null, null, null);
      }
      default -> {
        as.abort(AAbort.SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU);
        throw new ProtocolException(AAbort.UNEXPECTED_PDU, Pdu.name(answer.type()) + " in answer to A-ASSOCIATE-RQ");
      }
    }
  }

  /**
   * Accepts an association on a freshly opened link: waits for the A-ASSOCIATE-RQ under the ARTIM
   * timer, lets {@code policy} negotiate, and sends the A-ASSOCIATE-AC or -RJ.
   *
   * @throws AssociationException when rejected (after sending the A-ASSOCIATE-RJ) or when the peer
   *     sent nothing in time
   */
  public static Association accept(Link link, AssociationSettings settings, AcceptorPolicy policy) throws IOException {
    Association as = new Association(link, settings, false, State.STA2);
    as.startArtim();
    int artim = AssociationSettings.millis(settings.artimTimeout());
    Pdu first;
    try {
      first = as.readPdu(artim);
    } catch (SocketTimeoutException e) {
      as.closeTransport(); // ARTIM expired in Sta2: AA-2
      throw artimExpired(link, e);
    } catch (ProtocolException e) {
      as.abort(AAbort.SERVICE_PROVIDER, e.abortReason());
      throw e;
    } catch (IOException e) {
      if (as.state == State.STA1) { // closed by the ARTIM watchdog
        throw artimExpired(link, e);
      }
      as.closeTransport();
      throw e;
    }
    if (first == null && as.state == State.STA1) {
      throw artimExpired(link, null);
    }
    if (first == null) {
      as.closeTransport();
      throw new EOFException("connection from " + link.remoteAddress() + " closed before A-ASSOCIATE-RQ");
    }
    if (!(first instanceof AAssociateRQ request)) {
      as.abort(AAbort.SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU); // AA-1
      throw new ProtocolException(AAbort.UNEXPECTED_PDU, Pdu.name(first.type()) + " instead of A-ASSOCIATE-RQ");
    }
    as.rq = request;
    as.name = request.callingAeTitle() + "->" + request.calledAeTitle() + " from " + link.remoteAddress();
    as.enter(State.STA3);
    AAssociateAC accepted;
    try {
      accepted = Negotiator.negotiate(request, link.remoteHost(), policy, settings);
    } catch (AssociationException e) {
      AAssociateRJ rj = e.reject().orElseThrow();
      try {
        as.send(rj); // AE-8
        as.enter(State.STA13);
        as.awaitTransportClose(artim);
      } catch (IOException ignored) {
        // the peer went away first
      }
      as.closeTransport();
      throw new AssociationException("rejected association " + as.name + ": " + rj.describe(), rj, null, null);
    }
    as.send(accepted); // AE-7
    as.established(accepted, accepted.userInformation().maxPduLength(), request.userInformation().maxPduLength());
    return as;
  }

  private static AssociationException artimExpired(Link link, IOException cause) {
    return new AssociationException(
        "no complete A-ASSOCIATE-RQ from " + link.remoteAddress() + " within the ARTIM or read timeout", null, null, cause);
  }

  private void established(AAssociateAC accepted, int ownMax, int peerMax) {
    this.ac = accepted;
    Map<Integer, PresentationContext> map = new HashMap<>();
    for (PresentationContextAC pc : accepted.presentationContexts()) {
      if (pc.accepted()) {
        rq.presentationContext(pc.id())
            .ifPresent(p -> map.put(pc.id(), new PresentationContext(pc.id(), p.abstractSyntax(), pc.transferSyntax())));
      }
    }
    this.contexts = Collections.unmodifiableMap(map);
    int max = peerMax <= 0 ? 1 << 20 : Math.min(peerMax, 1 << 24);
    if (settings.maxPduLengthSend() > 0) {
      max = Math.min(max, settings.maxPduLengthSend());
    }
    this.maxPdvLength = Math.max(8, max - 6);
    negotiationDeadline = 0;
    enter(State.STA6);
    LOG.debug("association {} established, {} presentation contexts accepted", name, map.size());
  }

  // ------------------------------------------------------------------ reading

  /** A timeout before the first byte of a PDU: nothing was consumed, waiting may go on. */
  private static final class IdleTimeout extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    IdleTimeout(SocketTimeoutException cause) {
      super(cause.getMessage());
    }
  }

  private Pdu readPdu(int headerTimeoutMillis) throws IOException {
    link.setReadTimeout(headerTimeoutMillis);
    int type;
    try {
      type = in.read();
    } catch (SocketTimeoutException e) {
      throw new IdleTimeout(e);
    }
    if (type < 0) {
      return null;
    }
    link.setReadTimeout(AssociationSettings.millis(settings.readTimeout()));
    PduCodec.Header h = PduCodec.readHeader(type, in, settings.maxPduLengthReceive());
    if (h.type() == Pdu.P_DATA_TF && state != State.STA2 && state != State.STA5) {
      if (pdataBuffer == null) {
        pdataBuffer = new byte[Math.min(Math.max(settings.maxPduLengthReceive(), 16384), 1 << 20)];
      }
      return PduCodec.readPData(in, h, pdataBuffer);
    }
    return PduCodec.readBody(in, h);
  }

  /**
   * Tells whether this side has work in progress for the peer (a C-FIND or C-MOVE being answered);
   * while it does, silence from the peer is expected and the idle timeout does not abort.
   */
  public void setBusy(java.util.function.BooleanSupplier busy) {
    this.busy = busy;
  }

  /**
   * Reads until the next P-DATA-TF, running the state machine for every other PDU. The values of the
   * PDU returned are valid until the next call: their bytes live in a buffer this association reuses,
   * so a caller that keeps them copies them.
   *
   * @return the PDU, or null once the association has been released and the transport closed
   * @throws AssociationException when the peer aborted, went silent past the idle timeout, or
   *     closed the connection without releasing
   * @throws ProtocolException when the peer broke the protocol (an A-ABORT was sent)
   */
  public PDataTF nextPData() throws IOException {
    while (true) {
      State st = state;
      if (st == State.STA1) {
        return null;
      }
      int timeout = AssociationSettings.millis(st == State.STA13 ? settings.artimTimeout() : settings.idleTimeout());
      Pdu pdu;
      try {
        pdu = readPdu(timeout);
      } catch (SocketTimeoutException e) {
        if (state == State.STA13 || state == State.STA1) {
          closeTransport(); // ARTIM expired: AA-2
          return null;
        }
        if (e instanceof IdleTimeout && state == State.STA6 && busy.getAsBoolean()) {
          continue;
        }
        LOG.warn("association {}: no data for {} ms, aborting", name, timeout);
        abort(AAbort.SERVICE_PROVIDER, AAbort.REASON_NOT_SPECIFIED);
        throw new AssociationException("association " + name + " timed out waiting for the peer", null, null, e);
      } catch (ProtocolException e) {
        if (state == State.STA13 || state == State.STA1) {
          closeTransport();
          return null;
        }
        LOG.warn("association {}: protocol error, aborting: {}", name, e.getMessage());
        abort(AAbort.SERVICE_PROVIDER, e.abortReason());
        throw e;
      } catch (IOException e) {
        return transportClosed(e);
      }
      if (pdu == null) {
        return transportClosed(null);
      }
      PDataTF p = state.receive(this, pdu);
      if (p != null) {
        return p;
      }
    }
  }

  private PDataTF transportClosed(IOException cause) throws AssociationException {
    State st = state;
    closeTransport();
    if (st == State.STA13 || st == State.STA1) {
      return null; // AR-5 / normal end
    }
    LOG.warn("association {}: connection closed by the peer in {} without release", name, st);
    throw new AssociationException(
        "connection " + name + " closed without A-RELEASE or A-ABORT"
            + (cause == null ? "" : " (" + cause.getMessage() + ")"), null, null, cause);
  }

  private void awaitTransportClose(int timeoutMillis) throws IOException {
    link.setReadTimeout(timeoutMillis);
    byte[] sink = new byte[512];
    try {
      while (in.read(sink) >= 0) {
        // discard: PS3.8 AA-6, anything after our last PDU is ignored
      }
    } catch (SocketTimeoutException e) {
      // ARTIM expired: close ourselves
    }
  }

  // ------------------------------------------------------------------ state machine actions

  void enter(State next) {
    state = next;
  }

  void sendReleaseRP() throws IOException {
    send(new AReleaseRP());
    enter(State.STA13);
    if (requestor) {
      closeTransport(); // the requestor closes after the release response
    }
  }

  void sendCollisionRP() throws IOException {
    enter(State.STA11);
    send(new AReleaseRP());
  }

  void peerAborted(AAbort a) throws AssociationException {
    closeTransport();
    LOG.info("association {} {}", name, a.describe());
    throw AssociationException.aborted(link.remoteAddress(), a);
  }

  void unexpectedPdu(Pdu pdu) throws ProtocolException {
    State st = state;
    LOG.warn("association {}: unexpected {} in {}, aborting", name, Pdu.name(pdu.type()), st);
    abort(AAbort.SERVICE_PROVIDER, AAbort.UNEXPECTED_PDU);
    throw new ProtocolException(AAbort.UNEXPECTED_PDU, Pdu.name(pdu.type()) + " unexpected in " + st);
  }

  // ------------------------------------------------------------------ local primitives

  /**
   * Releases the association (A-RELEASE request, PS3.8 AR-1) and waits up to the ARTIM timeout for
   * the reading thread to see the A-RELEASE-RP; aborts when it does not come.
   */
  public void release() throws IOException {
    writeLock.lock();
    try {
      if (state != State.STA6) {
        return;
      }
      enter(State.STA7); // before sending: the A-RELEASE-RP may be read before send() returns
      send(new AReleaseRQ());
    } finally {
      writeLock.unlock();
    }
    try {
      if (!closed.await(settings.artimTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("association {}: no A-RELEASE-RP within {}, aborting", name, settings.artimTimeout());
        abort();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
    }
  }

  /** Aborts the association as the service user (A-ABORT, AA-1) and closes the transport. */
  public void abort() {
    abort(AAbort.SERVICE_USER, 0);
  }

  private void abort(int source, int reason) {
    if (state != State.STA1 && writeLock.tryLock()) {
      try {
        PduCodec.write(new AAbort(source, reason), out);
        out.flush();
      } catch (IOException ignored) {
        // the transport is going away anyway
      } finally {
        writeLock.unlock();
      }
    }
    closeTransport();
  }

  void closeTransport() {
    enter(State.STA1);
    link.close();
    LIVE.remove(this);
    closed.countDown();
  }

  /** Waits until the transport is closed. */
  public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return closed.await(timeout, unit);
  }

  // ------------------------------------------------------------------ writing

  /**
   * Takes the write lock, held by whoever sends one DIMSE message, so that the fragments of two
   * messages never interleave. Reentrant.
   */
  public void lockWrite() {
    writeLock.lock();
  }

  public void unlockWrite() {
    writeLock.unlock();
  }

  private void send(Pdu pdu) throws IOException {
    writeLock.lock();
    try {
      beginWrite();
      PduCodec.write(pdu, out);
      out.flush();
    } finally {
      endWrite();
      writeLock.unlock();
    }
  }

  /** Writes one P-DATA-TF holding one PDV; flushes the transport when {@code flush}. */
  void writePdv(int pcid, boolean command, boolean last, byte[] b, int off, int len, boolean flush) throws IOException {
    writeLock.lock();
    try {
      if (!state.canSendPData()) {
        throw new AssociationException("association " + name + " cannot send data in state " + state, null, null, null);
      }
      beginWrite();
      byte[] h = new byte[12];
      int pduLen = len + 6;
      int pdvLen = len + 2;
      h[0] = Pdu.P_DATA_TF;
      h[2] = (byte) (pduLen >>> 24);
      h[3] = (byte) (pduLen >>> 16);
      h[4] = (byte) (pduLen >>> 8);
      h[5] = (byte) pduLen;
      h[6] = (byte) (pdvLen >>> 24);
      h[7] = (byte) (pdvLen >>> 16);
      h[8] = (byte) (pdvLen >>> 8);
      h[9] = (byte) pdvLen;
      h[10] = (byte) pcid;
      h[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
      out.write(h);
      out.write(b, off, len);
      if (flush) {
        out.flush();
      }
    } catch (IOException e) {
      if (state != State.STA1) {
        LOG.warn("association {}: write failed, aborting: {}", name, e.toString());
        closeTransport();
      }
      throw e;
    } finally {
      endWrite();
      writeLock.unlock();
    }
  }

  private void beginWrite() {
    long t = settings.writeTimeout().toNanos();
    writeDeadline = t <= 0 ? 0 : Math.max(1, System.nanoTime() + t);
  }

  private void endWrite() {
    writeDeadline = 0;
  }

  private void startArtim() {
    negotiationDeadline = Math.max(1, System.nanoTime() + settings.artimTimeout().toNanos());
    LIVE.add(this);
  }

  private static void checkWrites() {
    long now = System.nanoTime();
    for (Association as : LIVE) {
      long n = as.negotiationDeadline;
      if (n != 0 && now - n > 0) {
        LOG.warn("association {}: not established within ARTIM ({}), closing", as.name, as.settings.artimTimeout());
        closeAside(as);
        continue;
      }
      long d = as.writeDeadline;
      if (d != 0 && now - d > 0) {
        LOG.warn("association {}: peer stopped reading (write blocked for {}), closing", as.name, as.settings.writeTimeout());
        closeAside(as);
      }
    }
  }

  /**
   * Closes on a thread of its own: closing a TLS link may wait (up to a second) to send
   * close_notify, and the watchdog serves every association. Out of the watchdog's sight at once,
   * so that it is closed once.
   */
  private static void closeAside(Association as) {
    LIVE.remove(as);
    Thread.ofVirtual().name("close-" + as.name).start(as::closeTransport);
  }

  // ------------------------------------------------------------------ accessors

  public State state() {
    return state;
  }

  public boolean isRequestor() {
    return requestor;
  }

  public boolean isEstablished() {
    State s = state;
    return s == State.STA6;
  }

  public AAssociateRQ request() {
    return rq;
  }

  public AAssociateAC acceptance() {
    return ac;
  }

  public String callingAeTitle() {
    return rq.callingAeTitle();
  }

  public String calledAeTitle() {
    return rq.calledAeTitle();
  }

  /** The peer's {@code host:port}. */
  public String remoteAddress() {
    return link.remoteAddress();
  }

  /** The peer's IP address. */
  public String remoteHost() {
    return link.remoteHost();
  }

  public AssociationSettings settings() {
    return settings;
  }

  /**
   * The fragment buffer of {@link PdvOutputStream}s, shared by all of them (they are used one at a
   * time under the write lock): as long as the peer's largest PDV, at most 64 KiB.
   */
  byte[] sendBuffer() {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("PDV streams are written under lockWrite()");
    }
    if (sendBuffer == null) {
      sendBuffer = new byte[Math.min(maxPdvLength, 1 << 16)];
    }
    return sendBuffer;
  }

  /** The largest PDV data fragment the peer accepts. */
  public int maxPdvLength() {
    return maxPdvLength;
  }

  public Optional<PresentationContext> presentationContext(int id) {
    return Optional.ofNullable(contexts.get(id));
  }

  /** Accepted contexts for an abstract syntax, in the order proposed. */
  public List<PresentationContext> presentationContexts(String abstractSyntax) {
    List<PresentationContext> l = new ArrayList<>();
    for (PresentationContext pc : contexts.values()) {
      if (pc.abstractSyntax().equals(abstractSyntax)) {
        l.add(pc);
      }
    }
    l.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return l;
  }

  public Optional<PresentationContext> presentationContext(String abstractSyntax, String transferSyntax) {
    return presentationContexts(abstractSyntax).stream().filter(pc -> pc.transferSyntax().equals(transferSyntax)).findFirst();
  }

  public Map<Integer, PresentationContext> presentationContexts() {
    return contexts;
  }

  /** Per-association values for the layers above (for example the authenticated user). */
  public Map<String, Object> properties() {
    return properties;
  }

  @Override
  public String toString() {
    return name;
  }
}
