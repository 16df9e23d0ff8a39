package org.linnea.imaging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import org.linnea.dicom.Tag;
import org.linnea.dicom.Tags;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.codec.Decoders;
import org.linnea.imaging.pixel.DecodedFrame;
import org.linnea.imaging.pixel.ImageDescription;
import org.linnea.imaging.pixel.PhotometricInterpretation;
import org.linnea.imaging.pixel.PixelData;

/**
 * Decompresses an object stored in an encapsulated transfer syntax into native pixel data in
 * Explicit VR Little Endian, one frame at a time (a multi-frame object is never held whole):
 * what WADO-RS sends when a client asks for {@code transfer-syntax=1.2.840.10008.1.2.1} of a
 * compressed object, its frames or its pixel data.
 *
 * <p>The Image Pixel attributes are made true of the native data (PS3.5 8.2, PS3.3 C.7.6.3):
 *
 * <ul>
 *   <li>JPEG (ITU T.81: baseline, extended, progressive, lossless) data in YCbCr — Photometric
 *       Interpretation YBR_FULL_422 or YBR_FULL, or RGB whose JPEG markers say YCbCr — is
 *       converted to RGB with libjpeg's equations, as DCMTK's {@code dcmdjpeg} does; YBR_PARTIAL
 *       likewise. Other syntaxes keep their colour space, subsampled YBR_FULL_422 becoming
 *       YBR_FULL (the data is upsampled); JPEG 2000's YBR_ICT and YBR_RCT come out as RGB.
 *   <li>Planar Configuration 0 (colour by pixel) for three samples.
 *   <li>High Bit is Bits Stored - 1; values are written sign-extended to Bits Allocated.
 *   <li>Lossy sources (JPEG baseline/extended/progressive, JPEG-LS near-lossless) get Lossy
 *       Image Compression "01" when they do not already say it (PS3.3 C.7.6.1.1.5); a value
 *       present is kept.
 *   <li>The Extended Offset Table and its lengths go with the encapsulation; Data Set Trailing
 *       Padding and Digital Signatures (no longer valid) are dropped.
 * </ul>
 *
 * Decoding errors surface as {@link ImagingException}; {@link #of} decodes nothing, so a caller
 * that wants to fail before sending anything decodes frame 0 first and hands it to {@link
 * #writeFile(OutputStream, byte[])}.
 */
