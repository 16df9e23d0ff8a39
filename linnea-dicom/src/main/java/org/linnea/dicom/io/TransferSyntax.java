package org.linnea.dicom.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.linnea.dicom.UID;
import org.linnea.dicom.UIDs;

/**
 * How a dataset is encoded (PS3.5 section 10): VR explicit or implicit, byte order, whether the
 * stream after the file meta information is deflated, and whether pixel data is encapsulated.
 * Every transfer syntax other than the four native ones encapsulates pixel data.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
  @SuppressWarnings("deprecation")
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN = new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);

  private static final Map<String, TransferSyntax> KNOWN = new ConcurrentHashMap<>();

  static {
    for (TransferSyntax ts : new TransferSyntax[] {IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN}) {
      KNOWN.put(ts.uid(), ts);
    }
  }

  /**
   * The transfer syntax for a UID. Unknown UIDs are taken as explicit VR little endian with
   * encapsulated pixel data, which is how every compressed transfer syntax is encoded; use
   * {@link #isKnown(String)} to tell.
   */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = KNOWN.get(uid);
    if (ts != null) {
      return ts;
    }
    // JPIP referenced syntaxes carry no pixel data but are encoded like the rest.
    boolean deflate = uid.equals("1.2.840.10008.1.2.4.95") || uid.equals("1.2.840.10008.1.2.1.99");
    TransferSyntax made = new TransferSyntax(uid, true, false, deflate, true);
    // Only registered UIDs are cached: a peer proposing made-up UIDs must not grow the map.
    return isKnown(uid) ? KNOWN.computeIfAbsent(uid, u -> made) : made;
  }

  /** True when the UID is a transfer syntax in the registry of PS3.6. */
  public static boolean isKnown(String uid) {
    return UIDs.lookup(uid).map(e -> e.type().equals("Transfer Syntax")).orElse(false);
  }

  /** True for the four uncompressed (native pixel data) transfer syntaxes. */
  public boolean isNative() {
    return !encapsulated;
  }

  /** The registered name, such as "Explicit VR Little Endian". */
  public String name() {
    return UIDs.nameOf(uid);
  }

  @Override
  public String toString() {
    return name() + " (" + uid + ")";
  }
}
