package org.linnea.net.dimse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.linnea.dicom.Tag;
import org.linnea.net.pdu.AAbort;
import org.linnea.net.pdu.ProtocolException;

/**
 * A DIMSE command set (PS3.7 section 6.3 and E.1): elements of group 0000 in Implicit VR Little
 * Endian, led by Command Group Length. Values are kept as encoded bytes and typed by the accessor
 * used (strings are UI, AE, LO; numbers US or UL by length; AT for Offending Element).
 *
 * <p>Why not the core's data set: a command set is flat, in one fixed encoding, and limited to a
 * dozen tags of one group; a codec of its own is small, fast, and gives the fuzz tests a narrow
 * surface. Command Data Set Type 0x0101 means "no data set" (PS3.7 E.1).
 *
 * <p>Mutable while being built; not thread-safe.
 */
public final class Command {
  /** Command Data Set Type value for "no data set". */
  public static final int NO_DATA_SET = 0x0101;

  /** Largest command set accepted; real ones are a few hundred bytes. */
  public static final int MAX_LENGTH = 64 * 1024;

  public static final int PRIORITY_MEDIUM = 0;
  public static final int PRIORITY_HIGH = 1;
  public static final int PRIORITY_LOW = 2;

  private final TreeMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

  public Command() {}

  // ------------------------------------------------------------------ factories

  /** A request: command field, message ID, affected SOP class, and whether a data set follows. */
  public static Command request(Dimse type, int messageId, String sopClassUid, boolean dataSet) {
    Command c = new Command();
    c.setString(Tag.AffectedSOPClassUID, sopClassUid);
    c.setUS(Tag.CommandField, type.commandField);
    c.setUS(Tag.MessageID, messageId);
    if (type != Dimse.C_ECHO_RQ) {
      c.setUS(Tag.Priority, PRIORITY_MEDIUM);
    }
    c.setUS(Tag.CommandDataSetType, dataSet ? 0 : NO_DATA_SET);
    return c;
  }

  /** The response to {@code rq} with {@code status}; copies the affected SOP class and instance. */
  public static Command response(Command rq, int status, boolean dataSet) {
    Command c = new Command();
    rq.getString(Tag.AffectedSOPClassUID).ifPresent(v -> c.setString(Tag.AffectedSOPClassUID, v));
    c.setUS(Tag.CommandField, rq.commandField() | 0x8000);
    c.setUS(Tag.MessageIDBeingRespondedTo, rq.messageId());
    c.setUS(Tag.CommandDataSetType, dataSet ? 0 : NO_DATA_SET);
    c.setUS(Tag.Status, status);
    rq.getString(Tag.AffectedSOPInstanceUID).ifPresent(v -> c.setString(Tag.AffectedSOPInstanceUID, v));
    return c;
  }

  /** A C-CANCEL-RQ for the operation with message ID {@code messageId}. */
  public static Command cancel(int messageId) {
    Command c = new Command();
    c.setUS(Tag.CommandField, Dimse.C_CANCEL_RQ.commandField);
    c.setUS(Tag.MessageIDBeingRespondedTo, messageId);
    c.setUS(Tag.CommandDataSetType, NO_DATA_SET);
    return c;
  }

  // ------------------------------------------------------------------ typed access

  public int commandField() {
    return getInt(Tag.CommandField).orElse(-1);
  }

  public Dimse type() {
    return Dimse.of(commandField());
  }

  public int messageId() {
    return getInt(Tag.MessageID).orElse(-1);
  }

  public int messageIdBeingRespondedTo() {
    return getInt(Tag.MessageIDBeingRespondedTo).orElse(-1);
  }

  public int status() {
    return getInt(Tag.Status).orElse(-1);
  }

  public boolean hasDataSet() {
    return getInt(Tag.CommandDataSetType).orElse(NO_DATA_SET) != NO_DATA_SET;
  }

  public boolean isResponse() {
    return (commandField() & 0x8000) != 0;
  }

  public Optional<String> affectedSopClassUid() {
    return getString(Tag.AffectedSOPClassUID);
  }

  public Optional<String> affectedSopInstanceUid() {
    return getString(Tag.AffectedSOPInstanceUID);
  }

  public boolean contains(int tag) {
    return elements.containsKey(tag);
  }

  /** A text value with trailing spaces and NULs removed; empty when absent or zero-length. */
  public Optional<String> getString(int tag) {
    byte[] v = elements.get(tag);
    if (v == null) {
      return Optional.empty();
    }
    int end = v.length;
    while (end > 0 && (v[end - 1] == 0 || v[end - 1] == ' ')) {
      end--;
    }
    int start = 0;
    while (start < end && v[start] == ' ') {
      start++;
    }
    return end > start ? Optional.of(new String(v, start, end - start, StandardCharsets.US_ASCII)) : Optional.empty();
  }

