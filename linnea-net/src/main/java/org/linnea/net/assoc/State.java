package org.linnea.net.assoc;

import java.io.IOException;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.AReleaseRP;
import org.linnea.net.pdu.AReleaseRQ;
import org.linnea.net.pdu.PDataTF;
import org.linnea.net.pdu.Pdu;

/**
 * The states of the DICOM upper-layer state machine, PS3.8 section 9.2.1 (table 9-10). Each
 * constant implements the transitions for the PDUs it can receive once the association has been
 * negotiated; every PDU a state does not expect takes action AA-8 (A-ABORT with reason "unexpected
 * PDU"). Sta2 and Sta5, where the A-ASSOCIATE PDUs are exchanged, are driven by {@link
 * Association#accept} and {@link Association#request}. Local release responses are given at once,
 * so Sta8, Sta9 and Sta12 are passed through rather than waited in.
 */
public enum State {
  /** Idle: no association, transport closed. */
  STA1("Idle"),
  /** Transport connection open (acceptor), awaiting A-ASSOCIATE-RQ; ARTIM running. */
  STA2("Transport connection open, awaiting A-ASSOCIATE-RQ PDU"),
  /** Awaiting local A-ASSOCIATE response primitive (acceptor negotiating). */
  STA3("Awaiting local A-ASSOCIATE response primitive"),
  /** Awaiting transport connection opening to complete (requestor). */
  STA4("Awaiting transport connection opening to complete"),
  /** Awaiting A-ASSOCIATE-AC or -RJ PDU (requestor); ARTIM running. */
  STA5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
  /** Association established and ready for data transfer. */
  STA6("Association established and ready for data transfer") {
    @Override
    PDataTF receive(Association as, Pdu pdu) throws IOException {
      return switch (pdu) {
        case PDataTF p -> p; // DT-2
        case AReleaseRQ r -> {
          as.enter(STA8); // AR-2
          as.sendReleaseRP(); // AR-4, to Sta13
          yield null;
        }
        default -> super.receive(as, pdu);
      };
    }

    @Override
    boolean canSendPData() {
      return true;
    }
  },
  /** Awaiting A-RELEASE-RP PDU: data from the peer may still arrive (AR-6). */
  STA7("Awaiting A-RELEASE-RP PDU") {
    @Override
    PDataTF receive(Association as, Pdu pdu) throws IOException {
      return switch (pdu) {
        case PDataTF p -> p; // AR-6
        case AReleaseRP r -> {
          as.closeTransport(); // AR-3
          yield null;
        }
        case AReleaseRQ r -> { // release collision, AR-8
          if (as.isRequestor()) {
            as.enter(STA9);
            as.sendCollisionRP(); // AR-9, to Sta11
          } else {
            as.enter(STA10);
          }
          yield null;
        }
        default -> super.receive(as, pdu);
      };
    }
  },
  /** Awaiting local A-RELEASE response primitive; we may still send data (AR-7). */
  STA8("Awaiting local A-RELEASE response primitive") {
    @Override
    boolean canSendPData() {
      return true;
    }
  },
  /** Release collision, requestor side: awaiting local A-RELEASE response primitive. */
  STA9("Release collision requestor side; awaiting A-RELEASE response"),
  /** Release collision, acceptor side: awaiting A-RELEASE-RP PDU. */
  STA10("Release collision acceptor side; awaiting A-RELEASE-RP PDU") {
    @Override
    PDataTF receive(Association as, Pdu pdu) throws IOException {
      if (pdu instanceof AReleaseRP) {
        as.enter(STA12); // AR-10
        as.sendReleaseRP(); // AR-4, to Sta13
        return null;
      }
      return super.receive(as, pdu);
    }
  },
  /** Release collision, requestor side: awaiting A-RELEASE-RP PDU. */
  STA11("Release collision requestor side; awaiting A-RELEASE-RP PDU") {
    @Override
    PDataTF receive(Association as, Pdu pdu) throws IOException {
      if (pdu instanceof AReleaseRP) {
        as.closeTransport(); // AR-3
        return null;
      }
      return super.receive(as, pdu);
    }
  },
  /** Release collision, acceptor side: awaiting local A-RELEASE response primitive. */
  STA12("Release collision acceptor side; awaiting A-RELEASE response primitive"),
  /** Awaiting transport connection close; ARTIM running. Everything but A-ABORT is ignored (AA-6). */
  STA13("Awaiting transport connection close indication") {
    @Override
    PDataTF receive(Association as, Pdu pdu) {
      if (pdu instanceof AAbort) {
        as.closeTransport(); // AA-2
      }
      return null; // AA-6
    }
  };

  private final String description;

  State(String description) {
    this.description = description;
  }

  /** The PS3.8 description of the state. */
  public String description() {
    return description;
  }

  /**
   * Handles a PDU received in this state: returns a P-DATA-TF to hand to the DIMSE layer, or null
   * when the PDU was consumed by the state machine.
   */
  PDataTF receive(Association as, Pdu pdu) throws IOException {
    if (pdu instanceof AAbort a) {
      as.peerAborted(a); // AA-3
      return null;
    }
    as.unexpectedPdu(pdu); // AA-8
    return null;
  }

  /** Whether a local P-DATA request primitive is allowed in this state. */
  boolean canSendPData() {
    return false;
  }
}
