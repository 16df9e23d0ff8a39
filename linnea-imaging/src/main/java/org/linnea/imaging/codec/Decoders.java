package org.linnea.imaging.codec;

import java.util.Map;
import java.util.Optional;
import org.linnea.dicom.UID;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.ImagingException;
import org.linnea.imaging.UnsupportedTransferSyntaxException;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * The decoders, keyed by transfer syntax UID, and the one call that turns frame {@code k} of a
 * {@link PixelData} into stored values whatever its transfer syntax.
 *
 * <p>Supported: the native syntaxes (and Deflated, which the DICOM core inflates while reading),
 * RLE Lossless, the JPEG family (baseline, extended 8 and 12 bits, progressive 8 bits, lossless
 * processes 14 and 15 with any predictor), JPEG-LS lossless and near-lossless (our own decoder:
 * no maintained pure-Java one is on Maven Central), JPEG 2000 Part 1 (lossless and lossy). Not
 * supported, with an {@link UnsupportedTransferSyntaxException} naming the syntax: JPEG 2000
 * Part 2 multi-component, High-Throughput JPEG 2000, JPIP, the MPEG and HEVC video syntaxes,
 * JPEG XL.
 */
public final class Decoders {
  private static final JpegDecoder JPEG = new JpegDecoder();
  private static final Map<String, FrameDecoder> DECODERS = Map.ofEntries(
      Map.entry(UID.RLELossless, new RleDecoder()),
      Map.entry(UID.JPEGBaseline8Bit, JPEG),
      Map.entry(UID.JPEGExtended12Bit, JPEG),
      Map.entry("1.2.840.10008.1.2.4.53", JPEG), // spectral selection, retired
      Map.entry("1.2.840.10008.1.2.4.55", JPEG), // full progression, retired
      Map.entry(UID.JPEGLossless, JPEG),
      Map.entry("1.2.840.10008.1.2.4.58", JPEG), // lossless process 15, retired
      Map.entry(UID.JPEGLosslessSV1, JPEG),
      Map.entry(UID.JPEGLSLossless, new JpegLsDecoder()),
      Map.entry(UID.JPEGLSNearLossless, new JpegLsDecoder()),
      Map.entry(UID.JPEG2000Lossless, new Jpeg2000Decoder()),
      Map.entry(UID.JPEG2000, new Jpeg2000Decoder()));

  private Decoders() {}

  /** The decoder of an encapsulated transfer syntax, if this module has one. */
  public static Optional<FrameDecoder> forTransferSyntax(String uid) {
    return Optional.ofNullable(DECODERS.get(uid));
  }

  /** The decoder of an encapsulated transfer syntax, or an exception naming it. */
  public static FrameDecoder require(TransferSyntax ts) throws UnsupportedTransferSyntaxException {
    FrameDecoder d = DECODERS.get(ts.uid());
    if (d != null) return d;
    throw new UnsupportedTransferSyntaxException(ts.uid(), "cannot decode pixel data in " + ts + ": no decoder for this transfer syntax");
  }

  /** True when frames in this transfer syntax can be decoded. */
  public static boolean canDecode(TransferSyntax ts) {
    return ts.isNative() || DECODERS.containsKey(ts.uid());
  }

  /**
   * Frame {@code frame} (from 0) as stored values. Only that frame's bytes are read; native
   * frames left on disk are read from their file region.
   */
  public static DecodedFrame decodeFrame(PixelData pixels, int frame) throws ImagingException {
    if (!pixels.isEncapsulated()) {
      return NativeDecoder.decode(pixels.readNativeFrame(frame), pixels.description());
    }
    FrameDecoder decoder = require(pixels.transferSyntax());
    DecodedFrame f;
    try {
      f = decoder.decode(pixels.readEncapsulatedFrame(frame), pixels.description());
    } catch (UnsupportedTransferSyntaxException e) {
      if (e.transferSyntaxUID() != null) throw e;
      // The decoder knows what it cannot do, not which transfer syntax it was called for.
      throw new UnsupportedTransferSyntaxException(pixels.transferSyntax().uid(), pixels.transferSyntax() + ": " + e.getMessage());
    }
    if (f.photometricInterpretation() == PhotometricInterpretation.YBR_FULL_422) {
      // Compressed data is decoded to full resolution; only the colour space remains.
      f = new DecodedFrame(f.width(), f.height(), f.samples(), PhotometricInterpretation.YBR_FULL, f.values());
    }
    return f;
  }
}
