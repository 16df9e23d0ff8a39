package org.linnea.net.dimse;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.net.assoc.Association;
import org.linnea.net.assoc.AssociationException;
import org.linnea.net.assoc.PdvOutputStream;
import org.linnea.net.assoc.PresentationContext;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established association seen by the DIMSE layer. One thread runs {@link #run()}: it assembles
 * command and data fragments into messages, hands requests to the {@link DicomServices} and
 * responses to the waiting service-user call. The service-user operations ({@link #echo}, {@link
 * #store}, {@link #find}, {@link #move}, {@link #get}, {@link #cancel}) may be called from any
 * thread; each blocks until its final response.
 */
public final class DimseAssociation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DimseAssociation.class);

  /** Largest identifier (C-FIND/C-MOVE/C-GET data set) buffered. */
  public static final int MAX_IDENTIFIER_LENGTH = 16 << 20;

  private final Association as;
  private final DicomServices services;
  private final Retriever retriever;
  private final AtomicInteger messageIds = new AtomicInteger();
  private final Map<Integer, LinkedBlockingQueue<Object>> pending = new ConcurrentHashMap<>();
  private final Map<Integer, Operation> operations = new ConcurrentHashMap<>();
  private volatile CStoreHandler getStoreHandler;
  private volatile Throwable failure;
  private volatile Thread reader;
  private PDataTF current;
  private int index;

  DimseAssociation(Association as, DicomServices services, Retriever retriever) {
    this.as = as;
    this.services = services;
    this.retriever = retriever;
    as.setBusy(() -> !operations.isEmpty());
  }

  /** Wraps an established association and starts its reading loop on a new thread. */
  public static DimseAssociation start(Association as, DicomServices services) {
    DimseAssociation d = new DimseAssociation(as, services, null);
    d.reader = readerThreads().name("dimse-" + as.remoteAddress()).start(d::run);
    return d;
  }

  /**
   * Threads that read associations: platform threads (daemon), or virtual threads when the system
   * property {@code linnea.net.virtualReaders} is true. See the package documentation for why.
   */
  public static Thread.Builder readerThreads() {
    return Boolean.getBoolean("linnea.net.virtualReaders") ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
  }

  public Association association() {
    return as;
  }

  // =================================================================== reading loop

  /** Reads and dispatches messages until the association ends; never throws. */
  public void run() {
    reader = Thread.currentThread();
    try {
      while (true) {
        PDataTF.Pdv pdv = nextPdv();
        if (pdv == null) {
          break;
        }
        int pcid = pdv.presentationContextId();
        if (!pdv.command()) {
          throw protocolError("data fragment on context " + pcid + " without a command");
        }
        Command cmd;
        if (pdv.last()) {
          cmd = Command.decode(pdv.buffer(), pdv.offset(), pdv.length());
        } else {
          ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
          buf.write(pdv.buffer(), pdv.offset(), pdv.length());
          do {
            pdv = nextPdv();
            if (pdv == null) {
              throw new EOFException("association ended inside a command");
            }
            if (!pdv.command() || pdv.presentationContextId() != pcid || buf.size() + pdv.length() > Command.MAX_LENGTH) {
              throw protocolError("command fragments interleaved with other data, or command too long");
            }
            buf.write(pdv.buffer(), pdv.offset(), pdv.length());
          } while (!pdv.last());
          byte[] b = buf.toByteArray();
          cmd = Command.decode(b, 0, b.length);
        }
        PresentationContext pc = as.presentationContext(pcid).orElse(null);
        if (pc == null) {
          throw protocolError("message on presentation context " + pcid + ", which was not accepted");
        }
        dispatch(cmd, pc);
      }
    } catch (ProtocolException e) {
      failure = e;
      LOG.warn("association {}: {}; aborting", as, e.getMessage());
      as.abort();
    } catch (AssociationException e) {
      failure = e;
      LOG.info("association {} ended: {}", as, e.getMessage());
    } catch (IOException | RuntimeException e) {
      failure = e;
      LOG.warn("association {} failed: {}", as, e.toString());
      as.abort();
    } finally {
      IOException end = new AssociationException(
          "association " + as + " ended" + (failure == null ? "" : ": " + failure.getMessage()), null, null, failure);
      pending.values().forEach(q -> q.offer(end));
      operations.values().forEach(op -> op.cancelled = true);
    }
  }

  private ProtocolException protocolError(String message) {
    return new ProtocolException(AAbort.UNEXPECTED_PDU_PARAMETER, message);
  }

  private PDataTF.Pdv nextPdv() throws IOException {
    while (current == null || index >= current.pdvs().size()) {
      current = as.nextPData();
      index = 0;
      if (current == null) {
        return null;
      }
    }
    return current.pdvs().get(index++);
  }

  /** The data set fragments of one message, read as they arrive. */
  private final class DataStream extends InputStream {
    private final int pcid;
    private PDataTF.Pdv pdv;
    private int pos;
    private boolean last;
    boolean failed;

    DataStream(int pcid) {
      this.pcid = pcid;
    }

    private boolean fill() throws IOException {
      while (pdv == null || pos >= pdv.length()) {
        if (last) {
          return false;
        }
        try {
          pdv = nextPdv();
          if (pdv == null) {
            throw new EOFException("association " + as + " ended inside a data set");
          }
          if (pdv.command() || pdv.presentationContextId() != pcid) {
            throw protocolError("data set fragments interleaved with another message");
          }
        } catch (IOException e) {
          failed = true;
          throw e;
        }
        pos = 0;
        last = pdv.last();
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? pdv.buffer()[pdv.offset() + pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, pdv.length() - pos);
      System.arraycopy(pdv.buffer(), pdv.offset() + pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long done = 0;
      while (done < n && fill()) {
        int k = (int) Math.min(n - done, pdv.length() - pos);
        pos += k;
        done += k;
      }
      return done;
    }

    @Override
    public int available() {
      return pdv == null ? 0 : pdv.length() - pos;
    }

    /** Writes the fragments straight from the PDU buffers: one copy fewer than read(). */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      long n = 0;
      while (fill()) {
        int k = pdv.length() - pos;
        out.write(pdv.buffer(), pdv.offset() + pos, k);
        pos += k;
        n += k;
      }
      return n;
    }

    void drain() throws IOException {
      while (fill()) {
        pos = pdv.length();
      }
    }

    byte[] readAll(int limit) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (fill()) {
        int n = pdv.length() - pos;
        if (out.size() + n > limit) {
          throw new ProtocolException(AAbort.REASON_NOT_SPECIFIED, "identifier longer than " + limit + " bytes");
        }
        out.write(pdv.buffer(), pdv.offset() + pos, n);
        pos += n;
      }
      return out.toByteArray();
    }
  }

  private void dispatch(Command cmd, PresentationContext pc) throws IOException {
    if (cmd.isResponse()) {
      Optional<EncodedDataSet> ds = Optional.empty();
      if (cmd.hasDataSet()) {
        ds = Optional.of(new EncodedDataSet(pc.transferSyntax(), new DataStream(pc.id()).readAll(MAX_IDENTIFIER_LENGTH)));
      }
      LinkedBlockingQueue<Object> q = pending.get(cmd.messageIdBeingRespondedTo());
      if (q == null) {
        LOG.warn("association {}: {} for no outstanding request, ignored", as, cmd);
      } else {
        if (!Status.isPending(cmd.status())) {
          pending.remove(cmd.messageIdBeingRespondedTo());
        }
        q.offer(new DimseResponse(cmd, ds));
      }
      return;
    }
    Dimse type = cmd.type();
    if (type == Dimse.C_STORE_RQ) {
      handleStore(cmd, pc);
      return;
    }
    if (type == Dimse.C_FIND_RQ || type == Dimse.C_MOVE_RQ || type == Dimse.C_GET_RQ) {
      EncodedDataSet id = new EncodedDataSet(pc.transferSyntax(),
          cmd.hasDataSet() ? new DataStream(pc.id()).readAll(MAX_IDENTIFIER_LENGTH) : new byte[0]);
      Operation op = new Operation();
      if (operations.putIfAbsent(cmd.messageId(), op) != null) {
        send(pc, Command.response(cmd, Status.DUPLICATE_INVOCATION, false), null);
        return;
      }
      Thread.ofVirtual().name("dimse-op-" + as.remoteAddress()).start(() -> runOperation(type, cmd, pc, id, op));
      return;
    }
    if (cmd.hasDataSet()) {
      new DataStream(pc.id()).drain();
    }
    if (type == Dimse.C_CANCEL_RQ) {
      Operation op = operations.get(cmd.messageIdBeingRespondedTo());
      if (op != null) {
        op.cancelled = true;
      }
      return;
    }
    if (type == Dimse.C_ECHO_RQ) {
      Command rsp;
      try {
        services.echoHandler().echo(this, cmd);
        rsp = Command.response(cmd, Status.SUCCESS, false);
      } catch (DicomServiceException e) {
        rsp = e.toResponse(cmd);
      }
      send(pc, rsp, null);
      return;
    }
    LOG.info("association {}: unsupported {}", as, Dimse.name(cmd.commandField()));
    send(pc, Command.response(cmd, Status.UNRECOGNIZED_OPERATION, false), null);
  }

  private void handleStore(Command cmd, PresentationContext pc) throws IOException {
    String cuid = cmd.affectedSopClassUid().orElse("");
    CStoreHandler h = getStoreHandler;
    if (h == null) {
      h = services.storeHandler(cuid).orElse(null);
    }
    if (!cmd.hasDataSet()) {
      send(pc, new DicomServiceException(Status.CANNOT_UNDERSTAND, "C-STORE-RQ without a data set").toResponse(cmd), null);
      return;
    }
    DataStream data = new DataStream(pc.id());
    Command rsp;
    if (h == null) {
      rsp = Command.response(cmd, Status.SOP_CLASS_NOT_SUPPORTED, false);
    } else if (!cuid.equals(pc.abstractSyntax())) {
      rsp = new DicomServiceException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
          "Affected SOP Class differs from the presentation context").toResponse(cmd);
    } else {
      try {
        h.store(new StoreRequest(this, cmd, pc.transferSyntax()), data);
        rsp = Command.response(cmd, Status.SUCCESS, false);
      } catch (DicomServiceException e) {
        rsp = e.toResponse(cmd);
      } catch (IOException e) {
        if (data.failed) {
          throw e;
        }
        LOG.warn("association {}: storage handler failed: {}", as, e.toString());
        rsp = new DicomServiceException(Status.OUT_OF_RESOURCES, e.getMessage(), e).toResponse(cmd);
      } catch (RuntimeException e) {
        if (data.failed) {
          throw e;
        }
        LOG.error("association {}: storage handler failed", as, e);
        rsp = new DicomServiceException(Status.PROCESSING_FAILURE, e.toString(), e).toResponse(cmd);
      }
    }
    data.drain();
    send(pc, rsp, null);
  }

  // =================================================================== provider operations

  /** A running C-FIND, C-MOVE or C-GET, cancelled by C-CANCEL or the end of the association. */
  static final class Operation {
    volatile boolean cancelled;
  }

  private void runOperation(Dimse type, Command cmd, PresentationContext pc, EncodedDataSet id, Operation op) {
    try {
      Command fin;
      try {
        QueryRequest rq = new QueryRequest(this, cmd, id);
        String cuid = cmd.affectedSopClassUid().orElse("");
        fin = switch (type) {
          case C_FIND_RQ -> find(rq, pc, op, services.findHandler(cuid));
          case C_MOVE_RQ -> retrieve(rq, pc, op, services.moveHandler(cuid), true);
          default -> retrieve(rq, pc, op, services.getHandler(cuid), false);
        };
      } catch (DicomServiceException e) {
        fin = e.toResponse(cmd);
      } catch (RuntimeException e) {
        LOG.error("association {}: {} handler failed", as, Dimse.name(cmd.commandField()), e);
        fin = new DicomServiceException(Status.UNABLE_TO_PROCESS, e.toString(), e).toResponse(cmd);
      }
      if (fin != null) {
        send(pc, fin, null);
      }
    } catch (IOException e) {
      LOG.info("association {}: {} ended: {}", as, Dimse.name(cmd.commandField()), e.getMessage());
    } finally {
      operations.remove(cmd.messageId());
    }
  }

  private Command find(QueryRequest rq, PresentationContext pc, Operation op, Optional<CFindHandler> handler)
      throws DicomServiceException, IOException {
    if (handler.isEmpty()) {
      throw new DicomServiceException(Status.SOP_CLASS_NOT_SUPPORTED, "no query service for this SOP class");
    }
    Command cmd = rq.command();
    handler.get().find(rq, new CFindHandler.FindResponder() {
      @Override
      public void match(DataWriter identifier) throws IOException {
        if (!op.cancelled) {
          send(pc, Command.response(cmd, Status.PENDING, true), identifier);
        }
      }

      @Override
      public boolean isCancelled() {
        return op.cancelled;
      }

      @Override
      public String transferSyntax() {
        return pc.transferSyntax();
      }
    });
    return Command.response(cmd, op.cancelled ? Status.CANCEL : Status.SUCCESS, false);
  }

  private Command retrieve(QueryRequest rq, PresentationContext pc, Operation op, Optional<RetrieveHandler> handler, boolean move)
      throws DicomServiceException, IOException {
    if (handler.isEmpty()) {
      throw new DicomServiceException(Status.SOP_CLASS_NOT_SUPPORTED, "no retrieve service for this SOP class");
    }
    if (retriever == null && move) {
      throw new DicomServiceException(Status.OUT_OF_RESOURCES_UNABLE_TO_PERFORM_SUB_OPERATIONS, "C-MOVE not configured");
    }
    var instances = handler.get().retrieve(rq);
    Retriever r = retriever != null ? retriever : new Retriever(null, null);
    return r.perform(this, rq.command(), pc, instances, move, () -> op.cancelled);
  }

  // =================================================================== sending

  /** Sends one message: its command and, when {@code data} is not null, its data set. */
  void send(PresentationContext pc, Command cmd, DataWriter data) throws IOException {
    as.lockWrite();
    try {
      PdvOutputStream cos = new PdvOutputStream(as, pc.id(), true, data == null);
      cos.write(cmd.encode());
      cos.close();
      if (data != null) {
        PdvOutputStream dos = new PdvOutputStream(as, pc.id(), false);
        data.writeTo(dos, pc.transferSyntax());
        dos.close();
      }
    } finally {
      as.unlockWrite();
    }
  }

  private LinkedBlockingQueue<Object> invoke(PresentationContext pc, Command rq, DataWriter data) throws IOException {
    Throwable f = failure;
    if (f != null || !as.isEstablished()) {
      throw new AssociationException("association " + as + " is not established" + (f == null ? "" : ": " + f.getMessage()), null, null, f);
    }
    LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
    pending.put(rq.messageId(), q);
    try {
      send(pc, rq, data);
    } catch (IOException | RuntimeException e) {
      pending.remove(rq.messageId());
      throw e;
    }
    return q;
  }

  private static DimseResponse next(LinkedBlockingQueue<Object> q) throws IOException {
    Object o;
    try {
      o = q.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for a DIMSE response");
    }
    if (o instanceof IOException e) {
      throw new AssociationException(e.getMessage(), null, null, e);
    }
    return (DimseResponse) o;
  }

  private int nextMessageId() {
    int id;
    do {
      id = messageIds.incrementAndGet() & 0xFFFF;
    } while (id == 0);
    return id;
  }

  private PresentationContext context(String abstractSyntax) throws DicomServiceException {
    return as.presentationContexts(abstractSyntax).stream().findFirst().orElseThrow(() -> noContext(abstractSyntax, null));
  }

  private DicomServiceException noContext(String abstractSyntax, String ts) {
    return new DicomServiceException(Status.SOP_CLASS_NOT_SUPPORTED,
        "no accepted presentation context for " + abstractSyntax + (ts == null ? "" : " in " + ts)
            + " with " + as.remoteAddress() + " (the peer does not offer it; check its configuration)");
  }

  // =================================================================== service-user operations

  /** C-ECHO. */
  public DimseResponse echo() throws IOException, DicomServiceException {
    PresentationContext pc = context(UID.Verification);
    return next(invoke(pc, Command.request(Dimse.C_ECHO_RQ, nextMessageId(), UID.Verification, false), null));
  }

  /**
   * C-STORE of one instance whose data set {@code data} writes in {@code transferSyntax}.
   *
   * @param moveOriginator the C-MOVE SCU's AE title and message ID, for sub-operations; else null
   * @throws DicomServiceException when no presentation context was accepted for the SOP class in
   *     that transfer syntax
   */
  public DimseResponse store(String sopClassUid, String sopInstanceUid, String transferSyntax, DataWriter data, MoveOriginator moveOriginator)
      throws IOException, DicomServiceException {
    PresentationContext pc = as.presentationContext(sopClassUid, transferSyntax).orElseThrow(() -> noContext(sopClassUid, transferSyntax));
    Command rq = Command.request(Dimse.C_STORE_RQ, nextMessageId(), sopClassUid, true);
    rq.setString(Tag.AffectedSOPInstanceUID, sopInstanceUid);
    if (moveOriginator != null) {
      rq.setString(Tag.MoveOriginatorApplicationEntityTitle, moveOriginator.aeTitle());
      rq.setUS(Tag.MoveOriginatorMessageID, moveOriginator.messageId());
    }
    return next(invoke(pc, rq, data));
  }

  /** The AE and message that caused a C-STORE sub-operation. */
  public record MoveOriginator(String aeTitle, int messageId) {}

  /** Uncompressed syntaxes an uncompressed instance may be converted to, in order of preference. */
  public static final List<String> FALLBACK_TRANSFER_SYNTAXES = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

  /**
   * C-STORE of an {@link Instance}, streamed from its source in its own transfer syntax. When the
   * peer did not accept that syntax and the instance is uncompressed, it is converted to one of
   * {@link #FALLBACK_TRANSFER_SYNTAXES} the peer accepted; the conversion decodes the data set in
   * memory, so it is for ordinary objects, not multi-gigabyte ones.
   */
  public DimseResponse store(Instance instance, MoveOriginator moveOriginator) throws IOException, DicomServiceException {
    String ts = instance.transferSyntax();
    if (as.presentationContext(instance.sopClassUid(), ts).isEmpty()) {
      TransferSyntax own = TransferSyntax.of(ts);
      if (own.isNative() && !own.deflated()) {
        for (String fallback : FALLBACK_TRANSFER_SYNTAXES) {
          if (as.presentationContext(instance.sopClassUid(), fallback).isPresent()) {
            Dataset ds;
            try (InputStream in = instance.openDataSet(); DicomReader r = DicomReader.open(in)) {
              ds = r.readDataset(own, ReadOptions.DEFAULT);
            }
            return store(instance.sopClassUid(), instance.sopInstanceUid(), fallback, DataWriter.of(ds), moveOriginator);
          }
        }
      }
    }
    return store(instance.sopClassUid(), instance.sopInstanceUid(), ts, (out, negotiated) -> {
      try (InputStream in = instance.openDataSet()) {
        if (out instanceof PdvOutputStream p) {
          p.transferFrom(in);
        } else {
          in.transferTo(out);
        }
      }
    }, moveOriginator);
  }

  /**
   * C-FIND: sends the identifier and hands each match to {@code matches}.
   *
   * @return the final response
   */
  public DimseResponse find(String sopClassUid, DataWriter keys, Consumer<DimseResponse> matches) throws IOException, DicomServiceException {
    PresentationContext pc = context(sopClassUid);
    Command rq = Command.request(Dimse.C_FIND_RQ, nextMessageId(), sopClassUid, true);
    return collect(invoke(pc, rq, keys), matches);
  }

  /** C-MOVE to {@code destination}; {@code progress} sees each pending response. */
  public DimseResponse move(String sopClassUid, String destination, DataWriter keys, Consumer<DimseResponse> progress)
      throws IOException, DicomServiceException {
    PresentationContext pc = context(sopClassUid);
    Command rq = Command.request(Dimse.C_MOVE_RQ, nextMessageId(), sopClassUid, true);
    rq.setString(Tag.MoveDestination, destination);
    return collect(invoke(pc, rq, keys), progress);
  }

  /**
   * C-GET: the C-STORE sub-operations arrive on this association and go to {@code store}, which
   * needs the storage contexts proposed with the SCP role (see {@link DicomClient.Request#get}).
   */
  public DimseResponse get(String sopClassUid, DataWriter keys, CStoreHandler store, Consumer<DimseResponse> progress)
      throws IOException, DicomServiceException {
    PresentationContext pc = context(sopClassUid);
    Command rq = Command.request(Dimse.C_GET_RQ, nextMessageId(), sopClassUid, true);
    getStoreHandler = store;
    try {
      return collect(invoke(pc, rq, keys), progress);
    } finally {
      getStoreHandler = null;
    }
  }

  private static DimseResponse collect(LinkedBlockingQueue<Object> q, Consumer<DimseResponse> each) throws IOException {
    while (true) {
      DimseResponse r = next(q);
      if (!r.isPending()) {
        return r;
      }
      each.accept(r);
    }
  }

  /** The message ID of the latest request, so that another thread can cancel it. */
  public int lastMessageId() {
    return messageIds.get() & 0xFFFF;
  }

  /** C-CANCEL of the outstanding C-FIND, C-MOVE or C-GET with {@code messageId}. */
  public void cancel(String sopClassUid, int messageId) throws IOException, DicomServiceException {
    send(context(sopClassUid), Command.cancel(messageId), null);
  }

  /** Releases the association and waits for the reading thread to finish. */
  public void release() throws IOException {
    as.release();
    join();
  }

  private void join() {
    Thread t = reader;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(as.settings().artimTimeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public void abort() {
    as.abort();
    join();
  }

  /** Releases when established, else aborts. */
  @Override
  public void close() {
    try {
      if (as.isEstablished()) {
        release();
      } else {
        abort();
      }
    } catch (IOException e) {
      as.abort();
    }
  }

  /** Waits up to {@code timeout} for the association to end. */
  public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return as.awaitClosed(timeout, unit);
  }

  @Override
  public String toString() {
    return as.toString();
  }
}
