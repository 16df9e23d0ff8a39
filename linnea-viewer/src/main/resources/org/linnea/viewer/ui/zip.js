// Reads the entries of a zip file (APPNOTE 4.3: end of central directory, central directory,
// local headers) in the browser; entries stored or deflated, inflated one at a time with
// DecompressionStream('deflate-raw'), so a large zip is never held unpacked in memory.

const EOCD = 0x06054b50, CEN = 0x02014b50, LOC = 0x04034b50;

export async function isZip(file) {
  if (file.size < 22) return false;
  const b = new DataView(await file.slice(0, 4).arrayBuffer());
  return b.getUint32(0, true) === LOC;
}

/** The files of a zip: [{name, size, file(): Promise<File>}]; folders left out. */
export async function zipEntries(zip) {
  const tailSize = Math.min(zip.size, 22 + 65535);
  const tail = new DataView(await zip.slice(zip.size - tailSize).arrayBuffer());
  let eocd = -1;
  for (let i = tailSize - 22; i >= 0; i--) if (tail.getUint32(i, true) === EOCD) { eocd = i; break; }
  if (eocd < 0) throw new Error(zip.name + ' is not a readable zip file (no end of central directory)');
  const count = tail.getUint16(eocd + 10, true);
  const cdSize = tail.getUint32(eocd + 12, true);
  const cdOffset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error(zip.name + ' is a zip64 file: unpack it and upload the folder');
  const cd = new DataView(await zip.slice(cdOffset, cdOffset + cdSize).arrayBuffer());
  const decoder = new TextDecoder();
  const out = [];
  for (let p = 0, n = 0; n < count; n++) {
    if (cd.getUint32(p, true) !== CEN) throw new Error(zip.name + ': damaged central directory');
    const flags = cd.getUint16(p + 8, true);
    const method = cd.getUint16(p + 10, true);
    const csize = cd.getUint32(p + 20, true);
    const usize = cd.getUint32(p + 24, true);
    const nameLen = cd.getUint16(p + 28, true), extraLen = cd.getUint16(p + 30, true), commentLen = cd.getUint16(p + 32, true);
    const local = cd.getUint32(p + 42, true);
    const name = decoder.decode(new Uint8Array(cd.buffer, cd.byteOffset + p + 46, nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    out.push({
      name, size: usize,
      async file() {
        if (flags & 1) throw new Error(name + ' is encrypted');
        const h = new DataView(await zip.slice(local, local + 30).arrayBuffer());
        if (h.getUint32(0, true) !== LOC) throw new Error(name + ': damaged local header');
        const start = local + 30 + h.getUint16(26, true) + h.getUint16(28, true);
        const data = zip.slice(start, start + csize);
        const base = name.split('/').pop();
        if (method === 0) return new File([data], base);
        if (method !== 8) throw new Error(name + ': compression method ' + method + ' is not supported (only stored and deflated)');
        const inflated = await new Response(data.stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob();
        return new File([inflated], base);
      },
    });
  }
  return out;
}
