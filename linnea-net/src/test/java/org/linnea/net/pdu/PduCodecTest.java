package org.linnea.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PduCodecTest {
  static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  static final String IMPLICIT = "1.2.840.10008.1.2";
  static final String EXPLICIT = "1.2.840.10008.1.2.1";
  static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";

  static AAssociateRQ fullRequest() {
    UserInformation ui = new UserInformation(
        16384, "1.2.3.4", Optional.of("TEST_1"), Optional.of(new UserInformation.AsyncOpsWindow(5, 3)),
        List.of(new RoleSelection(CT, true, true)),
        List.of(new ExtendedNegotiation(FIND, new byte[] {1, 0, 1})),
        Optional.of(UserIdentity.usernamePasscode("alice", "secret", true)), Optional.empty());
    return new AAssociateRQ(1, "CALLED", "CALLING", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
        List.of(new PresentationContextRQ(1, CT, EXPLICIT, IMPLICIT), new PresentationContextRQ(3, FIND, IMPLICIT)), ui);
  }

  static Pdu roundTrip(Pdu pdu) throws IOException {
    byte[] b = PduCodec.encode(pdu);
    return PduCodec.read(new ByteArrayInputStream(b), 1 << 20);
  }

  @Test
  void associateRequestRoundTripsWithEveryUserInformationItem() throws IOException {
    AAssociateRQ rq = fullRequest();
    assertThat(roundTrip(rq)).isEqualTo(rq);
  }

  @Test
  void associateAcceptRoundTripsWithIdentityResponse() throws IOException {
    UserInformation ui = new UserInformation(
        0, "1.2.3.4", Optional.empty(), Optional.empty(), List.of(new RoleSelection(CT, false, true)), List.of(),
        Optional.empty(), Optional.of(new byte[] {7, 8}));
    AAssociateAC ac = new AAssociateAC(1, "CALLED", "CALLING", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
        List.of(new PresentationContextAC(1, 0, EXPLICIT), new PresentationContextAC(3, 4, "")), ui);
    AAssociateAC back = (AAssociateAC) roundTrip(ac);
    assertThat(back.presentationContexts()).isEqualTo(ac.presentationContexts());
    assertThat(back.userInformation().userIdentityResponse()).hasValueSatisfying(r -> assertThat(r).containsExactly(7, 8));
    assertThat(back.userInformation().roleSelections()).isEqualTo(ui.roleSelections());
    assertThat(back.calledAeTitle()).isEqualTo("CALLED");
  }

  @Test
  void smallPdusRoundTrip() throws IOException {
    for (Pdu p : List.of(new AAssociateRJ(1, 1, 7), new AReleaseRQ(), new AReleaseRP(), new AAbort(2, 6))) {
      assertThat(roundTrip(p)).isEqualTo(p);
    }
  }

  @Test
  void pDataRoundTripsSeveralValues() throws IOException {
    PDataTF p = new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, new byte[] {1, 2, 3}), PDataTF.Pdv.of(1, false, false, new byte[10])));
    PDataTF back = (PDataTF) roundTrip(p);
    assertThat(back.pdvs()).hasSize(2);
    assertThat(back.pdvs().get(0).bytes()).containsExactly(1, 2, 3);
    assertThat(back.pdvs().get(0).command()).isTrue();
    assertThat(back.pdvs().get(1).last()).isFalse();
    assertThat(back.pdvs().get(1).length()).isEqualTo(10);
  }

  @Test
  void hugeLengthIsRefusedBeforeReadingTheBody() {
    byte[] header = {4, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertThatThrownBy(() -> PduCodec.readHeader(new ByteArrayInputStream(header), 16384))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("4294967295");
  }

  @Test
  void unknownTypeIsUnrecognizedPdu() {
    byte[] header = {9, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    assertThatThrownBy(() -> PduCodec.read(new ByteArrayInputStream(header), 16384))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.abortReason()).isEqualTo(AAbort.UNRECOGNIZED_PDU));
  }

  @Test
  void truncatedPduIsEof() {
    byte[] b = PduCodec.encode(fullRequest());
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 5);
    assertThatThrownBy(() -> PduCodec.read(new ByteArrayInputStream(cut), 16384)).isInstanceOf(java.io.EOFException.class);
  }

  @Test
  void itemOverrunningItsParentIsAProtocolError() {
    byte[] b = PduCodec.encode(fullRequest());
    b[6 + 68 + 3] = (byte) 0xF0; // application context item length far beyond the PDU
    assertThatThrownBy(() -> PduCodec.read(new ByteArrayInputStream(b), 16384)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void uidPaddingIsRemoved() throws IOException {
    AAssociateRQ rq = new AAssociateRQ(1, "A", "B", AAssociateRQ.DICOM_APPLICATION_CONTEXT + "\0",
        List.of(new PresentationContextRQ(1, CT + "\0", IMPLICIT + "\0")), UserInformation.of(0, "1.2\0", null));
    AAssociateRQ back = (AAssociateRQ) roundTrip(rq);
    assertThat(back.applicationContext()).isEqualTo(AAssociateRQ.DICOM_APPLICATION_CONTEXT);
    assertThat(back.presentationContexts().get(0).transferSyntaxes()).containsExactly(IMPLICIT);
  }
}
