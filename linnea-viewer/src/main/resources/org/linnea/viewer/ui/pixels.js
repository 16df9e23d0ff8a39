// Pixel data to screen values: the stored values of a monochrome frame through the modality LUT
// (rescale slope and intercept) and the linear VOI window of PS3.3 C.11.2.1.2, as one lookup
// table indexed by stored value, so that dragging the window costs one table and one pass.
import { T, num, str } from './dicom.js';

/** Whether the canvas pipeline handles this image (else the server renders it). */
export function canvasCapable(meta) {
  const spp = num(meta, T.SamplesPerPixel, 1);
  const pi = str(meta, T.PhotometricInterpretation) || 'MONOCHROME2';
  const ba = num(meta, T.BitsAllocated, 16);
  return spp === 1 && (pi === 'MONOCHROME1' || pi === 'MONOCHROME2') && (ba === 8 || ba === 16);
}

/** A frame's native little-endian bytes as stored values, with their range. */
export function decodeFrame(meta, bytes) {
  const rows = num(meta, T.Rows, 0), cols = num(meta, T.Columns, 0);
  const ba = num(meta, T.BitsAllocated, 16);
  const bs = num(meta, T.BitsStored, ba);
  const signed = num(meta, T.PixelRepresentation, 0) === 1;
  const n = rows * cols;
  if (!n) throw new Error('the image has no Rows or Columns');
  if (bytes.length < n * ba / 8) throw new Error('frame has ' + bytes.length + ' bytes, expected ' + n * ba / 8);
  let px;
  if (ba === 16) {
    const b = bytes.byteOffset % 2 ? bytes.slice(0, n * 2) : bytes;
    px = signed ? new Int16Array(b.buffer, b.byteOffset, n) : new Uint16Array(b.buffer, b.byteOffset, n);
  } else {
    px = signed ? new Int8Array(bytes.buffer, bytes.byteOffset, n) : new Uint8Array(bytes.buffer, bytes.byteOffset, n);
  }
  if (bs < ba) {
    // Bits above Bits Stored are not part of the value (overlays of old files, or garbage).
    const shift = 32 - bs;
    const copy = new px.constructor(n);
    for (let i = 0; i < n; i++) copy[i] = signed ? (px[i] << shift) >> shift : px[i] & ((1 << bs) - 1);
    px = copy;
  }
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = px[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    kind: 'gray', rows, cols, px, min, max,
    slope: num(meta, T.RescaleSlope, 1), intercept: num(meta, T.RescaleIntercept, 0),
    mono1: str(meta, T.PhotometricInterpretation) === 'MONOCHROME1',
    bytes: px.byteLength,
  };
}

/** The window of the image: its first Window Center/Width, else the full range of its values. */
export function defaultWindow(meta, frame) {
  const c = num(meta, T.WindowCenter, NaN), w = num(meta, T.WindowWidth, NaN);
  if (Number.isFinite(c) && Number.isFinite(w) && w >= 1) return { c, w };
  const lo = frame.min * frame.slope + frame.intercept, hi = frame.max * frame.slope + frame.intercept;
  return { c: (lo + hi) / 2, w: Math.max(1, hi - lo) };
}

/** PS3.3 C.11.2.1.2.1: the linear VOI function, 0..255. */
export function voi(x, c, w) {
  if (w <= 1) return x < c - 0.5 ? 0 : 255;
  const lo = c - 0.5 - (w - 1) / 2, hi = c - 0.5 + (w - 1) / 2;
  if (x <= lo) return 0;
  if (x > hi) return 255;
  return Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
}

/** Writes the frame through the window into RGBA pixels (inverted on request, as MONOCHROME1 is). */
export function renderGray(frame, win, imageData, invert = false) {
  const size = frame.max - frame.min + 1;
  const lut = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let g = voi((i + frame.min) * frame.slope + frame.intercept, win.c, win.w);
    if (frame.mono1 !== invert) g = 255 - g;
    lut[i] = 0xff000000 | (g << 16) | (g << 8) | g;
  }
  const out = new Uint32Array(imageData.data.buffer);
  const px = frame.px, min = frame.min;
  for (let i = 0, n = px.length; i < n; i++) out[i] = lut[px[i] - min];
}
