package org.linnea.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.UID;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.dimse.Command;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.Dimse;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.ServerConfig;
import org.linnea.net.dimse.Status;
import org.linnea.net.pdu.AReleaseRQ;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.PduCodec;
import org.slf4j.LoggerFactory;

/**
 * Peers that misbehave: each must end in an A-ABORT or a closed socket within the configured
 * timeouts, be logged with its address, and never stop another client's C-ECHO.
 */
class HostilePeerTest {
  static final AssociationSettings SHORT = AssociationSettings.defaults()
      .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ofMillis(1000));
  static DicomServer server;
  static Events logs = new Events();

  /** Log events, readable while being appended to. */
  static final class Events extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> list = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing();
      list.add(e);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    DicomServices services = new DicomServices().onFind((rq, responder) -> {
      byte[] big = new byte[256 * 1024];
      for (int i = 0; i < 200 && !responder.isCancelled(); i++) {
        responder.match((out, ts) -> out.write(big));
      }
    });
    server = new DicomServer(ServerConfig.of(0, "LINNEA").withAssociation(SHORT), services).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  /** The local ports of the hostile connections, to find them in the server's log. */
  static final List<Integer> hostilePorts = new java.util.concurrent.CopyOnWriteArrayList<>();

  static Socket connect() throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
    hostilePorts.add(s.getLocalPort());
    return s;
  }

  /** Reads until the server closes; returns how long that took. Fails after 5 s. */
  static Duration untilClosed(Socket s, long t0) throws IOException {
    s.setSoTimeout(5000);
    InputStream in = s.getInputStream();
    byte[] b = new byte[8192];
    try {
      while (in.read(b) >= 0) {
        // whatever the server says last (an A-ABORT) is read and dropped
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("server did not close the connection within 5 s");
    } catch (SocketException reset) {
      // closed with a reset: fine
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static void echo() throws Exception {
    try (DimseAssociation as = new DicomClient(AssociationSettings.defaults()).open("127.0.0.1", server.port(),
        DicomClient.request("GOOD", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
      assertThat(as.echo().status()).isEqualTo(Status.SUCCESS);
    }
  }

  interface Hostile {
    Duration run() throws Exception;
  }

  static Duration randomBytes() throws Exception {
    try (Socket s = connect()) {
      byte[] junk = new byte[4096];
      new Random(42).nextBytes(junk);
      junk[0] = 0x55; // not a PDU type
      long t0 = System.nanoTime();
      s.getOutputStream().write(junk);
      return untilClosed(s, t0);
    }
  }

  static Duration hugeLength() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      s.getOutputStream().write(new byte[] {1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 1});
      return untilClosed(s, t0);
    }
  }

  static Duration truncated() throws Exception {
    try (Socket s = connect()) {
      byte[] rq = PduCodec.encode(DicomClient.request("BAD", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian).build(SHORT));
      long t0 = System.nanoTime();
      s.getOutputStream().write(rq, 0, rq.length / 2);
      return untilClosed(s, t0);
    }
  }

  /** An A-ASSOCIATE-RQ one byte every 200 ms: each read is within the read timeout, ARTIM is not. */
  static Duration dribble() throws Exception {
    try (Socket s = connect()) {
      byte[] rq = PduCodec.encode(DicomClient.request("SLOW", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian).build(SHORT));
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      try {
        for (int i = 0; i < rq.length && System.nanoTime() - t0 < 5_000_000_000L; i++) {
          out.write(rq[i]);
          out.flush();
          Thread.sleep(200);
        }
      } catch (IOException closed) {
        // the server closed the connection: what we want
      }
      return untilClosed(s, t0);
    }
  }

  static Duration outOfOrder() throws Exception {
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      PduCodec.write(new AReleaseRQ(), s.getOutputStream());
      PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, new byte[10]))), s.getOutputStream());
      return untilClosed(s, t0);
    }
  }

  static Duration silent() throws Exception {
    try (Socket s = connect()) {
      return untilClosed(s, System.nanoTime());
    }
  }

  static Duration silentAfterAssociation() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      PduCodec.write(DicomClient.request("BAD", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian).build(SHORT), out);
      s.setSoTimeout(2000);
      assertThat(PduCodec.read(s.getInputStream(), 0).type()).isEqualTo(2);
      return untilClosed(s, System.nanoTime());
    }
  }

  /** Asks for 50 MB of C-FIND responses and never reads them. */
  static Duration stopsReading() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      String find = UID.StudyRootQueryRetrieveInformationModelFind;
      PduCodec.write(DicomClient.request("BAD", "LINNEA").propose(find, UID.ImplicitVRLittleEndian).build(SHORT), out);
      s.setSoTimeout(2000);
      assertThat(PduCodec.read(s.getInputStream(), 0).type()).isEqualTo(2);
      byte[] cmd = Command.request(Dimse.C_FIND_RQ, 1, find, true).encode();
      ByteArrayOutputStream pdus = new ByteArrayOutputStream();
      PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, cmd))), pdus);
      PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, false, true, new byte[0]))), pdus);
      long t0 = System.nanoTime();
      out.write(pdus.toByteArray());
      // do not read: wait until the server gives up, then see the connection closed
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      while (server.activeAssociations() > 0 && System.nanoTime() < deadline && !closedByServer()) {
        Thread.sleep(50);
      }
      Duration d = Duration.ofNanos(System.nanoTime() - t0);
      untilClosed(s, System.nanoTime());
      return d;
    }
  }

  static boolean closedByServer() {
    return logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("peer stopped reading"));
  }

  @Test
  void everyHostilePeerIsCutOffWhileOthersAreServed() throws Exception {
    List<Hostile> hostiles = List.of(HostilePeerTest::randomBytes, HostilePeerTest::hugeLength, HostilePeerTest::truncated,
        HostilePeerTest::outOfOrder, HostilePeerTest::silent, HostilePeerTest::silentAfterAssociation, HostilePeerTest::stopsReading,
        HostilePeerTest::dribble);
    List<CompletableFuture<Duration>> running = new ArrayList<>();
    var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    for (Hostile h : hostiles) {
      running.add(CompletableFuture.supplyAsync(() -> {
        try {
          return h.run();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, pool));
    }
    Thread.sleep(100);
    echo(); // while they misbehave
    List<Duration> took = new ArrayList<>();
    for (CompletableFuture<Duration> f : running) {
      took.add(f.get(15, TimeUnit.SECONDS));
    }
    assertThat(took.subList(0, 4)).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(1500)));
    assertThat(took.get(4)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2000)); // ARTIM 500 ms
    // idle 1500 ms: the lower bound only tells it from the ARTIM timer (500 ms); the watchdog may fire
    // a little before 1500 ms of this thread's clock, which started after the association.
    assertThat(took.get(5)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
    assertThat(took.get(6)).isLessThan(Duration.ofMillis(4000)); // write timeout 1000 ms
    assertThat(took.get(7)).isLessThan(Duration.ofMillis(1500)); // ARTIM 500 ms for the whole request
    assertThat(closedByServer()).isTrue();
    echo(); // and after
    List<String> messages = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(hostilePorts).hasSize(8).allSatisfy(port ->
        assertThat(messages).as("log of the peer 127.0.0.1:%d", port).anyMatch(m -> m.contains("127.0.0.1:" + port)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.activeAssociations()).isZero();
  }
}
