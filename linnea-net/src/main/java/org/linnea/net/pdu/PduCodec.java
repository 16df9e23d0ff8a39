package org.linnea.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and decodes PDUs (PS3.8 section 9.3, big-endian throughout). Reading is split into
 * {@link #readHeader} and {@link #readBody} so that the association can wait for a header under one
 * timeout (idle, ARTIM) and read the body under another; the length in the header is checked against
 * a limit before a single byte of the body is buffered, so a peer claiming a 4 GiB PDU costs nothing.
 *
 * <p>Decoding is lenient where PS3.8 says to ignore (reserved fields, unknown user-information
 * sub-items, trailing NUL or space padding of UIDs) and strict about lengths: an item that overruns
 * its parent is a {@link ProtocolException}.
 */
public final class PduCodec {
  /** Largest A-ASSOCIATE PDU accepted: generous for JWT and SAML identities, small enough to buffer. */
  public static final int MAX_ASSOCIATE_PDU_LENGTH = 1 << 20;

  private PduCodec() {}

  /** A PDU header: its type and the length of the body that follows. */
  public record Header(int type, long length) {}

  /**
   * Reads a PDU header, or returns null at a clean end of stream before its first byte.
   *
   * @param maxPDataLength the largest P-DATA-TF body accepted (the maximum PDU length we announced)
   */
  public static Header readHeader(InputStream in, int maxPDataLength) throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    return readHeader(type, in, maxPDataLength);
  }

  /** Reads the rest of a header whose first byte, the PDU type, was already read. */
  public static Header readHeader(int type, InputStream in, int maxPDataLength) throws IOException {
    byte[] b = readFully(in, 5);
    long length = ((b[1] & 0xFFL) << 24) | ((b[2] & 0xFF) << 16) | ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
    long limit =
        switch (type) {
          case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> MAX_ASSOCIATE_PDU_LENGTH;
          case Pdu.P_DATA_TF -> maxPDataLength <= 0 ? Integer.MAX_VALUE - 8 : maxPDataLength;
          case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> 4;
          default -> throw new ProtocolException(AAbort.UNRECOGNIZED_PDU, Pdu.name(type));
        };
    if (length > limit) {
      throw new ProtocolException(
          AAbort.INVALID_PDU_PARAMETER_VALUE, Pdu.name(type) + " length " + length + " exceeds the limit of " + limit);
    }
    if (type != Pdu.P_DATA_TF && limit == 4 && length != 4) {
      throw new ProtocolException(AAbort.INVALID_PDU_PARAMETER_VALUE, Pdu.name(type) + " length " + length + " is not 4");
    }
    return new Header(type, length);
  }

  /** Reads and decodes the body that follows {@code header}. */
  public static Pdu readBody(InputStream in, Header header) throws IOException {
    return decode(header.type(), readFully(in, (int) header.length()));
  }

  /**
   * Reads a P-DATA-TF body into {@code buffer} (reused from PDU to PDU by the caller) when it fits,
   * otherwise into a new array; the values of the result refer to that array.
   */
  public static PDataTF readPData(InputStream in, Header header, byte[] buffer) throws IOException {
    int n = (int) header.length();
    byte[] b = n <= buffer.length ? buffer : new byte[n];
    int got = in.readNBytes(b, 0, n);
    if (got < n) {
      throw new EOFException("connection closed inside a PDU (" + got + " of " + n + " bytes)");
    }
    return decodePData(new Cursor(b, 0, n));
  }

  /** Reads one whole PDU; null at a clean end of stream. */
  public static Pdu read(InputStream in, int maxPDataLength) throws IOException {
    Header h = readHeader(in, maxPDataLength);
    return h == null ? null : readBody(in, h);
  }

  static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = new byte[n]; // n was checked against the limit: straight into place, no chunk copies
    int got = in.readNBytes(b, 0, n);
    if (got < n) {
      throw new EOFException("connection closed inside a PDU (" + got + " of " + n + " bytes)");
    }
    return b;
  }

  /** Decodes a PDU body of the given type. */
  public static Pdu decode(int type, byte[] body) throws ProtocolException {
    Cursor c = new Cursor(body, 0, body.length);
    return switch (type) {
      case Pdu.A_ASSOCIATE_RQ -> decodeRQ(c);
      case Pdu.A_ASSOCIATE_AC -> decodeAC(c);
      case Pdu.A_ASSOCIATE_RJ -> {
        c.skip(1);
        yield new AAssociateRJ(c.u8(), c.u8(), c.u8());
      }
      case Pdu.P_DATA_TF -> decodePData(c);
      case Pdu.A_RELEASE_RQ -> new AReleaseRQ();
      case Pdu.A_RELEASE_RP -> new AReleaseRP();
      case Pdu.A_ABORT -> {
        c.skip(2);
        yield new AAbort(c.u8(), c.u8());
      }
      default -> throw new ProtocolException(AAbort.UNRECOGNIZED_PDU, Pdu.name(type));
    };
  }

  private static PDataTF decodePData(Cursor c) throws ProtocolException {
    List<PDataTF.Pdv> pdvs = new ArrayList<>(2);
    while (c.remaining() > 0) {
      long len = c.u32();
      if (len < 2 || len > c.remaining()) {
        throw new ProtocolException("PDV item length " + len + " does not fit the P-DATA-TF PDU");
      }
      int pcid = c.u8();
      int mch = c.u8();
      if ((pcid & 1) == 0 || (mch & 0xFC) != 0) {
        throw new ProtocolException(String.format("invalid PDV header: context %d, control 0x%02X", pcid, mch));
      }
      int n = (int) len - 2;
      pdvs.add(new PDataTF.Pdv(pcid, (mch & 1) != 0, (mch & 2) != 0, c.buf, c.pos, n));
      c.skip(n);
    }
    if (pdvs.isEmpty()) {
      throw new ProtocolException("P-DATA-TF without a presentation data value");
    }
    return new PDataTF(pdvs);
  }

  private record Fixed(int version, String called, String calling) {}

  private static Fixed fixedFields(Cursor c) throws ProtocolException {
    int version = c.u16();
    c.skip(2);
    String called = c.ascii(16).strip();
    String calling = c.ascii(16).strip();
    c.skip(32);
    return new Fixed(version, called, calling);
  }

  private static AAssociateRQ decodeRQ(Cursor c) throws ProtocolException {
    Fixed f = fixedFields(c);
    String appContext = null;
    List<PresentationContextRQ> pcs = new ArrayList<>();
    UserInformation ui = null;
    while (c.remaining() > 0) {
      int itemType = c.u8();
      c.skip(1);
      Cursor item = c.sub(c.u16());
      switch (itemType) {
        case 0x10 -> appContext = item.uid(item.remaining());
        case 0x20 -> pcs.add(decodePcRQ(item));
        case 0x50 -> ui = decodeUserInfo(item);
        default -> throw new ProtocolException(
            AAbort.UNRECOGNIZED_PDU_PARAMETER, String.format("unknown item type 0x%02X in A-ASSOCIATE-RQ", itemType));
      }
    }
    if (appContext == null || ui == null) {
      throw new ProtocolException(AAbort.UNEXPECTED_PDU_PARAMETER, "A-ASSOCIATE-RQ without application context or user information");
    }
    return new AAssociateRQ(f.version, f.called, f.calling, appContext, pcs, ui);
  }

  private static PresentationContextRQ decodePcRQ(Cursor c) throws ProtocolException {
    int id = c.u8();
    c.skip(3);
    String as = null;
    List<String> ts = new ArrayList<>();
    while (c.remaining() > 0) {
      int t = c.u8();
      c.skip(1);
      Cursor sub = c.sub(c.u16());
      String uid = sub.uid(sub.remaining());
      if (t == 0x30) {
        as = uid;
      } else if (t == 0x40) {
        ts.add(uid);
      } else {
        throw new ProtocolException(AAbort.UNRECOGNIZED_PDU_PARAMETER, String.format("unknown sub-item 0x%02X in presentation context", t));
      }
    }
    if (as == null) {
      throw new ProtocolException("presentation context " + id + " without abstract syntax");
    }
    return new PresentationContextRQ(id, as, ts);
  }

  private static AAssociateAC decodeAC(Cursor c) throws ProtocolException {
    Fixed f = fixedFields(c);
    String appContext = null;
    List<PresentationContextAC> pcs = new ArrayList<>();
    UserInformation ui = null;
    while (c.remaining() > 0) {
      int itemType = c.u8();
      c.skip(1);
      Cursor item = c.sub(c.u16());
      switch (itemType) {
        case 0x10 -> appContext = item.uid(item.remaining());
        case 0x21 -> {
          int id = item.u8();
          item.skip(1);
          int result = item.u8();
          item.skip(1);
          String ts = "";
          while (item.remaining() > 0) {
            int t = item.u8();
            item.skip(1);
            Cursor sub = item.sub(item.u16());
            if (t == 0x40) {
              ts = sub.uid(sub.remaining());
            }
          }
          pcs.add(new PresentationContextAC(id, result, ts));
        }
        case 0x50 -> ui = decodeUserInfo(item);
        default -> throw new ProtocolException(
            AAbort.UNRECOGNIZED_PDU_PARAMETER, String.format("unknown item type 0x%02X in A-ASSOCIATE-AC", itemType));
      }
    }
    if (appContext == null || ui == null) {
      throw new ProtocolException(AAbort.UNEXPECTED_PDU_PARAMETER, "A-ASSOCIATE-AC without application context or user information");
    }
    return new AAssociateAC(f.version, f.called, f.calling, appContext, pcs, ui);
  }

  private static UserInformation decodeUserInfo(Cursor c) throws ProtocolException {
    int maxLength = 0;
    String implUid = "";
    String version = null;
    UserInformation.AsyncOpsWindow async = null;
    List<RoleSelection> roles = new ArrayList<>();
    List<ExtendedNegotiation> ext = new ArrayList<>();
    UserIdentity identity = null;
    byte[] identityResponse = null;
    while (c.remaining() > 0) {
      int t = c.u8();
      c.skip(1);
      Cursor s = c.sub(c.u16());
      switch (t) {
        case 0x51 -> maxLength = (int) Math.min(s.u32(), Integer.MAX_VALUE);
        case 0x52 -> implUid = s.uid(s.remaining());
        case 0x53 -> async = new UserInformation.AsyncOpsWindow(s.u16(), s.u16());
        case 0x54 -> roles.add(new RoleSelection(s.uid(s.u16()), s.u8() != 0, s.u8() != 0));
        case 0x55 -> version = s.ascii(s.remaining()).strip();
        case 0x56 -> ext.add(new ExtendedNegotiation(s.uid(s.u16()), s.bytes(s.remaining())));
        case 0x58 -> {
          int type = s.u8();
          boolean positive = s.u8() != 0;
          byte[] primary = s.bytes(s.u16());
          byte[] secondary = s.bytes(s.u16());
          identity = new UserIdentity(type, positive, primary, secondary);
        }
        case 0x59 -> identityResponse = s.bytes(s.u16());
        default -> {
          // 0x57 (common extended negotiation) and unknown sub-items: ignored, PS3.7 D.3.3
        }
      }
    }
    return new UserInformation(
        maxLength, implUid, Optional.ofNullable(version), Optional.ofNullable(async), roles, ext,
        Optional.ofNullable(identity), Optional.ofNullable(identityResponse));
  }

  // ---------------------------------------------------------------- encoding

  /** Encodes a whole PDU, header included. */
  public static byte[] encode(Pdu pdu) {
    Out o = new Out();
    o.u8(pdu.type());
    o.u8(0);
    o.u32(0); // patched below
    switch (pdu) {
      case AAssociateRQ rq -> {
        fixed(o, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
        uidItem(o, 0x10, rq.applicationContext());
        for (PresentationContextRQ pc : rq.presentationContexts()) {
          int start = o.beginItem(0x20);
          o.u8(pc.id());
          o.u8(0);
          o.u8(0);
          o.u8(0);
          uidItem(o, 0x30, pc.abstractSyntax());
          for (String ts : pc.transferSyntaxes()) {
            uidItem(o, 0x40, ts);
          }
          o.endItem(start);
        }
        userInfo(o, rq.userInformation());
      }
      case AAssociateAC ac -> {
        fixed(o, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
        uidItem(o, 0x10, ac.applicationContext());
        for (PresentationContextAC pc : ac.presentationContexts()) {
          int start = o.beginItem(0x21);
          o.u8(pc.id());
          o.u8(0);
          o.u8(pc.result());
          o.u8(0);
          uidItem(o, 0x40, pc.transferSyntax() == null ? "" : pc.transferSyntax());
          o.endItem(start);
        }
        userInfo(o, ac.userInformation());
      }
      case AAssociateRJ rj -> {
        o.u8(0);
        o.u8(rj.result());
        o.u8(rj.source());
        o.u8(rj.reason());
      }
      case PDataTF p -> {
        for (PDataTF.Pdv v : p.pdvs()) {
          o.u32(v.length() + 2);
          o.u8(v.presentationContextId());
          o.u8(v.controlHeader());
          o.write(v.buffer(), v.offset(), v.length());
        }
      }
      case AReleaseRQ r -> o.u32(0);
      case AReleaseRP r -> o.u32(0);
      case AAbort a -> {
        o.u8(0);
        o.u8(0);
        o.u8(a.source());
        o.u8(a.reason());
      }
    }
    byte[] b = o.toByteArray();
    int len = b.length - 6;
    b[2] = (byte) (len >>> 24);
    b[3] = (byte) (len >>> 16);
    b[4] = (byte) (len >>> 8);
    b[5] = (byte) len;
    return b;
  }

  /** Writes a whole PDU; does not flush. */
  public static void write(Pdu pdu, OutputStream out) throws IOException {
    out.write(encode(pdu));
  }

  private static void fixed(Out o, int version, String called, String calling) {
    o.u16(version);
    o.u16(0);
    o.aeTitle(called);
    o.aeTitle(calling);
    o.write(new byte[32], 0, 32);
  }

  private static void uidItem(Out o, int type, String uid) {
    byte[] b = uid.getBytes(StandardCharsets.US_ASCII);
    o.u8(type);
    o.u8(0);
    o.u16(b.length);
    o.write(b, 0, b.length);
  }

  private static void userInfo(Out o, UserInformation ui) {
    int start = o.beginItem(0x50);
    o.u8(0x51);
    o.u8(0);
    o.u16(4);
    o.u32(ui.maxPduLength());
    uidItem(o, 0x52, ui.implementationClassUid());
    ui.asyncOpsWindow().ifPresent(w -> {
      o.u8(0x53);
      o.u8(0);
      o.u16(4);
      o.u16(w.maxInvoked());
      o.u16(w.maxPerformed());
    });
    for (RoleSelection r : ui.roleSelections()) {
      byte[] uid = r.sopClassUid().getBytes(StandardCharsets.US_ASCII);
      int s = o.beginItem(0x54);
      o.u16(uid.length);
      o.write(uid, 0, uid.length);
      o.u8(r.scu() ? 1 : 0);
      o.u8(r.scp() ? 1 : 0);
      o.endItem(s);
    }
    ui.implementationVersionName().ifPresent(v -> uidItem(o, 0x55, v));
    for (ExtendedNegotiation e : ui.extendedNegotiations()) {
      byte[] uid = e.sopClassUid().getBytes(StandardCharsets.US_ASCII);
      byte[] info = e.info();
      int s = o.beginItem(0x56);
      o.u16(uid.length);
      o.write(uid, 0, uid.length);
      o.write(info, 0, info.length);
      o.endItem(s);
    }
    ui.userIdentity().ifPresent(id -> {
      byte[] p = id.primary();
      byte[] q = id.secondary();
      int s = o.beginItem(0x58);
      o.u8(id.type());
      o.u8(id.positiveResponseRequested() ? 1 : 0);
      o.u16(p.length);
      o.write(p, 0, p.length);
      o.u16(q.length);
      o.write(q, 0, q.length);
      o.endItem(s);
    });
    ui.userIdentityResponse().ifPresent(r -> {
      int s = o.beginItem(0x59);
      o.u16(r.length);
      o.write(r, 0, r.length);
      o.endItem(s);
    });
    o.endItem(start);
  }

  /** A growable big-endian buffer with back-patched 16-bit item lengths. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(256);
    }

    void u8(int v) {
      write(v);
    }

    void u16(int v) {
      write(v >>> 8);
      write(v);
    }

    void u32(long v) {
      u16((int) (v >>> 16));
      u16((int) v);
    }

    void aeTitle(String ae) {
      byte[] b = new byte[16];
      java.util.Arrays.fill(b, (byte) ' ');
      byte[] s = ae.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(s, 0, b, 0, Math.min(16, s.length));
      write(b, 0, 16);
    }

    int beginItem(int type) {
      u8(type);
      u8(0);
      u16(0);
      return count;
    }

    void endItem(int start) {
      int len = count - start;
      if (len > 0xFFFF) {
        throw new IllegalArgumentException("item longer than 65535 bytes");
      }
      buf[start - 2] = (byte) (len >>> 8);
      buf[start - 1] = (byte) len;
    }
  }

  /** A bounds-checked big-endian reader over a slice; overruns are protocol errors. */
  private static final class Cursor {
    final byte[] buf;
    int pos;
    final int end;

    Cursor(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    int remaining() {
      return end - pos;
    }

    private void need(int n) throws ProtocolException {
      if (n < 0 || n > end - pos) {
        throw new ProtocolException(AAbort.INVALID_PDU_PARAMETER_VALUE, "item overruns its PDU or parent item");
      }
    }

    void skip(int n) throws ProtocolException {
      need(n);
      pos += n;
    }

    int u8() throws ProtocolException {
      need(1);
      return buf[pos++] & 0xFF;
    }

    int u16() throws ProtocolException {
      need(2);
      int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    long u32() throws ProtocolException {
      need(4);
      long v = ((buf[pos] & 0xFFL) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    Cursor sub(int n) throws ProtocolException {
      need(n);
      Cursor c = new Cursor(buf, pos, pos + n);
      pos += n;
      return c;
    }

    byte[] bytes(int n) throws ProtocolException {
      need(n);
      byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    String ascii(int n) throws ProtocolException {
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
      pos += n;
      return s;
    }

    /** A UID, with trailing NUL or space padding removed. */
    String uid(int n) throws ProtocolException {
      String s = ascii(n);
      int e = s.length();
      while (e > 0 && (s.charAt(e - 1) == 0 || s.charAt(e - 1) == ' ')) {
        e--;
      }
      return s.substring(0, e);
    }
  }
}
