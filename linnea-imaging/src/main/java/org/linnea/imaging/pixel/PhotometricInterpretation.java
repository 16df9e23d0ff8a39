package org.linnea.imaging.pixel;

import java.util.Optional;

/** Photometric Interpretation (0028,0004), PS3.3 C.7.6.3.1.2. */
public enum PhotometricInterpretation {
  MONOCHROME1,
  MONOCHROME2,
  PALETTE_COLOR,
  RGB,
  YBR_FULL,
  YBR_FULL_422,
  YBR_PARTIAL_422,
  YBR_PARTIAL_420,
  YBR_ICT,
  YBR_RCT;

  /** The defined term, such as {@code "PALETTE COLOR"}. */
  public String term() {
    return this == PALETTE_COLOR ? "PALETTE COLOR" : name();
  }

  public static Optional<PhotometricInterpretation> of(String term) {
    String t = term.strip().replace(' ', '_');
    for (PhotometricInterpretation p : values()) {
      if (p.name().equals(t)) return Optional.of(p);
    }
    return Optional.empty();
  }

  public boolean isMonochrome() {
    return this == MONOCHROME1 || this == MONOCHROME2;
  }

  /** Y, Cb and Cr components (before any conversion to RGB). */
  public boolean isYbr() {
    return name().startsWith("YBR");
  }

  /** Native encodings that carry two luminance and one pair of chrominance values per two pixels. */
  public boolean isSubsampledHorizontally() {
    return this == YBR_FULL_422 || this == YBR_PARTIAL_422;
  }
}
