package org.linnea.net.assoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.AAssociateRJ;
import org.linnea.net.pdu.AAssociateRQ;
import org.linnea.net.pdu.AReleaseRQ;
import org.linnea.net.pdu.ExtendedNegotiation;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.PduCodec;
import org.linnea.net.pdu.PresentationContextRQ;
import org.linnea.net.pdu.ProtocolException;
import org.linnea.net.pdu.RoleSelection;
import org.linnea.net.pdu.UserIdentity;
import org.linnea.net.pdu.UserInformation;

/** The association state machine driven over in-memory links: no sockets. */
class AssociationTest {
  static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  static final String ECHO = "1.2.840.10008.1.1";
  static final String IMPLICIT = "1.2.840.10008.1.2";
  static final String EXPLICIT = "1.2.840.10008.1.2.1";
  static final String JPEG = "1.2.840.10008.1.2.4.50";

  /** A thread per task: the common pool may have a single worker, and these tasks block. */
  static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

  static final AssociationSettings FAST = AssociationSettings.defaults()
      .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1))
      .withMaxPduLength(4096, 0);

  /** Accepts CT and Verification, prefers explicit VR, requires nothing. */
  static class TestPolicy implements AcceptorPolicy {
    @Override
    public Optional<AAssociateRJ> checkCaller(AAssociateRQ rq, String remoteHost) {
      return rq.calledAeTitle().equals("ACCEPTOR") ? Optional.empty()
          : Optional.of(new AAssociateRJ(1, 1, AAssociateRJ.CALLED_AE_NOT_RECOGNIZED));
    }

    @Override
    public Optional<byte[]> checkIdentity(UserIdentity identity, String remoteHost) {
      return identity.primaryString().equals("alice") && identity.secondaryString().equals("secret")
          ? Optional.of("welcome".getBytes()) : Optional.empty();
    }

    @Override
    public boolean identityOptional() {
      return true;
    }

    @Override
    public List<String> transferSyntaxes(String abstractSyntax) {
      return abstractSyntax.equals(CT) || abstractSyntax.equals(ECHO) ? List.of(EXPLICIT, IMPLICIT) : List.of();
    }

    @Override
    public boolean acceptScpRole(String sopClassUid) {
      return true;
    }

    @Override
    public Optional<ExtendedNegotiation> extendedNegotiation(ExtendedNegotiation requested) {
      return Optional.of(requested);
    }

    @Override
    public UserInformation.AsyncOpsWindow asyncOpsWindow() {
      return new UserInformation.AsyncOpsWindow(1, 1);
    }
  }

  static AAssociateRQ request(String called, Optional<UserIdentity> id) {
    UserInformation ui = new UserInformation(8192, "1.2.3", Optional.of("T"), Optional.of(new UserInformation.AsyncOpsWindow(4, 4)),
        List.of(new RoleSelection(CT, true, true)), List.of(), id, Optional.empty());
    return new AAssociateRQ(1, called, "REQUESTOR", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
        List.of(new PresentationContextRQ(1, CT, IMPLICIT, EXPLICIT), new PresentationContextRQ(3, CT, JPEG),
            new PresentationContextRQ(5, "1.2.3.4.5", IMPLICIT), new PresentationContextRQ(7, ECHO, IMPLICIT)), ui);
  }

  record Pair(Association requestor, Association acceptor) {}

  static Pair connect(AAssociateRQ rq) throws Exception {
    MemoryLink[] links = MemoryLink.pair();
    CompletableFuture<Association> acc = CompletableFuture.supplyAsync(() -> {
      try {
        return Association.accept(links[1], FAST, new TestPolicy());
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    Association req = Association.request(links[0], rq, FAST);
    return new Pair(req, acc.get(5, TimeUnit.SECONDS));
  }

  /** Reads P-DATA until the association ends, on a thread of its own. */
  static CompletableFuture<List<PDataTF>> drain(Association as) {
    return CompletableFuture.supplyAsync(() -> {
      List<PDataTF> got = new java.util.ArrayList<>();
      try {
        PDataTF p;
        while ((p = as.nextPData()) != null) {
          got.add(p);
        }
        return got;
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
  }

  @Test
  void negotiatesContextsRolesIdentityAndPduLength() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.of(UserIdentity.usernamePasscode("alice", "secret", true))));
    assertThat(p.requestor().state()).isEqualTo(State.STA6);
    assertThat(p.acceptor().state()).isEqualTo(State.STA6);
    assertThat(p.requestor().presentationContext(1)).hasValue(new PresentationContext(1, CT, EXPLICIT));
    assertThat(p.requestor().presentationContext(3)).isEmpty(); // JPEG not in the preference
    assertThat(p.requestor().presentationContext(5)).isEmpty(); // unknown SOP class
    assertThat(p.requestor().acceptance().presentationContexts().get(1).result()).isEqualTo(4);
    assertThat(p.requestor().acceptance().presentationContexts().get(2).result()).isEqualTo(3);
    assertThat(p.requestor().acceptance().userInformation().userIdentityResponse()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("welcome"));
    assertThat(p.requestor().acceptance().userInformation().asyncOpsWindow()).hasValue(new UserInformation.AsyncOpsWindow(1, 1));
    assertThat(p.requestor().acceptance().userInformation().roleSelections()).containsExactly(new RoleSelection(CT, true, true));
    assertThat(p.requestor().maxPdvLength()).isEqualTo(4096 - 6);
    assertThat(p.acceptor().maxPdvLength()).isEqualTo(8192 - 6);
    p.requestor().abort();
  }

  @Test
  void wrongCalledAeIsRejected() {
    assertThatThrownBy(() -> connect(request("NOBODY", Optional.empty())))
        .isInstanceOf(AssociationException.class)
        .hasMessageContaining("called AE title not recognized");
  }

  @Test
  void wrongPasscodeIsRejected() {
    assertThatThrownBy(() -> connect(request("ACCEPTOR", Optional.of(UserIdentity.usernamePasscode("alice", "guess", false)))))
        .isInstanceOf(AssociationException.class)
        .hasMessageContaining("rejected");
  }

  @Test
  void dataIsFragmentedToThePeersMaximumAndReleaseEndsBothSides() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.empty()));
    CompletableFuture<List<PDataTF>> received = drain(p.acceptor());
    CompletableFuture<List<PDataTF>> reqSide = drain(p.requestor());
    byte[] data = new byte[10_000];
    p.requestor().lockWrite();
    try (PdvOutputStream out = new PdvOutputStream(p.requestor(), 1, false)) {
      out.write(data);
    } finally {
      p.requestor().unlockWrite();
    }
    p.requestor().release();
    List<PDataTF> got = received.get(5, TimeUnit.SECONDS);
    assertThat(got).hasSize(3); // 4090 + 4090 + 1820
    assertThat(got.get(0).pdvs().get(0).length()).isEqualTo(4090);
    assertThat(got.get(2).pdvs().get(0).last()).isTrue();
    assertThat(reqSide.get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(p.requestor().state()).isEqualTo(State.STA1);
    assertThat(p.acceptor().state()).isEqualTo(State.STA1);
  }

  @Test
  void releaseCollisionEndsBothSides() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.empty()));
    CompletableFuture<List<PDataTF>> a = drain(p.acceptor());
    CompletableFuture<List<PDataTF>> r = drain(p.requestor());
    CompletableFuture<Void> ra = CompletableFuture.runAsync(() -> {
      try {
        p.acceptor().release();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    p.requestor().release();
    ra.get(5, TimeUnit.SECONDS);
    a.get(5, TimeUnit.SECONDS);
    r.get(5, TimeUnit.SECONDS);
    assertThat(p.requestor().state()).isEqualTo(State.STA1);
    assertThat(p.acceptor().state()).isEqualTo(State.STA1);
  }

  /** AR-6: P-DATA arriving after our A-RELEASE-RQ (Sta7) is still delivered, then the release completes. */
  @Test
  void dataAfterOurReleaseRequestIsDelivered() throws Exception {
    MemoryLink[] links = MemoryLink.pair();
    links[1].setReadTimeout(2000);
    CompletableFuture<Association> req = CompletableFuture.supplyAsync(() -> {
      try {
        return Association.request(links[0], request("ACCEPTOR", Optional.empty()), FAST);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    AAssociateRQ rq = (AAssociateRQ) PduCodec.read(links[1].input(), 0);
    PduCodec.write(Negotiator.negotiate(rq, "memory", new TestPolicy(), FAST), links[1].output());
    Association requestor = req.get(5, TimeUnit.SECONDS);
    CompletableFuture<List<PDataTF>> got = drain(requestor);
    CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
      try {
        requestor.release();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    assertThat(PduCodec.read(links[1].input(), 0)).isEqualTo(new AReleaseRQ());
    assertThat(requestor.state()).isEqualTo(State.STA7);
    PduCodec.write(new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, new byte[] {1, 2}))), links[1].output());
    PduCodec.write(new org.linnea.net.pdu.AReleaseRP(), links[1].output());
    release.get(5, TimeUnit.SECONDS);
    assertThat(got.get(5, TimeUnit.SECONDS)).hasSize(1);
    assertThat(requestor.state()).isEqualTo(State.STA1);
  }

  @Test
  void abortIsReportedToThePeer() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.empty()));
    CompletableFuture<List<PDataTF>> a = drain(p.acceptor());
    p.requestor().abort();
    assertThat(a).failsWithin(5, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("aborted by the service user");
  }

  @Test
  void unexpectedPduInStateSixAbortsWithReasonUnexpected() throws Exception {
    MemoryLink[] links = MemoryLink.pair();
    CompletableFuture<Association> acc = CompletableFuture.supplyAsync(() -> {
      try {
        return Association.accept(links[1], FAST, new TestPolicy());
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    // a raw requestor: A-ASSOCIATE-RQ, then a second A-ASSOCIATE-RQ once established
    var out = links[0].output();
    PduCodec.write(request("ACCEPTOR", Optional.empty()), out);
    links[0].setReadTimeout(2000);
    assertThat(PduCodec.read(links[0].input(), 0).type()).isEqualTo(2);
    Association acceptor = acc.get(5, TimeUnit.SECONDS);
    CompletableFuture<List<PDataTF>> a = drain(acceptor);
    PduCodec.write(request("ACCEPTOR", Optional.empty()), out);
    assertThat(a).failsWithin(5, TimeUnit.SECONDS).withThrowableThat().withRootCauseInstanceOf(ProtocolException.class);
    assertThat(PduCodec.read(links[0].input(), 0)).isEqualTo(new AAbort(2, AAbort.UNEXPECTED_PDU));
    assertThat(acceptor.state()).isEqualTo(State.STA1);
  }

  @Test
  void releaseRequestBeforeAssociationIsAbortedInStateTwo() throws Exception {
    MemoryLink[] links = MemoryLink.pair();
    CompletableFuture<Association> acc = CompletableFuture.supplyAsync(() -> {
      try {
        return Association.accept(links[1], FAST, new TestPolicy());
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    }, THREADS);
    PduCodec.write(new AReleaseRQ(), links[0].output());
    links[0].setReadTimeout(2000);
    assertThat(PduCodec.read(links[0].input(), 0)).isEqualTo(new AAbort(2, AAbort.UNEXPECTED_PDU));
    assertThat(acc).failsWithin(2, TimeUnit.SECONDS);
  }

  @Test
  void artimExpiresWhenNoRequestComes() {
    MemoryLink[] links = MemoryLink.pair();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> Association.accept(links[1], FAST, new TestPolicy()))
        .isInstanceOf(AssociationException.class)
        .hasMessageContaining("no complete A-ASSOCIATE-RQ");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
  }

  @Test
  void idleTimeoutAbortsASilentPeer() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.empty()));
    CompletableFuture<List<PDataTF>> a = drain(p.acceptor());
    assertThat(a).failsWithin(5, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("timed out");
    assertThat(p.acceptor().state()).isEqualTo(State.STA1);
  }

  @Test
  void peerThatStopsReadingIsCutOffByTheWriteTimeout() throws Exception {
    Pair p = connect(request("ACCEPTOR", Optional.empty()));
    // nobody reads the acceptor side: the 64 KiB pipe fills and the write blocks
    long t0 = System.nanoTime();
    p.requestor().lockWrite();
    try (PdvOutputStream out = new PdvOutputStream(p.requestor(), 1, false)) {
      assertThatThrownBy(() -> {
        for (int i = 0; i < 1000; i++) {
          out.write(new byte[4096]);
        }
      }).isInstanceOf(IOException.class);
    } catch (IOException expected) {
      // closing after the failure fails too
    } finally {
      p.requestor().unlockWrite();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(p.requestor().state()).isEqualTo(State.STA1);
  }
}
