/**
 * Pixel data as stored: the Image Pixel Module description (PS3.3 C.7.6.3), frame access for
 * native (PS3.5 8) and encapsulated (PS3.5 A.4, Basic and Extended Offset Tables) pixel data,
 * and decoded frames of stored values.
 */
package org.linnea.imaging.pixel;
