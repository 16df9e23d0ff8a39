/**
 * Lookup tables and transforms of the pixel pipeline: Modality LUT (PS3.3 C.11.1), VOI LUT and
 * window functions LINEAR, LINEAR_EXACT and SIGMOID (C.11.2), Palette Color LUTs including
 * segmented ones (C.7.6.3.1.5, C.7.9).
 */
package org.linnea.imaging.lut;
