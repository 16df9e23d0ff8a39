package org.linnea.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.net.pdu.ProtocolException;

class CommandTest {
  @Test
  void requestRoundTripsInImplicitLittleEndianWithGroupLength() throws Exception {
    Command rq = Command.request(Dimse.C_STORE_RQ, 7, UID.CTImageStorage, true);
    rq.setString(Tag.AffectedSOPInstanceUID, "1.2.3"); // odd: padded with NUL
    rq.setString(Tag.MoveOriginatorApplicationEntityTitle, "ABC"); // odd: padded with a space
    byte[] b = rq.encode();
    assertThat(b[0]).isZero(); // (0000,0000) first
    int groupLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
    assertThat(groupLength).isEqualTo(b.length - 12);
    Command back = Command.decode(b, 0, b.length);
    assertThat(back.type()).isEqualTo(Dimse.C_STORE_RQ);
    assertThat(back.messageId()).isEqualTo(7);
    assertThat(back.hasDataSet()).isTrue();
    assertThat(back.affectedSopInstanceUid()).hasValue("1.2.3");
    assertThat(back.getString(Tag.MoveOriginatorApplicationEntityTitle)).hasValue("ABC");
    assertThat(back.encode()).isEqualTo(b);
  }

  @Test
  void responseCopiesIdentityAndCarriesCounts() {
    Command rq = Command.request(Dimse.C_MOVE_RQ, 9, UID.StudyRootQueryRetrieveInformationModelMove, true);
    Command rsp = Command.response(rq, Status.PENDING, false).setSubOperations(3, 1, 0, 0);
    assertThat(rsp.type()).isEqualTo(Dimse.C_MOVE_RSP);
    assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(9);
    assertThat(rsp.getInt(Tag.NumberOfRemainingSuboperations)).hasValue(3);
    assertThat(rsp.hasDataSet()).isFalse();
    assertThat(Status.isPending(rsp.status())).isTrue();
  }

  @Test
  void serviceExceptionBecomesTheResponse() {
    Command rq = Command.request(Dimse.C_STORE_RQ, 1, UID.CTImageStorage, true);
    Command rsp = new DicomServiceException(0xA900, "no \\ backslash, accents é, and a very long comment that goes past sixty-four characters", null, Tag.Modality)
        .withErrorId(5).toResponse(rq);
    assertThat(rsp.status()).isEqualTo(0xA900);
    assertThat(rsp.getString(Tag.ErrorComment).orElseThrow()).hasSize(64).doesNotContain("\\").doesNotContain("é");
    assertThat(rsp.getTags(Tag.OffendingElement)).containsExactly(Tag.Modality);
    assertThat(rsp.getInt(Tag.ErrorID)).hasValue(5);
  }

  @Test
  void malformedCommandsAreProtocolErrors() {
    byte[] b = Command.request(Dimse.C_ECHO_RQ, 1, UID.Verification, false).encode();
    b[8] = 1; // wrong group length
    assertThatThrownBy(() -> Command.decode(b, 0, b.length)).isInstanceOf(ProtocolException.class).hasMessageContaining("Group Length");
    byte[] c = Command.request(Dimse.C_ECHO_RQ, 1, UID.Verification, false).encode();
    c[12] = 8; // an element of group 0008
    assertThatThrownBy(() -> Command.decode(c, 0, c.length)).isInstanceOf(ProtocolException.class).hasMessageContaining("outside");
    assertThatThrownBy(() -> Command.decode(c, 0, 5)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void statusCategories() {
    assertThat(Status.isWarning(0xB007)).isTrue();
    assertThat(Status.isFailure(0xA700)).isTrue();
    assertThat(Status.isFailure(0xC123)).isTrue();
    assertThat(Status.isFailure(0xFE00)).isFalse();
    assertThat(Status.describe(0xA801)).contains("move destination unknown").contains("0xA801");
  }
}
