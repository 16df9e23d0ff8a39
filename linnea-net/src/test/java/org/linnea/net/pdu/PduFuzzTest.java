package org.linnea.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linnea.net.assoc.AcceptorPolicy;
import org.linnea.net.assoc.AssociationException;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.assoc.Negotiator;
import org.linnea.net.dimse.Command;
import org.linnea.net.dimse.Dimse;

/**
 * Seeded random mutation of valid PDUs and command sets, bounded in time: the decoders may only
 * fail with the module's {@link ProtocolException} (or, reading a stream that ends early, an
 * {@link EOFException}); anything else is a bug. The seed is printed on failure.
 */
class PduFuzzTest {
  static final long BUDGET_NANOS = 1_500_000_000L;

  static List<byte[]> seeds() {
    List<byte[]> l = new ArrayList<>();
    l.add(PduCodec.encode(PduCodecTest.fullRequest()));
    UserInformation ui = new UserInformation(0, "1.2", Optional.of("X"), Optional.empty(),
        List.of(new RoleSelection(PduCodecTest.CT, false, true)), List.of(), Optional.empty(), Optional.of(new byte[3]));
    l.add(PduCodec.encode(new AAssociateAC(1, "A", "B", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
        List.of(new PresentationContextAC(1, 0, PduCodecTest.IMPLICIT)), ui)));
    l.add(PduCodec.encode(new PDataTF(List.of(PDataTF.Pdv.of(1, true, true, Command.request(Dimse.C_ECHO_RQ, 1, "1.2.840.10008.1.1", false).encode()),
        PDataTF.Pdv.of(3, false, false, new byte[40])))));
    l.add(PduCodec.encode(new AAssociateRJ(1, 1, 7)));
    l.add(PduCodec.encode(new AAbort(2, 2)));
    l.add(PduCodec.encode(new AReleaseRQ()));
    return l;
  }

  static byte[] mutate(byte[] seed, Random r) {
    byte[] b = seed.clone();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      int op = r.nextInt(5);
      if (b.length == 0) {
        return new byte[] {(byte) r.nextInt()};
      }
      int pos = r.nextInt(b.length);
      switch (op) {
        case 0 -> b[pos] = (byte) r.nextInt();
        case 1 -> b[pos] ^= (byte) (1 << r.nextInt(8));
        case 2 -> b[pos] = (byte) (r.nextBoolean() ? 0xFF : 0x00);
        case 3 -> b = java.util.Arrays.copyOf(b, pos); // truncate
        default -> { // duplicate a slice
          int len = Math.min(b.length - pos, 1 + r.nextInt(32));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, pos + len);
          System.arraycopy(b, pos, c, pos + len, b.length - pos);
          b = c;
        }
      }
    }
    return b;
  }

  static final AcceptorPolicy ACCEPT_ALL = new AcceptorPolicy() {
    @Override
    public Optional<AAssociateRJ> checkCaller(AAssociateRQ rq, String remoteHost) {
      return Optional.empty();
    }

    @Override
    public Optional<byte[]> checkIdentity(UserIdentity identity, String remoteHost) {
      return Optional.of(new byte[0]);
    }

    @Override
    public boolean identityOptional() {
      return true;
    }

    @Override
    public List<String> transferSyntaxes(String abstractSyntax) {
      return List.of(AcceptorPolicy.ANY_TRANSFER_SYNTAX);
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
      return new UserInformation.AsyncOpsWindow(0, 0);
    }
  };

  @Test
  void mutatedPdusOnlyEverFailWithProtocolExceptions() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    List<byte[]> seeds = seeds();
    long end = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    while (System.nanoTime() < end) {
      byte[] input = mutate(seeds.get(r.nextInt(seeds.size())), r);
      runs++;
      try {
        Pdu pdu = PduCodec.read(new ByteArrayInputStream(input), 1 << 16);
        if (pdu instanceof AAssociateRQ rq) {
          try {
            AAssociateAC ac = Negotiator.negotiate(rq, "fuzz", ACCEPT_ALL, AssociationSettings.defaults());
            PduCodec.decode(Pdu.A_ASSOCIATE_AC, java.util.Arrays.copyOfRange(PduCodec.encode(ac), 6, PduCodec.encode(ac).length));
          } catch (AssociationException rejected) {
            // a rejection is an answer
          } catch (IllegalArgumentException tooLong) {
            // an item too long to encode: the request echoed an oversized value
          }
        } else if (pdu instanceof PDataTF p) {
          for (PDataTF.Pdv v : p.pdvs()) {
            try {
              Command.decode(v.buffer(), v.offset(), v.length()).encode();
            } catch (ProtocolException expected) {
              // fine
            }
          }
        }
      } catch (ProtocolException | EOFException expected) {
        // fine
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed + ", run " + runs + ": " + t, t);
      }
    }
    assertThat(runs).isGreaterThan(1000);
  }

  @Test
  void mutatedCommandSetsOnlyEverFailWithProtocolExceptions() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    Command c = Command.request(Dimse.C_MOVE_RQ, 7, "1.2.840.10008.5.1.4.1.2.2.2", true);
    c.setString(0x00000600, "DEST");
    byte[] base = c.encode();
    long end = System.nanoTime() + BUDGET_NANOS / 3;
    int runs = 0;
    while (System.nanoTime() < end) {
      byte[] input = mutate(base, r);
      runs++;
      try {
        Command d = Command.decode(input, 0, input.length);
        d.toString();
        d.getString(0x00000002);
        d.getTags(0x00000901);
      } catch (ProtocolException expected) {
        // fine
      } catch (Throwable t) {
        throw new AssertionError("seed " + seed + ", run " + runs + ": " + t, t);
      }
    }
    assertThat(runs).isGreaterThan(1000);
  }
}
