package org.linnea.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;

/**
 * A query at one level of the hierarchy: which attributes to match and how, which to return, and
 * which page of the answers. C-FIND identifiers ({@link #fromIdentifier}) and QIDO-RS query
 * parameters are two encodings of it.
 *
 * @param level the Query/Retrieve Level
 * @param organisation the organisation whose data is searched
 * @param keys matching keys by tag (keys with universal matching may be left out)
 * @param returnTags the attributes each answer carries (the unique keys of the level and above are
 *     added)
 * @param limit the largest number of answers; 0 for no limit
 * @param offset how many answers to skip
 */
public record Query(Level level, long organisation, Map<Integer, Matching> keys, List<Integer> returnTags, int limit, int offset) {
  public Query {
    keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    returnTags = List.copyOf(returnTags);
    if (limit < 0 || offset < 0) throw new IllegalArgumentException("negative limit or offset");
  }

  public static Query of(Level level, long organisation) {
    return new Query(level, organisation, Map.of(), List.of(), 0, 0);
  }

  public Query match(int tag, Matching m) {
    Map<Integer, Matching> k = new LinkedHashMap<>(keys);
    k.put(tag, m);
    return new Query(level, organisation, k, returnTags, limit, offset);
  }

  /** Adds a key from a query value, matching as {@link Matching#of} decides for the tag's VR. */
  public Query match(int tag, String value) {
    return match(tag, Matching.of(vrOf(tag), value));
  }

  public Query returning(int... tags) {
    List<Integer> r = new ArrayList<>(returnTags);
    for (int t : tags) if (!r.contains(t)) r.add(t);
    return new Query(level, organisation, keys, r, limit, offset);
  }

  public Query page(int newLimit, int newOffset) {
    return new Query(level, organisation, keys, returnTags, newLimit, newOffset);
  }

  public Query atLevel(Level l) {
    return new Query(l, organisation, keys, returnTags, limit, offset);
  }

  /**
   * The query of a C-FIND identifier: the level from Query/Retrieve Level (0008,0052); every
   * other element a return key, and a matching key when it has a value. Sequences are return
   * keys only.
   *
   * @throws IllegalArgumentException without a valid Query/Retrieve Level
   */
  public static Query fromIdentifier(Dataset identifier, long organisation) {
    String lv = identifier.getString(Tag.QueryRetrieveLevel).orElseThrow(() -> new IllegalArgumentException("no Query/Retrieve Level (0008,0052)"));
    Level level = Level.of(lv).orElseThrow(() -> new IllegalArgumentException("invalid Query/Retrieve Level: " + lv));
    Map<Integer, Matching> keys = new LinkedHashMap<>();
    List<Integer> ret = new ArrayList<>();
    for (int i = 0; i < identifier.size(); i++) {
      int tag = identifier.tagAt(i);
      if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet || (tag >>> 16) == 0x0002) continue;
      ret.add(tag);
      if (identifier.valueAt(i) instanceof byte[]) {
        String v = identifier.getText(tag).orElse(null);
        Matching m = Matching.of(identifier.vrAt(i).name(), v);
        if (!(m instanceof Matching.Universal)) keys.put(tag, m);
      }
    }
    return new Query(level, organisation, keys, ret, 0, 0);
  }

  static String vrOf(int tag) {
    return ElementDictionary.standard().vrOf(tag).name();
  }
}
