package org.linnea.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.ae.AllowedCaller;
import org.linnea.net.ae.RemoteAe;
import org.linnea.net.assoc.AssociationException;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.pdu.UserIdentity;

/** Linnea against Linnea over loopback: statuses, cancel, sub-operations, identity, big objects. */
class DimseLoopbackTest {
  static final DicomClient CLIENT = new DicomClient(AssociationSettings.defaults());
  static final String CT = UID.CTImageStorage;
  static final String FIND = UID.StudyRootQueryRetrieveInformationModelFind;
  static final String MOVE = UID.StudyRootQueryRetrieveInformationModelMove;
  static final String GET = UID.StudyRootQueryRetrieveInformationModelGet;

  static DataWriter bytes(long n) {
    return (out, ts) -> {
      byte[] chunk = new byte[1 << 16];
      for (long left = n; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    };
  }

  /** An instance of {@code n} zero bytes. */
  record Fake(String sopInstanceUid, long n) implements Instance {
    @Override
    public String sopClassUid() {
      return CT;
    }

    @Override
    public String transferSyntax() {
      return UID.ExplicitVRLittleEndian;
    }

    @Override
    public InputStream openDataSet() {
      return new InputStream() {
        long left = n;

        @Override
        public int read() {
          return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (left <= 0) {
            return -1;
          }
          int k = (int) Math.min(len, left);
          java.util.Arrays.fill(b, off, off + k, (byte) 0);
          left -= k;
          return k;
        }
      };
    }
  }

  @Test
  void storeStatusesComeFromTheHandler() throws Exception {
    DicomServices services = new DicomServices().onStore((rq, in) -> {
      in.transferTo(OutputStream.nullOutputStream());
      switch (rq.sopInstanceUid()) {
        case "1.1" -> { }
        case "1.2" -> throw new DicomServiceException(Status.COERCION_OF_DATA_ELEMENTS, "coerced");
        case "1.3" -> throw new DicomServiceException(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "not a CT", null, Tag.Modality);
        default -> throw new IOException("disk full");
      }
    }, CT);
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA"), services).start();
        DimseAssociation as = CLIENT.open("127.0.0.1", server.port(),
            DicomClient.request("SCU", "LINNEA").propose(CT, UID.ExplicitVRLittleEndian).propose(UID.MRImageStorage, UID.ExplicitVRLittleEndian)
                .propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
      assertThat(as.store(CT, "1.1", UID.ExplicitVRLittleEndian, bytes(1000), null).status()).isEqualTo(Status.SUCCESS);
      assertThat(as.store(CT, "1.2", UID.ExplicitVRLittleEndian, bytes(1000), null).status()).isEqualTo(0xB000);
      DimseResponse bad = as.store(CT, "1.3", UID.ExplicitVRLittleEndian, bytes(1000), null);
      assertThat(bad.status()).isEqualTo(0xA900);
      assertThat(bad.errorComment()).hasValue("not a CT");
      assertThat(bad.command().getTags(Tag.OffendingElement)).containsExactly(Tag.Modality);
      DimseResponse full = as.store(CT, "1.4", UID.ExplicitVRLittleEndian, bytes(1000), null);
      assertThat(full.status()).isEqualTo(Status.OUT_OF_RESOURCES);
      assertThat(full.errorComment()).hasValue("disk full");
      // no handler for MR: the context is refused, so the SCU cannot even send
      assertThatThrownBy(() -> as.store(UID.MRImageStorage, "1.5", UID.ExplicitVRLittleEndian, bytes(10), null))
          .isInstanceOf(DicomServiceException.class).hasMessageContaining("no accepted presentation context");
      assertThat(as.echo().status()).isZero();
    }
  }

  @Test
  void anUncompressedFileIsConvertedWhenThePeerRefusesItsSyntax() throws Exception {
    java.nio.file.Path ct = java.nio.file.Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm");
    FileInstance file = FileInstance.of(ct);
    assertThat(file.transferSyntax()).isEqualTo(UID.ExplicitVRLittleEndian);
    List<Dataset> got = new CopyOnWriteArrayList<>();
    DicomServices services = new DicomServices().onStore((rq, in) -> {
      assertThat(rq.transferSyntax()).isEqualTo(UID.ImplicitVRLittleEndian);
      try (var r = org.linnea.dicom.io.DicomReader.open(in)) {
        got.add(r.readDataset(org.linnea.dicom.io.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, org.linnea.dicom.io.ReadOptions.DEFAULT));
      }
    });
    ServerConfig implicitOnly = ServerConfig.of(0, "LINNEA").withTransferSyntaxPreference(List.of(UID.ImplicitVRLittleEndian));
    try (DicomServer server = new DicomServer(implicitOnly, services).start();
        DimseAssociation as = CLIENT.open("127.0.0.1", server.port(), DicomClient.request("SCU", "LINNEA")
            .propose(CT, UID.ExplicitVRLittleEndian).propose(CT, DimseAssociation.FALLBACK_TRANSFER_SYNTAXES.toArray(String[]::new)))) {
      assertThat(as.store(file, null).status()).isZero();
    }
    Dataset original = org.linnea.dicom.io.DicomReader.readFile(ct).dataset();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).getString(Tag.PatientName)).isEqualTo(original.getString(Tag.PatientName));
    assertThat(got.get(0).getString(Tag.SOPInstanceUID)).isEqualTo(original.getString(Tag.SOPInstanceUID));
    assertThat(got.get(0).getBytes(Tag.PixelData).orElseThrow()).isEqualTo(original.getBytes(Tag.PixelData).orElseThrow());
  }

  @Test
  void twoAndAHalfGigabytesStreamThroughBothWays() throws Exception {
    long n = (1L << 31) + (1L << 29);
    AtomicLong received = new AtomicLong();
    DicomServices services = new DicomServices().onStore((rq, in) -> received.set(in.transferTo(OutputStream.nullOutputStream())));
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA"), services).start();
        DimseAssociation as = CLIENT.open("127.0.0.1", server.port(), DicomClient.request("SCU", "LINNEA").propose(CT, UID.ExplicitVRLittleEndian))) {
      assertThat(as.store(new Fake("1.9", n), null).status()).isZero();
    }
    assertThat(received.get()).isEqualTo(n);
  }

  @Test
  void findIsCancelled() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    DicomServices services = new DicomServices().onFind((rq, responder) -> {
      for (int i = 0; i < 10_000 && !responder.isCancelled(); i++) {
        Dataset m = new Dataset();
        m.setString(Tag.PatientID, VR.LO, "P" + i);
        responder.match(DataWriter.of(m));
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
      cancelled.countDown();
    });
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA"), services).start();
        DimseAssociation as = CLIENT.open("127.0.0.1", server.port(), DicomClient.request("SCU", "LINNEA").propose(FIND, UID.ImplicitVRLittleEndian))) {
      Dataset keys = new Dataset();
      keys.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
      keys.setNull(Tag.PatientID, VR.LO);
      List<String> ids = new ArrayList<>();
      DimseResponse fin = as.find(FIND, DataWriter.of(keys), r -> {
        try {
          ids.add(r.dataSet().orElseThrow().dataset().getString(Tag.PatientID).orElseThrow());
          if (ids.size() == 3) {
            as.cancel(FIND, as.lastMessageId());
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      assertThat(fin.status()).isEqualTo(Status.CANCEL);
      assertThat(ids).startsWith("P0", "P1", "P2").hasSizeLessThan(10_000);
      assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSlowQueryIsNotCutOffByTheServersIdleTimeout() throws Exception {
    DicomServices services = new DicomServices().onFind((rq, responder) -> {
      try {
        Thread.sleep(1200);
      } catch (InterruptedException e) {
        return;
      }
      responder.match(DataWriter.of(new Dataset()));
    });
    AssociationSettings shortIdle = AssociationSettings.defaults()
        .withTimeouts(java.time.Duration.ofMillis(400), java.time.Duration.ofMillis(400), java.time.Duration.ofMillis(400), java.time.Duration.ofSeconds(2));
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA").withAssociation(shortIdle), services).start();
        DimseAssociation as = CLIENT.open("127.0.0.1", server.port(), DicomClient.request("SCU", "LINNEA").propose(FIND, UID.ImplicitVRLittleEndian))) {
      Dataset keys = new Dataset();
      keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
      List<DimseResponse> matches = new ArrayList<>();
      assertThat(as.find(FIND, DataWriter.of(keys), matches::add).status()).isZero();
      assertThat(matches).hasSize(1);
    }
  }

  @Test
  void moveAndGetCountSubOperationsAndListFailures() throws Exception {
    List<String> stored = new CopyOnWriteArrayList<>();
    DicomServices destination = new DicomServices().onStore((rq, in) -> {
      in.transferTo(OutputStream.nullOutputStream());
      if (rq.sopInstanceUid().equals("2.2")) {
        throw new DicomServiceException(Status.OUT_OF_RESOURCES, "full");
      }
      assertThat(rq.moveOriginatorAeTitle()).hasValue("SCU");
      stored.add(rq.sopInstanceUid());
    });
    List<Fake> instances = List.of(new Fake("2.1", 5000), new Fake("2.2", 5000), new Fake("2.3", 70_000));
    try (DicomServer dest = new DicomServer(ServerConfig.of(0, "DEST"), destination).start()) {
      ServerConfig cfg = ServerConfig.of(0, "LINNEA").withAe(AeConfig.of("LINNEA").withRemoteAes(new RemoteAe("DEST", "127.0.0.1", dest.port())));
      DicomServices services = new DicomServices().onMove(rq -> instances).onGet(rq -> instances);
      try (DicomServer server = new DicomServer(cfg, services).start()) {
        Dataset keys = new Dataset();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyInstanceUID, VR.UI, "9.9");
        List<DimseResponse> pending = new ArrayList<>();
        DimseResponse fin;
        try (DimseAssociation as = CLIENT.open("127.0.0.1", server.port(),
            DicomClient.request("SCU", "LINNEA").propose(MOVE, UID.ExplicitVRLittleEndian))) {
          fin = as.move(MOVE, "DEST", DataWriter.of(keys), pending::add);
          assertThat(as.move(MOVE, "NOWHERE", DataWriter.of(keys), r -> {}).status()).isEqualTo(Status.MOVE_DESTINATION_UNKNOWN);
        }
        assertThat(fin.status()).isEqualTo(Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES);
        assertThat(fin.completed()).isEqualTo(2);
        assertThat(fin.failed()).isEqualTo(1);
        assertThat(fin.dataSet().orElseThrow().dataset().getStrings(Tag.FailedSOPInstanceUIDList)).containsExactly("2.2");
        assertThat(pending).extracting(DimseResponse::remaining).containsExactly(2, 1);
        assertThat(stored).containsExactly("2.1", "2.3");

        List<String> got = new CopyOnWriteArrayList<>();
        try (DimseAssociation as = CLIENT.open("127.0.0.1", server.port(),
            DicomClient.request("SCU", "LINNEA").get(GET, List.of(CT), UID.ExplicitVRLittleEndian))) {
          DimseResponse g = as.get(GET, DataWriter.of(keys), (rq, in) -> {
            in.transferTo(OutputStream.nullOutputStream());
            got.add(rq.sopInstanceUid());
          }, r -> {});
          assertThat(g.status()).isZero();
          assertThat(g.completed()).isEqualTo(3);
        }
        assertThat(got).containsExactly("2.1", "2.2", "2.3");
      }
    }
  }

  @Test
  void userIdentityAndAllowListDecide() throws Exception {
    ServerConfig cfg = ServerConfig.of(0, "LINNEA")
        .withAe(AeConfig.of("LINNEA").withAllowList(new AllowedCaller("TRUSTED", Set.of("127.0.0.1"))))
        .withIdentity((id, host) -> id.type() == UserIdentity.JWT && id.primaryString().equals("good.jwt.token")
            ? Optional.of("ok".getBytes()) : Optional.empty(), true);
    try (DicomServer server = new DicomServer(cfg, new DicomServices()).start()) {
      DicomClient.Request good = DicomClient.request("TRUSTED", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian)
          .identity(UserIdentity.jwt("good.jwt.token", true));
      try (DimseAssociation as = CLIENT.open("127.0.0.1", server.port(), good)) {
        assertThat(as.association().acceptance().userInformation().userIdentityResponse()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("ok"));
        assertThat(as.echo().status()).isZero();
      }
      assertThatThrownBy(() -> CLIENT.open("127.0.0.1", server.port(), DicomClient.request("TRUSTED", "LINNEA")
          .propose(UID.Verification, UID.ImplicitVRLittleEndian).identity(UserIdentity.jwt("forged", false))))
          .isInstanceOf(AssociationException.class).hasMessageContaining("rejected");
      assertThatThrownBy(() -> CLIENT.open("127.0.0.1", server.port(), DicomClient.request("TRUSTED", "LINNEA")
          .propose(UID.Verification, UID.ImplicitVRLittleEndian)))
          .isInstanceOf(AssociationException.class).hasMessageContaining("rejected");
      assertThatThrownBy(() -> CLIENT.open("127.0.0.1", server.port(), DicomClient.request("STRANGER", "LINNEA")
          .propose(UID.Verification, UID.ImplicitVRLittleEndian).identity(UserIdentity.jwt("good.jwt.token", false))))
          .isInstanceOf(AssociationException.class).hasMessageContaining("calling AE title not recognized");
    }
  }
}