public final class Decompressor {
  /** Lossy transfer syntaxes: data decompressed from them keeps Lossy Image Compression 01. */
  private static final Set<String> LOSSY = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.53",
      "1.2.840.10008.1.2.4.55", "1.2.840.10008.1.2.4.81");
  /** The JPEG (ITU T.81) family, whose YCbCr data is converted to RGB. */
  private static final Set<String> JPEG = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.53",
      "1.2.840.10008.1.2.4.55", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.58", "1.2.840.10008.1.2.4.70");

  private final DicomFile file;
  private final PixelData pixels;
  private final ImageDescription d;
  private final PhotometricInterpretation outPi;

  private Decompressor(DicomFile file, PixelData pixels, PhotometricInterpretation outPi) {
    this.file = file;
    this.pixels = pixels;
    this.d = pixels.description();
    this.outPi = outPi;
  }

  /** True when objects in this transfer syntax can be decompressed here. */
  public static boolean canDecompress(String transferSyntaxUid) {
    return Decoders.forTransferSyntax(transferSyntaxUid).isPresent();
  }

  /** Prepares the decompression of an encapsulated object (its pixel data may stay on disk). */
  public static Decompressor of(DicomFile file) throws ImagingException {
    TransferSyntax ts = file.transferSyntax();
    if (!ts.encapsulated()) throw new IllegalArgumentException(ts + " is not a compressed transfer syntax");
    Decoders.require(ts);
    PixelData px = PixelData.of(file.dataset(), ts);
    if (px.description().bitsAllocated() == 1) throw new UnsupportedTransferSyntaxException(ts.uid(), "compressed data with Bits Allocated 1");
    return new Decompressor(file, px, nativePi(px.description().photometricInterpretation(), ts.uid()));
  }

  /** The photometric interpretation of the native data made from data in {@code pi} compressed in {@code ts}. */
  static PhotometricInterpretation nativePi(PhotometricInterpretation pi, String ts) {
    return switch (pi) {
      case YBR_ICT, YBR_RCT, YBR_PARTIAL_420, YBR_PARTIAL_422 -> PhotometricInterpretation.RGB;
      case YBR_FULL, YBR_FULL_422 -> JPEG.contains(ts) ? PhotometricInterpretation.RGB : PhotometricInterpretation.YBR_FULL;
      // RGB labelled JPEG data may be YCbCr inside: frames are converted as they are decoded.
      default -> pi;
    };
  }

  public int frameCount() {
    return pixels.frameCount();
  }

  /** Bytes of one native frame. */
  public long frameLength() {
    return (long) d.samplesPerFrame() * (d.bitsAllocated() / 8);
  }

  /** Photometric Interpretation of the native data. */
  public PhotometricInterpretation photometricInterpretation() {
    return outPi;
  }

  /** Frame {@code frame} (from 0) as native little endian bytes in {@link #photometricInterpretation()}. */
  public byte[] frame(int frame) throws ImagingException {
    DecodedFrame f = Decoders.decodeFrame(pixels, frame);
    int[] v = f.values();
    PhotometricInterpretation got = f.photometricInterpretation();
    if (outPi == PhotometricInterpretation.RGB && got.isYbr()) {
      v = ColourPipeline.toRgb(v, f.width() * f.height(), got, d.bitsStored());
    }
    return toBytes(v, d.bitsAllocated());
  }

  private static byte[] toBytes(int[] v, int bitsAllocated) {
    int unit = bitsAllocated / 8;
    byte[] out = new byte[v.length * unit];
    for (int i = 0, o = 0; i < v.length; i++) {
      int x = v[i];
      for (int k = 0; k < unit; k++) out[o++] = (byte) (x >>> (8 * k));
    }
    return out;
  }

  /** The dataset's attributes for the native data, without Pixel Data (a new dataset; the file's is not changed). */
  public Dataset nativeAttributes() {
    Dataset src = file.dataset();
    Dataset out = new Dataset(src.isBigEndian());
    for (int i = 0, n = src.size(); i < n; i++) {
      int tag = src.tagAt(i);
      if (tag == Tag.PixelData || tag == Tag.ExtendedOffsetTable || tag == Tag.ExtendedOffsetTableLengths
          || tag == Tag.DataSetTrailingPadding || tag == Tag.DigitalSignaturesSequence || Tags.isGroupLength(tag) && (tag >>> 16) == 0x7FE0) {
        continue;
      }
      out.put(tag, src.vrAt(i), src.valueAt(i));
    }
    out.setString(Tag.PhotometricInterpretation, VR.CS, outPi.term());
    if (d.samplesPerPixel() > 1) out.setInt(Tag.PlanarConfiguration, VR.US, 0);
    out.setInt(Tag.HighBit, VR.US, d.bitsStored() - 1);
    if (LOSSY.contains(file.transferSyntax().uid()) && out.getString(Tag.LossyImageCompression).isEmpty()) {
      out.setString(Tag.LossyImageCompression, VR.CS, "01");
    }
    return out;
  }

  /**
   * Writes the object as a Part 10 file in Explicit VR Little Endian with native pixel data:
   * new file meta information, the attributes of {@link #nativeAttributes()}, then Pixel Data
   * frame by frame. Nothing is written before the first frame is decoded.
   */
  public void writeFile(OutputStream out) throws IOException {
    writeFile(out, frame(0));
  }

  /** As {@link #writeFile(OutputStream)}, with frame 0 already decoded by {@link #frame(int)}. */
  public void writeFile(OutputStream out, byte[] frame0) throws IOException {
    Dataset attrs = nativeAttributes();
    Dataset head = new Dataset(attrs.isBigEndian());
    Dataset tail = new Dataset(attrs.isBigEndian());
    for (int i = 0, n = attrs.size(); i < n; i++) {
      (Integer.compareUnsigned(attrs.tagAt(i), Tag.PixelData) < 0 ? head : tail).put(attrs.tagAt(i), attrs.vrAt(i), attrs.valueAt(i));
    }
    long length = frameLength() * frameCount();
    if (length + (length & 1) > 0xFFFFFFFEL) throw new ImagingException("the decompressed pixel data (" + length + " bytes) is too large for one DICOM value");
    DicomWriter w = new DicomWriter(out);
    w.writeFile(file.preamble(), FileMetaInformation.of(attrs, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), head, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    long padded = length + (length & 1);
    VR vr = d.bitsAllocated() > 8 ? VR.OW : VR.OB;
    out.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, (byte) (vr.code >>> 8), (byte) vr.code, 0, 0,
        (byte) padded, (byte) (padded >>> 8), (byte) (padded >>> 16), (byte) (padded >>> 24)});
    out.write(frame0);
    for (int k = 1; k < frameCount(); k++) out.write(frame(k));
    if ((length & 1) != 0) out.write(0);
    if (!tail.isEmpty()) new DicomWriter(out).writeDataset(tail, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }
}
