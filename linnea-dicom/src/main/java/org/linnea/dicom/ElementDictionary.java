package org.linnea.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The public data dictionary of PS3.6: for a tag, its VR, VM, keyword and whether it is retired.
 * Loaded once from {@code elements.tsv} (the committed data file the {@link Tag} constants are
 * generated from). Repeating groups (50xx, 60xx, 7Fxx, (0020,31xx)) match any even group in the
 * range; group lengths and private creators are answered by rule.
 *
 * <p>Private data elements are not in this dictionary: their VR is UN unless the file says
 * otherwise.
 */
public final class ElementDictionary {

  /** One entry. {@code vr} is the VR to use when none is encoded; {@code vrs} the standard's text. */
  public record Entry(int tag, VR vr, String vrs, String vm, String keyword, boolean retired, String name) {
    /** True when the standard allows more than one VR ("OB or OW", "US or SS"). */
    public boolean ambiguousVR() {
      return vrs.contains(" or ");
    }
  }

  private static final Entry GROUP_LENGTH = new Entry(0, VR.UL, "UL", "1", "GroupLength", false, "Group Length");
  private static final Entry PRIVATE_CREATOR = new Entry(0, VR.LO, "LO", "1", "PrivateCreator", false, "Private Creator");

  private static final ElementDictionary INSTANCE = load();

  private final int[] tags;
  private final Entry[] entries;
  private final int[] maskTags;
  private final int[] masks;
  private final Entry[] maskEntries;
  private final Map<String, Entry> byKeyword;

  private ElementDictionary(int[] tags, Entry[] entries, int[] maskTags, int[] masks, Entry[] maskEntries) {
    this.tags = tags;
    this.entries = entries;
    this.maskTags = maskTags;
    this.masks = masks;
    this.maskEntries = maskEntries;
    this.byKeyword = new HashMap<>(entries.length * 2);
    for (Entry e : entries) byKeyword.put(e.keyword(), e);
    for (Entry e : maskEntries) byKeyword.put(e.keyword(), e);
  }

  public static ElementDictionary standard() {
    return INSTANCE;
  }

  /** The entry for a tag, or empty for private and unknown tags. */
  public Optional<Entry> entry(int tag) {
    return Optional.ofNullable(find(tag));
  }

  /** The VR to assume for a tag when the encoding carries none (implicit VR): UN if unknown. */
  public VR vrOf(int tag) {
    Entry e = find(tag);
    return e == null ? VR.UN : e.vr();
  }

  /** The keyword, such as "PatientName", or "" for private and unknown tags. */
  public String keywordOf(int tag) {
    Entry e = find(tag);
    return e == null ? "" : e.keyword();
  }

  /** The tag for a keyword ("PatientName"), or empty. Repeating groups give the 0 group (6000). */
  public OptionalInt tagOf(String keyword) {
    Entry e = byKeyword.get(keyword);
    return e == null ? OptionalInt.empty() : OptionalInt.of(e.tag());
  }

  /** Number of entries, counting each repeating-group entry once. */
  public int size() {
    return entries.length + maskEntries.length;
  }

  private Entry find(int tag) {
    int i = Arrays.binarySearch(tags, tag ^ Integer.MIN_VALUE);
    if (i >= 0) {
      return entries[i];
    }
    if ((tag & 0xFFFF) == 0) {
      return GROUP_LENGTH;
    }
    if (Tags.isPrivateCreator(tag)) {
      return PRIVATE_CREATOR;
    }
    if (Tags.isPrivate(tag)) {
      return null;
    }
    for (int m = 0; m < masks.length; m++) {
      if ((tag & masks[m]) == maskTags[m] && ((tag >>> 16) & 1) == 0) {
        return maskEntries[m];
      }
    }
    return null;
  }

  private static ElementDictionary load() {
    try (InputStream in = ElementDictionary.class.getResourceAsStream("elements.tsv")) {
      if (in == null) {
        throw new IllegalStateException("elements.tsv missing from the linnea-dicom jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      int n = 0;
      int[] tags = new int[5120];
      Entry[] entries = new Entry[5120];
      int m = 0;
      int[] maskTags = new int[128];
      int[] masks = new int[128];
      Entry[] maskEntries = new Entry[128];
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.charAt(0) == '#') continue;
        String[] f = line.split("\t", -1);
        String t = f[0].substring(1, 5) + f[0].substring(6, 10);
        int mask = 0;
        int value = 0;
        for (int k = 0; k < 8; k++) {
          char c = t.charAt(k);
          mask <<= 4;
          value <<= 4;
          if (c != 'x') {
            mask |= 0xF;
            value |= Character.digit(c, 16);
          }
        }
        String vrs = f[1];
        VR vr = vrs.isEmpty() ? VR.UN : primaryVR(vrs);
        Entry e = new Entry(value, vr, vrs, f[2], f[3], "Y".equals(f[4]), f.length > 6 ? f[6] : "");
        if (mask == -1) {
          if (n == tags.length) {
            tags = Arrays.copyOf(tags, n * 2);
            entries = Arrays.copyOf(entries, n * 2);
          }
          tags[n] = value ^ Integer.MIN_VALUE; // flip the sign bit so signed order is unsigned order
          entries[n++] = e;
        } else {
          if (m == masks.length) {
            maskTags = Arrays.copyOf(maskTags, m * 2);
            masks = Arrays.copyOf(masks, m * 2);
            maskEntries = Arrays.copyOf(maskEntries, m * 2);
          }
          maskTags[m] = value;
          masks[m] = mask;
          maskEntries[m++] = e;
        }
      }
      // The file is sorted by tag with x as 0; sort again to be safe against hand edits.
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      final int[] keys = tags;
      Arrays.sort(order, (a, b) -> Integer.compare(keys[a], keys[b]));
      int[] sortedTags = new int[n];
      Entry[] sortedEntries = new Entry[n];
      for (int i = 0; i < n; i++) {
        sortedTags[i] = tags[order[i]];
        sortedEntries[i] = entries[order[i]];
      }
      return new ElementDictionary(sortedTags, sortedEntries, Arrays.copyOf(maskTags, m),
          Arrays.copyOf(masks, m), Arrays.copyOf(maskEntries, m));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read elements.tsv", e);
    }
  }

  /**
   * The VR to use without other information for "OB or OW" (OW: what implicit VR pixel data is),
   * "US or SS" (US; readers switch to SS on Pixel Representation 1) and "US or OW" (OW).
   */
  private static VR primaryVR(String vrs) {
    return switch (vrs) {
      case "OB or OW", "US or OW", "US or SS or OW" -> VR.OW;
      case "US or SS" -> VR.US;
      default -> {
        VR vr = VR.ofBytes(vrs.charAt(0), vrs.charAt(1));
        if (vr == null || vrs.length() != 2) {
          throw new IllegalStateException("elements.tsv: unknown VR \"" + vrs + "\"");
        }
        yield vr;
      }
    };
  }
}
