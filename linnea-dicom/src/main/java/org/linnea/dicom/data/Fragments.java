package org.linnea.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.linnea.dicom.VR;

/**
 * Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item (possibly empty) followed by
 * fragments, each kept byte for byte as read, in memory ({@code byte[]}) or on disk
 * ({@link BulkData}).
 */
public final class Fragments {
  private final VR vr;
  private final List<Object> items = new ArrayList<>();

  public Fragments(VR vr) {
    this.vr = vr;
  }

  /** The VR written in explicit VR headers (OB, per PS3.5 A.4; some old files say OW). */
  public VR vr() {
    return vr;
  }

  /** Adds an item: a {@code byte[]} or a {@link BulkData}. The first is the offset table. */
  public void add(Object item) {
    if (!(item instanceof byte[]) && !(item instanceof BulkData)) {
      throw new IllegalArgumentException("a fragment is byte[] or BulkData, not " + item.getClass().getName());
    }
    items.add(item);
  }

  /** Items in order: offset table first, then fragments; {@code byte[]} or {@link BulkData}. */
  public List<Object> items() {
    return Collections.unmodifiableList(items);
  }

  public int size() {
    return items.size();
  }

  /** Length in bytes of item {@code i}. */
  public long itemLength(int i) {
    Object o = items.get(i);
    return o instanceof byte[] b ? b.length : ((BulkData) o).length();
  }
}
