package org.linnea.imaging.pixel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Fragments;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.imaging.codec.Decoders;

/** Native layouts and encapsulated frame lookup, on small datasets made here. */
class PixelDataTest {

  static Dataset image(boolean bigEndian, int rows, int columns, int samples, int allocated, int stored, int highBit, int signed, int frames) {
    Dataset ds = new Dataset(bigEndian);
    ds.setInt(Tag.SamplesPerPixel, VR.US, samples);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, samples == 3 ? "RGB" : "MONOCHROME2");
    ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
    ds.setInt(Tag.Rows, VR.US, rows);
    ds.setInt(Tag.Columns, VR.US, columns);
    ds.setInt(Tag.BitsAllocated, VR.US, allocated);
    ds.setInt(Tag.BitsStored, VR.US, stored);
    ds.setInt(Tag.HighBit, VR.US, highBit);
    ds.setInt(Tag.PixelRepresentation, VR.US, signed);
    return ds;
  }

  static DecodedFrame decode(Dataset ds, TransferSyntax ts, int frame) throws Exception {
    return Decoders.decodeFrame(PixelData.of(ds, ts), frame);
  }

  @Test
  void oneBitFramesThatDoNotStartOnAByte() throws Exception {
    // three frames of 3 × 3 = 9 bits each: frame k has only pixel k set; bits are LSB first
    Dataset ds = image(false, 3, 3, 1, 1, 1, 0, 0, 3);
    byte[] px = new byte[4];
    for (int k = 0; k < 3; k++) {
      int bit = 9 * k + k;
      px[bit / 8] |= (byte) (1 << (bit % 8));
    }
    ds.setBytes(Tag.PixelData, VR.OB, px);
    for (int k = 0; k < 3; k++) {
      int[] v = decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, k).values();
      for (int i = 0; i < 9; i++) assertThat(v[i]).as("frame " + k + " pixel " + i).isEqualTo(i == k ? 1 : 0);
    }
  }

  @Test
  void twelveBitsStoredWithOverlayBitsAboveAndSigned() throws Exception {
    Dataset ds = image(false, 1, 3, 1, 16, 12, 11, 1, 1);
    // 0xF7FF: overlay bits 1111, stored 0x7FF = 2047; 0x0800: -2048; 0xAFFF: stored 0xFFF = -1
    ds.setBytes(Tag.PixelData, VR.OW, le16(0xF7FF, 0x0800, 0xAFFF));
    assertThat(decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0).values()).containsExactly(2047, -2048, -1);
    // High Bit 15: the stored bits are the top 12, the low 4 are something else.
    Dataset hi = image(false, 1, 2, 1, 16, 12, 15, 0, 1);
    hi.setBytes(Tag.PixelData, VR.OW, le16(0xFFF5, 0x0108));
    assertThat(decode(hi, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0).values()).containsExactly(4095, 16);
  }

  @Test
  void bigEndianWordsAndBytesInWords() throws Exception {
    Dataset ds = image(true, 1, 2, 1, 16, 16, 15, 0, 1);
    ds.setBytes(Tag.PixelData, VR.OW, new byte[] {0x12, 0x34, (byte) 0xAB, (byte) 0xCD});
    assertThat(decode(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, 0).values()).containsExactly(0x1234, 0xABCD);
    // 8-bit pixels in OW, big endian: each word holds two pixels, the first in its low byte.
    Dataset eight = image(true, 1, 4, 1, 8, 8, 7, 0, 1);
    eight.setBytes(Tag.PixelData, VR.OW, new byte[] {2, 1, 4, 3});
    assertThat(decode(eight, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, 0).values()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void colourByPlaneAndByPixel() throws Exception {
    Dataset ds = image(false, 1, 2, 3, 8, 8, 7, 0, 2);
    ds.setInt(Tag.PlanarConfiguration, VR.US, 1);
    // frame 0: R R G G B B; frame 1 likewise
    ds.setBytes(Tag.PixelData, VR.OB, new byte[] {10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 60, 61});
    assertThat(decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0).values()).containsExactly(10, 20, 30, 11, 21, 31);
    assertThat(decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1).values()).containsExactly(40, 50, 60, 41, 51, 61);
    ds.setInt(Tag.PlanarConfiguration, VR.US, 0);
    assertThat(decode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1).values()).containsExactly(40, 41, 50, 51, 60, 61);
  }

  /** Three RLE frames of 1 × 2 pixels, 8 bits: each a header and one literal segment. */
  static byte[] rleFrame(int a, int b) {
    ByteBuffer bb = ByteBuffer.allocate(68).order(ByteOrder.LITTLE_ENDIAN);
    bb.putInt(1).putInt(64);
    bb.position(64);
    bb.put((byte) 1).put((byte) a).put((byte) b).put((byte) 0);
    return bb.array();
  }

  @Test
  void framesByExtendedOffsetTableByBasicOffsetTableAndByCount() throws Exception {
    TransferSyntax rle = TransferSyntax.of(UID.RLELossless);
    // Frame 1 spans two fragments (split after its header), so neither count nor markers help.
    byte[] f0 = rleFrame(1, 2);
    byte[] f1 = rleFrame(3, 4);
    byte[] f2 = rleFrame(5, 6);
    byte[] f1a = java.util.Arrays.copyOf(f1, 64);
    byte[] f1b = java.util.Arrays.copyOfRange(f1, 64, 68);
    long[] offsets = {0, 8 + 68, 8 + 68 + 8 + 64 + 8 + 4};

    Dataset bot = image(false, 1, 2, 1, 8, 8, 7, 0, 3);
    Fragments fb = new Fragments(VR.OB);
    ByteBuffer table = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    for (long o : offsets) table.putInt((int) o);
    fb.add(table.array());
    for (byte[] f : new byte[][] {f0, f1a, f1b, f2}) fb.add(f);
    bot.put(Tag.PixelData, VR.OB, fb);
    PixelData p = PixelData.of(bot, rle);
    assertThat(p.fragmentCount(1)).isEqualTo(2);
    assertThat(Decoders.decodeFrame(p, 1).values()).containsExactly(3, 4);
    assertThat(Decoders.decodeFrame(p, 2).values()).containsExactly(5, 6);

    Dataset eot = image(false, 1, 2, 1, 8, 8, 7, 0, 3);
    Fragments fe = new Fragments(VR.OB);
    fe.add(new byte[0]);
    for (byte[] f : new byte[][] {f0, f1a, f1b, f2}) fe.add(f);
    eot.put(Tag.PixelData, VR.OB, fe);
    ByteBuffer ext = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (long o : offsets) ext.putLong(o);
    eot.setBytes(Tag.ExtendedOffsetTable, VR.OV, ext.array());
    assertThat(decode(eot, rle, 1).values()).containsExactly(3, 4);
    assertThat(decode(eot, rle, 2).values()).containsExactly(5, 6);

    Dataset count = image(false, 1, 2, 1, 8, 8, 7, 0, 3);
    Fragments fc = new Fragments(VR.OB);
    fc.add(new byte[0]);
    for (byte[] f : new byte[][] {f0, f1, f2}) fc.add(f);
    count.put(Tag.PixelData, VR.OB, fc);
    assertThat(decode(count, rle, 0).values()).containsExactly(1, 2);
    assertThat(decode(count, rle, 2).values()).containsExactly(5, 6);
  }

  static byte[] le16(int... v) {
    byte[] b = new byte[2 * v.length];
    for (int i = 0; i < v.length; i++) {
      b[2 * i] = (byte) v[i];
      b[2 * i + 1] = (byte) (v[i] >> 8);
    }
    return b;
  }
}
