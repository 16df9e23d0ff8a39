package org.linnea.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The items of a sequence (SQ) attribute. Remembers whether it was encoded with undefined length
 * and whether it arrived as VR UN (an implicit-VR sequence inside explicit VR, PS3.5 6.2.2), so
 * that writing it back in the same transfer syntax gives the same bytes.
 */
public final class Sequence extends AbstractList<Dataset> implements RandomAccess {
  private final Dataset parent;
  private final List<Dataset> items;
  private boolean undefinedLength = true;
  private boolean encodedAsUN;

  Sequence(Dataset parent, int capacity) {
    this.parent = parent;
    this.items = new ArrayList<>(capacity);
  }

  /** The dataset this sequence belongs to; items inherit its Specific Character Set. */
  public Dataset parent() {
    return parent;
  }

  /** Appends a new empty item and returns it. */
  public Dataset addItem() {
    Dataset item = new Dataset(parent, parent.isBigEndian());
    items.add(item);
    return item;
  }

  @Override
  public Dataset get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public void add(int index, Dataset item) {
    item.setParent(parent);
    items.add(index, item);
  }

  @Override
  public Dataset set(int index, Dataset item) {
    item.setParent(parent);
    return items.set(index, item);
  }

  @Override
  public Dataset remove(int index) {
    return items.remove(index);
  }

  public boolean undefinedLength() {
    return undefinedLength;
  }

  public void setUndefinedLength(boolean undefinedLength) {
    this.undefinedLength = undefinedLength;
  }

  /** True when read from a VR UN element of undefined length; written back the same way. */
  public boolean encodedAsUN() {
    return encodedAsUN;
  }

  public void setEncodedAsUN(boolean encodedAsUN) {
    this.encodedAsUN = encodedAsUN;
  }
}
