/**
 * Decoders keyed by transfer syntax (PS3.5 section 10 and Annex A.4): native unpacking, RLE
 * Lossless (PS3.5 Annex G), JPEG (ITU-T T.81, via TwelveMonkeys ImageIO, plus a 12-bit DCT
 * decoder of our own) and JPEG 2000 Part 1 (ISO/IEC 15444-1, via jai-imageio). JPEG-LS is not
 * supported: no maintained pure-Java decoder is on Maven Central.
 */
package org.linnea.imaging.codec;
