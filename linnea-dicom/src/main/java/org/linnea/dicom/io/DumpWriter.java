package org.linnea.dicom.io;

import java.io.IOException;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tags;
import org.linnea.dicom.UIDs;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.BulkData;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.data.Sequence;

/**
 * A readable listing of a dataset, one element per line, in the layout of DCMTK's dcmdump so
 * that administrators who know one can read the other:
 *
 * <pre>
 * (0010,0010) PN [Yamada^Tarou]                           #  12, 1 PatientName
 * (0008,1140) SQ (Sequence with undefined length #=1)     # u/l, 1 ReferencedImageSequence
 *   (fffe,e000) na (Item with undefined length #=2)         # u/l, 1 Item
 * </pre>
 *
 * Text is shown decoded with the Specific Character Set; binary values as numbers; OB, OW and
 * other raw values as hexadecimal, shortened after {@code maxBinaryValues} values unless that is
 * negative.
 */
public final class DumpWriter {
  private static final ElementDictionary DICT = ElementDictionary.standard();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Appendable out;
  private final int maxBinaryValues;
  private final int maxTextLength;
  private final StringBuilder line = new StringBuilder(160);
  private boolean uidNames = true;

  /**
   * @param maxBinaryValues how many values of OB/OW/OF/… to print before "..."; -1 for all
   * @param maxTextLength longest text shown before "..."; -1 for all
   */
  public DumpWriter(Appendable out, int maxBinaryValues, int maxTextLength) {
    this.out = out;
    this.maxBinaryValues = maxBinaryValues;
    this.maxTextLength = maxTextLength;
  }

  /** Whether registered UIDs are shown by keyword ("=CTImageStorage", the default) or number. */
  public DumpWriter uidNames(boolean names) {
    this.uidNames = names;
    return this;
  }

