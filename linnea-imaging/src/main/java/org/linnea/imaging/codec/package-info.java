/**
 * Decoders keyed by transfer syntax (PS3.5 section 10 and Annex A.4): native unpacking, RLE
 * Lossless (PS3.5 Annex G), JPEG (ITU-T T.81, via TwelveMonkeys ImageIO, plus a 12-bit DCT
 * decoder of our own), JPEG-LS (ITU-T T.87, our own decoder: no maintained pure-Java one is on
 * Maven Central) and JPEG 2000 Part 1 (ISO/IEC 15444-1, via jai-imageio).
 */
package org.linnea.imaging.codec;