  /** A US (2-byte) or UL (4-byte) value. */
  public OptionalInt getInt(int tag) {
    byte[] v = elements.get(tag);
    if (v == null) {
      return OptionalInt.empty();
    }
    if (v.length == 2) {
      return OptionalInt.of((v[0] & 0xFF) | (v[1] & 0xFF) << 8);
    }
    if (v.length == 4) {
      return OptionalInt.of((v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24);
    }
    return OptionalInt.empty();
  }

  /** The tags of an AT value (Offending Element). */
  public int[] getTags(int tag) {
    byte[] v = elements.getOrDefault(tag, new byte[0]);
    int[] t = new int[v.length / 4];
    for (int i = 0; i < t.length; i++) {
      int o = i * 4;
      int group = (v[o] & 0xFF) | (v[o + 1] & 0xFF) << 8;
      int elem = (v[o + 2] & 0xFF) | (v[o + 3] & 0xFF) << 8;
      t[i] = group << 16 | elem;
    }
    return t;
  }

  /** Sets a text value (UI padded with NUL, others with a space, to even length). */
  public Command setString(int tag, String value) {
    byte[] s = value.getBytes(StandardCharsets.US_ASCII);
    byte[] v = s;
    if ((s.length & 1) != 0) {
      v = java.util.Arrays.copyOf(s, s.length + 1);
      v[s.length] = isUid(tag) ? 0 : (byte) ' ';
    }
    elements.put(tag, v);
    return this;
  }

  private static boolean isUid(int tag) {
    return tag == Tag.AffectedSOPClassUID || tag == Tag.AffectedSOPInstanceUID || tag == 0x00000003
        || tag == 0x00001001;
  }

  public Command setUS(int tag, int value) {
    elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8)});
    return this;
  }

  public Command setUL(int tag, int value) {
    elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    return this;
  }

  public Command setTags(int tag, int... tags) {
    byte[] v = new byte[tags.length * 4];
    for (int i = 0; i < tags.length; i++) {
      int g = tags[i] >>> 16;
      int e = tags[i] & 0xFFFF;
      v[i * 4] = (byte) g;
      v[i * 4 + 1] = (byte) (g >>> 8);
      v[i * 4 + 2] = (byte) e;
      v[i * 4 + 3] = (byte) (e >>> 8);
    }
    elements.put(tag, v);
    return this;
  }

  public Command remove(int tag) {
    elements.remove(tag);
    return this;
  }

  /** Sub-operation counts of a C-MOVE or C-GET response. */
  public Command setSubOperations(int remaining, int completed, int failed, int warning) {
    if (remaining >= 0) {
      setUS(Tag.NumberOfRemainingSuboperations, remaining);
    } else {
      remove(Tag.NumberOfRemainingSuboperations);
    }
    setUS(Tag.NumberOfCompletedSuboperations, completed);
    setUS(Tag.NumberOfFailedSuboperations, failed);
    setUS(Tag.NumberOfWarningSuboperations, warning);
    return this;
  }

  // ------------------------------------------------------------------ codec

  /** Encodes in Implicit VR Little Endian, Command Group Length first. */
  public byte[] encode() {
    int len = 0;
    for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
      if (e.getKey() != Tag.CommandGroupLength) {
        len += 8 + e.getValue().length;
      }
    }
    byte[] b = new byte[12 + len];
    int p = header(b, 0, Tag.CommandGroupLength, 4);
    b[p] = (byte) len;
    b[p + 1] = (byte) (len >>> 8);
    b[p + 2] = (byte) (len >>> 16);
    b[p + 3] = (byte) (len >>> 24);
    p += 4;
    for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
      if (e.getKey() != Tag.CommandGroupLength) {
        byte[] v = e.getValue();
        p = header(b, p, e.getKey(), v.length);
        System.arraycopy(v, 0, b, p, v.length);
        p += v.length;
      }
    }
    return b;
  }

  private static int header(byte[] b, int p, int tag, int len) {
    b[p] = (byte) (tag >>> 16);
    b[p + 1] = (byte) (tag >>> 24);
    b[p + 2] = (byte) tag;
    b[p + 3] = (byte) (tag >>> 8);
    b[p + 4] = (byte) len;
    b[p + 5] = (byte) (len >>> 8);
    b[p + 6] = (byte) (len >>> 16);
    b[p + 7] = (byte) (len >>> 24);
    return p + 8;
  }

  /**
   * Decodes a command set. Command Group Length is checked when present; elements outside group
   * 0000, undefined lengths and overruns are protocol errors.
   */
  public static Command decode(byte[] b, int off, int len) throws ProtocolException {
    if (off < 0 || len < 0 || off + len > b.length) {
      throw new IllegalArgumentException("slice outside the array");
    }
    if (len > MAX_LENGTH) {
      throw new ProtocolException(AAbort.INVALID_PDU_PARAMETER_VALUE, "command set of " + len + " bytes");
    }
    Command c = new Command();
    int p = off;
    int end = off + len;
    while (p < end) {
      if (end - p < 8) {
        throw new ProtocolException("truncated element header in command set");
      }
      int group = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
      int elem = (b[p + 2] & 0xFF) | (b[p + 3] & 0xFF) << 8;
      long vl = (b[p + 4] & 0xFFL) | (b[p + 5] & 0xFFL) << 8 | (b[p + 6] & 0xFFL) << 16 | (b[p + 7] & 0xFFL) << 24;
      p += 8;
      if (group != 0) {
        throw new ProtocolException(String.format("element (%04X,%04X) outside the command group", group, elem));
      }
      if (vl > end - p) {
        throw new ProtocolException(String.format("element (0000,%04X) of length %d overruns the command set", elem, vl));
      }
      c.elements.put(elem, java.util.Arrays.copyOfRange(b, p, p + (int) vl));
      p += (int) vl;
    }
    if (!c.contains(Tag.CommandField)) {
      throw new ProtocolException("command set without Command Field");
    }
    OptionalInt groupLength = c.getInt(Tag.CommandGroupLength);
    if (groupLength.isPresent() && c.elements.firstKey() == Tag.CommandGroupLength) {
      int expected = len - 12;
      if (groupLength.getAsInt() != expected) {
        throw new ProtocolException("Command Group Length " + groupLength.getAsInt() + " but " + expected + " bytes follow");
      }
    }
    return c;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(Dimse.name(commandField()));
    getInt(Tag.MessageID).ifPresent(v -> sb.append(" id=").append(v));
    getInt(Tag.MessageIDBeingRespondedTo).ifPresent(v -> sb.append(" rsp-to=").append(v));
    getInt(Tag.Status).ifPresent(v -> sb.append(String.format(" status=%04X", v)));
    return sb.toString();
  }
}
