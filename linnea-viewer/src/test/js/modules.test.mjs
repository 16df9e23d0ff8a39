// Unit tests of the viewer's pure modules under Node's test runner (node --test): the window
// function, frame decoding, the multipart reader and the zip reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { voi, decodeFrame, renderGray, defaultWindow, canvasCapable } from '../../main/resources/org/linnea/viewer/ui/pixels.js';
import { firstPart } from '../../main/resources/org/linnea/viewer/ui/api.js';
import { zipEntries, isZip } from '../../main/resources/org/linnea/viewer/ui/zip.js';
import { personName, display, orientation } from '../../main/resources/org/linnea/viewer/ui/dicom.js';

const meta = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { vr: 'US', Value: Array.isArray(v) ? v : [v] }]));

test('the linear VOI function of PS3.3 C.11.2.1.2.1', () => {
  assert.equal(voi(-160, 40, 400), 0);
  assert.equal(voi(-159.5, 40, 400), 0);
  assert.equal(voi(39.5, 40, 400), 128);
  assert.equal(voi(239, 40, 400), 255);
  assert.equal(voi(1000, 40, 400), 255);
  assert.equal(voi(0, 0, 1), 255);
  assert.equal(voi(-1, 0, 1), 0);
});

test('16-bit frames: Bits Stored masks, signed values sign-extend, rescale and MONOCHROME1 apply', () => {
  const u = new Uint8Array([0x00, 0xf4, 0xff, 0x0f]); // 0xF400 → 0x400 with 12 bits stored; 0x0FFF
  const f = decodeFrame(meta({ '00280010': 1, '00280011': 2, '00280100': 16, '00280101': 12, '00280103': 0 }), u);
  assert.deepEqual([...f.px], [0x400, 0xfff]);
  const s = decodeFrame(meta({ '00280010': 1, '00280011': 2, '00280100': 16, '00280101': 12, '00280103': 1 }), new Uint8Array([0xff, 0x0f, 0x01, 0x00]));
  assert.deepEqual([...s.px], [-1, 1]);
  // An odd byte offset (a part inside a multipart body) is copied, not misread.
  const odd = new Uint8Array([9, 0x10, 0x00, 0x20, 0x00]).subarray(1);
  assert.deepEqual([...decodeFrame(meta({ '00280010': 1, '00280011': 2, '00280100': 16, '00280101': 16 }), odd).px], [16, 32]);
  const m = { ...meta({ '00280010': 1, '00280011': 2, '00280100': 16, '00280101': 16 }), '00281052': { vr: 'DS', Value: [-1024] }, '00280004': { vr: 'CS', Value: ['MONOCHROME1'] } };
  const g = decodeFrame(m, new Uint8Array([0x00, 0x04, 0x28, 0x04])); // 1024 → 0 HU, 1064 → 40 HU
  const img = { data: new Uint8ClampedArray(8) };
  renderGray(g, { c: 40, w: 80 }, img);
  assert.deepEqual([...img.data], [255 - voi(0, 40, 80), 255 - voi(0, 40, 80), 255 - voi(0, 40, 80), 255, 255 - voi(40, 40, 80), 255 - voi(40, 40, 80), 255 - voi(40, 40, 80), 255]);
  assert.deepEqual(defaultWindow(m, g), { c: 20, w: 40 });
  assert.throws(() => decodeFrame(meta({ '00280010': 2, '00280011': 2, '00280100': 16 }), new Uint8Array(4)), /expected 8/);
});

test('colour and 32-bit images go to the server', () => {
  assert.equal(canvasCapable({ '00280002': { vr: 'US', Value: [3] }, '00280004': { vr: 'CS', Value: ['RGB'] } }), false);
  assert.equal(canvasCapable(meta({ '00280100': 32 })), false);
  assert.equal(canvasCapable(meta({ '00280100': 16 })), true);
});

test('the first part of a multipart/related body', () => {
  const body = new TextEncoder().encode('\r\n--b1\r\nContent-Type: application/octet-stream\r\n\r\nAB\r\n--CD\r\n--b1--\r\n');
  assert.equal(new TextDecoder().decode(firstPart(body, 'b1')), 'AB\r\n--CD');
  assert.throws(() => firstPart(new TextEncoder().encode('--b1\r\n\r\nAB'), 'b1'), /truncated/);
});

function zip(entries) {
  // A minimal zip writer for the test: local headers, central directory, end record.
  const parts = [], central = [];
  let offset = 0;
  for (const { name, data, deflate } of entries) {
    const n = Buffer.from(name), body = deflate ? deflateRawSync(data) : data;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(deflate ? 8 : 0, 8);
    h.writeUInt32LE(body.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(deflate ? 8 : 0, 10);
    c.writeUInt32LE(body.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(h, n, body);
    central.push(c, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new File([Buffer.concat([...parts, cd, end])], 'test.zip');
}

test('zip files: stored and deflated entries, folders left out', async () => {
  const big = Buffer.alloc(100000, 7);
  const z = zip([{ name: 'a/', data: Buffer.alloc(0) }, { name: 'a/one.dcm', data: Buffer.from('stored') }, { name: 'a/two.dcm', data: big, deflate: true }]);
  assert.equal(await isZip(z), true);
  const entries = await zipEntries(z);
  assert.deepEqual(entries.map(e => e.name), ['a/one.dcm', 'a/two.dcm']);
  assert.equal(await (await entries[0].file()).text(), 'stored');
  const two = Buffer.from(await (await entries[1].file()).arrayBuffer());
  assert.equal(two.length, 100000);
  assert.ok(two.equals(big));
  await assert.rejects(zipEntries(new File([Buffer.from('PK\u0003\u0004 but no directory at all, just text')], 'bad.zip')), /not a readable zip/);
});

test('person names for reading', () => {
  assert.equal(personName({ Alphabetic: 'SMITH^JOHN^Q^DR' }), 'SMITH, DR JOHN Q');
  assert.equal(display({ vr: 'PN', Value: [{ Alphabetic: 'A^B' }] }), 'A, B');
  assert.equal(display({ vr: 'SQ', Value: [{}, {}] }), '2 items');
});

test('orientation letters of image edges', () => {
  assert.equal(orientation([1, 0, 0]), 'L');
  assert.equal(orientation([0, 1, 0]), 'P');
  assert.equal(orientation([0, 0, -1]), 'F');
  assert.equal(orientation([-0.8, 0, 0.6]), 'RH');
  assert.equal(orientation([0.1, -0.995, 0]), 'A');
});