  /** Prints a file as dcmdump does: the meta header, then the dataset. */
  public void print(DicomFile file) throws IOException {
    out.append("\n# Dicom-File-Format\n\n");
    if (!file.fileMeta().isEmpty()) {
      out.append("# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
      print(file.fileMeta(), 0);
      out.append('\n');
    }
    out.append("# Dicom-Data-Set\n# Used TransferSyntax: ").append(file.transferSyntax().name()).append('\n');
    print(file.dataset(), 0);
  }

  /** Prints the elements of a dataset at the given nesting level. */
  public void print(Dataset ds, int level) throws IOException {
    for (int i = 0, n = ds.size(); i < n; i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      Object v = ds.valueAt(i);
      line.setLength(0);
      indent(level);
      tag(tag);
      line.append(' ').append(vr.name()).append(' ');
      switch (v) {
        case Sequence s -> {
          line.append("(Sequence with ").append(s.undefinedLength() ? "undefined" : "explicit").append(" length #=").append(s.size()).append(')');
          finish(s.undefinedLength() ? -1 : DicomWriter.elementLength(ds, i, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) - 12, 1, tag);
          for (Dataset item : s) {
            line.setLength(0);
            indent(level + 1);
            line.append("(fffe,e000) na (Item with ").append(item.undefinedLength() ? "undefined" : "explicit")
                .append(" length #=").append(item.size()).append(')');
            finish(item.undefinedLength() ? -1 : DicomWriter.datasetLength(item, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), 1, Tags.Item);
            print(item, level + 2);
            if (item.undefinedLength()) {
              line.setLength(0);
              indent(level + 1);
              line.append("(fffe,e00d) na (ItemDelimitationItem)");
              finish(0, 0, Tags.ItemDelimitationItem);
            }
          }
          if (s.undefinedLength()) {
            line.setLength(0);
            indent(level);
            line.append("(fffe,e0dd) na (SequenceDelimitationItem)");
            finish(0, 0, Tags.SequenceDelimitationItem);
          }
        }
        case Fragments f -> {
          line.append("(PixelSequence #=").append(f.size()).append(')');
          finish(-1, 1, tag);
          for (int k = 0; k < f.size(); k++) {
            line.setLength(0);
            indent(level + 1);
            line.append("(fffe,e000) pi ");
            Object item = f.items().get(k);
            if (item instanceof byte[] b) {
              hex(b, 1, false);
            } else {
              line.append("(bulk data, ").append(((BulkData) item).length()).append(" bytes in file)");
            }
            finish(f.itemLength(k), 1, Tags.Item);
          }
          line.setLength(0);
          indent(level);
          line.append("(fffe,e0dd) na (SequenceDelimitationItem)");
          finish(0, 0, Tags.SequenceDelimitationItem);
        }
        case BulkData d -> {
          line.append("(not loaded: ").append(d.length()).append(" bytes at offset ").append(d.offset()).append(')');
          finish(d.length(), 1, tag);
        }
        case byte[] b -> {
          int vm = value(ds, i, vr, b);
          finish(b.length, vm, tag);
        }
        default -> throw new IllegalStateException(v.getClass().getName());
      }
    }
  }

  /** Appends the value; returns the value multiplicity. */
  private int value(Dataset ds, int i, VR encoded, byte[] b) {
    if (b.length == 0) {
      line.append("(no value available)");
      return 0;
    }
    // VR UN is shown as the bytes it is, as dcmdump does; Dataset's getters still decode it.
    VR vr = encoded == VR.UN ? VR.UN : ds.decodingVRAt(i);
    if (vr.isString()) {
      String[] values = ds.getStrings(ds.tagAt(i));
      if (uidNames && vr == VR.UI && values.length == 1 && UIDs.lookup(values[0]).isPresent()) {
        line.append('=').append(UIDs.lookup(values[0]).get().keyword());
        return 1;
      }
      line.append('[');
      int start = line.length();
      for (int k = 0; k < values.length; k++) {
        if (k > 0) line.append('\\');
        line.append(values[k]);
      }
      if (maxTextLength >= 0 && line.length() - start > maxTextLength) {
        line.setLength(start + maxTextLength);
        line.append("...");
      }
      line.append(']');
      return values.length;
    }
    switch (vr) {
      case OB, UN -> {
        hex(b, 1, false);
        return 1;
      }
      case OW -> {
        hex(b, 2, ds.isBigEndian());
        return 1;
      }
      case OL, OF -> {
        hex(b, 4, ds.isBigEndian());
        return 1;
      }
      case OD, OV -> {
        hex(b, 8, ds.isBigEndian());
        return 1;
      }
      case AT -> {
        long[] t = ds.getLongs(ds.tagAt(i));
        for (int k = 0; k < t.length; k++) {
          if (k > 0) line.append('\\');
          tag((int) t[k]);
        }
        return t.length;
      }
      default -> {
        String[] s = ds.getStrings(ds.tagAt(i));
        int n = maxBinaryValues >= 0 ? Math.min(s.length, Math.max(maxBinaryValues, 1)) : s.length;
        for (int k = 0; k < n; k++) {
          if (k > 0) line.append('\\');
          line.append(s[k]);
        }
        if (n < s.length) line.append("...");
        return s.length;
      }
    }
  }

  private void hex(byte[] b, int unit, boolean bigEndian) {
    int count = b.length / unit;
    int n = maxBinaryValues >= 0 ? Math.min(count, maxBinaryValues) : count;
    for (int k = 0; k < n; k++) {
      if (k > 0) line.append('\\');
      for (int j = 0; j < unit; j++) {
        int at = bigEndian ? k * unit + j : k * unit + unit - 1 - j;
        line.append(HEX[(b[at] >> 4) & 0xF]).append(HEX[b[at] & 0xF]);
      }
    }
    if (n < count) line.append("...");
  }

  private void tag(int tag) {
    line.append('(');
    hex4(tag >>> 16);
    line.append(',');
    hex4(tag & 0xFFFF);
    line.append(')');
  }

  private void hex4(int v) {
    line.append(HEX[(v >> 12) & 0xF]).append(HEX[(v >> 8) & 0xF]).append(HEX[(v >> 4) & 0xF]).append(HEX[v & 0xF]);
  }

  private void indent(int level) {
    for (int k = 0; k < level; k++) line.append("  ");
  }

  private void finish(long length, int vm, int tag) throws IOException {
    int pad = 56 - line.length();
    for (int k = 0; k < pad; k++) line.append(' ');
    line.append(" # ");
    String len = length < 0 ? "u/l" : Long.toString(length);
    for (int k = len.length(); k < 3; k++) line.append(' ');
    line.append(len).append(',').append(vm < 10 ? " " : "").append(vm).append(' ');
    String keyword = tag == Tags.Item ? "Item" : tag == Tags.ItemDelimitationItem ? "ItemDelimitationItem"
        : tag == Tags.SequenceDelimitationItem ? "SequenceDelimitationItem" : DICT.keywordOf(tag);
    line.append(keyword.isEmpty() ? (Tags.isPrivate(tag) ? "PrivateTag" : "Unknown Tag & Data") : keyword).append('\n');
    out.append(line);
  }
}
