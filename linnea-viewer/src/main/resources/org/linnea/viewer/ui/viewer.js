// The image viewer: one series as a stack on a canvas. Frames come from WADO-RS as native
// 16- or 8-bit values and are windowed in the page (pixels.js); colour images come rendered by
// the server. A bounded cache keeps decoded frames; prefetch fills it around the current image.
import * as api from './api.js';
import { T, num, str, values, display, name, formatTag, date, orientation } from './dicom.js';
import { canvasCapable, decodeFrame, defaultWindow, renderGray } from './pixels.js';

export const PRESETS = {
  1: { c: -600, w: 1500, label: 'Lung' },
  2: { c: 400, w: 1800, label: 'Bone' },
  3: { c: 40, w: 80, label: 'Brain' },
  4: { c: 40, w: 400, label: 'Abdomen' },
};
/**
 * The frame cache's budget: 384 MB, less on a device that says it has little memory (an eighth
 * of navigator.deviceMemory), or ?cacheMB=N in the page's address.
 */
function cacheBudget() {
  const asked = parseInt(new URLSearchParams(location.search).get('cacheMB'), 10);
  if (asked > 0) return asked * 1048576;
  const device = navigator.deviceMemory ? navigator.deviceMemory * 1024 / 8 : 384;
  return Math.max(64, Math.min(384, device)) * 1048576;
}
const AHEAD = 48, BEHIND = 16, PARALLEL = 6;

/** Decoded frames by key, least recently used evicted beyond a byte budget. */
class FrameCache {
  constructor(budget) { this.budget = budget; this.map = new Map(); this.bytes = 0; }
  get(k) {
    const v = this.map.get(k);
    if (v) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  has(k) { return this.map.has(k); }
  put(k, v, keep) {
    this.map.set(k, v);
    this.bytes += v.bytes;
    for (const [old, f] of this.map) {
      if (this.bytes <= this.budget) break;
      if (keep.has(old)) continue;
      this.map.delete(old);
      this.bytes -= f.bytes;
      if (f.bitmap) f.bitmap.close();
    }
  }
  clear() {
    for (const f of this.map.values()) if (f.bitmap) f.bitmap.close();
    this.map.clear();
    this.bytes = 0;
  }
}

export class Viewer {
  constructor() {
    this.viewport = document.getElementById('viewport');
    this.canvas = document.getElementById('image');
    this.overlay = document.getElementById('overlay');
    this.slider = document.getElementById('slice');
    this.message = document.getElementById('viewer-message');
    this.offscreen = document.createElement('canvas');
    this.cache = new FrameCache(cacheBudget());
    this.loading = new Map();
    this.generation = 0;
    this.slices = [];
    this.index = 0;
    this.tool = 'window';
    this.window = null;
    this.view = { zoom: 1, panX: 0, panY: 0 };
    this.measures = new Map();
    this.drawn = 0;
    this.cine = null;
    this.bindInput();
    new ResizeObserver(() => this.draw()).observe(this.viewport);
  }

  /** Forgets the series shown: frames freed, canvas cleared, loads in flight ignored. */
  close() {
    this.generation++;
    this.stopCine();
    this.cache.clear();
    this.loading.clear();
    this.slices = [];
    this.index = 0;
    this.measures.clear();
    for (const c of [this.canvas, this.overlay]) c.getContext('2d').clearRect(0, 0, c.width, c.height);
    for (const id of ['ov-tl', 'ov-tr', 'ov-bl', 'ov-br', 'ov-l', 'ov-r', 'ov-t', 'ov-b']) document.getElementById(id).textContent = '';
    this.setMessage('');
    this.drawnWith = null;
    delete this.viewport.dataset.index;
  }

  /** Opens a series: instance list first (fast), one image, then the series' metadata for order. */
  async open(studyUid, seriesUid, studyInfo) {
    this.close();
    const gen = this.generation;
    this.window = null;
    this.view = { zoom: 1, panX: 0, panY: 0 };
    this.studyInfo = studyInfo;
    this.seriesPath = '/studies/' + studyUid + '/series/' + seriesUid;
    this.seriesMetaLoaded = false;
    this.setMessage('Loading…');
    // Pages until the server has no more: its limits.maxQueryResults may be below what is asked.
    let answers = [];
    for (let offset = 0; ; ) {
      const page = await api.qido(this.seriesPath + '/instances', { limit: 1000, offset, includefield: '00200013' });
      if (gen !== this.generation) return;
      answers = answers.concat(page);
      if (!page.length || (page.length < 1000 && !page.truncated)) break;
      offset += page.length;
    }
    const instances = answers.map(ds => ({
      uid: str(ds, T.SOPInstanceUID), number: num(ds, T.InstanceNumber, 0), meta: null,
      path: this.seriesPath + '/instances/' + str(ds, T.SOPInstanceUID),
    })).sort((a, b) => a.number - b.number);
    this.instances = new Map(instances.map(i => [i.uid, i]));
    this.slices = instances.map(inst => ({ inst, frame: 1 }));
    if (!this.slices.length) { this.setMessage('This series has no instances.'); return; }
    this.slider.max = String(this.slices.length);
    await this.show(0);
    if (gen !== this.generation) return;
    this.loadSeriesMetadata(gen);
  }

  async loadSeriesMetadata(gen) {
    try {
      const all = await api.metadata(this.seriesPath);
      if (gen !== this.generation) return;
      for (const ds of all) {
        const inst = this.instances.get(str(ds, T.SOPInstanceUID));
        if (inst) inst.meta = ds;
      }
      this.seriesMetaLoaded = true;
      this.restack();
      this.prefetch();
    } catch (e) {
      if (gen === this.generation) console.warn('series metadata', e);
    }
  }

  /** Orders the stack by position along the slice normal where every image has one; expands multi-frame instances. */
  restack() {
    const current = this.slices[this.index];
    const insts = [...this.instances.values()];
    const iop = insts.every(i => values(i.meta, T.ImageOrientationPatient).length === 6 && values(i.meta, T.ImagePositionPatient).length === 3);
    let key = i => i.number;
    if (iop && insts.length > 1) {
      const o = values(insts[0].meta, T.ImageOrientationPatient).map(Number);
      const n = [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
      key = i => { const p = values(i.meta, T.ImagePositionPatient).map(Number); return p[0] * n[0] + p[1] * n[1] + p[2] * n[2]; };
      // Head first: the highest position (superior) at the top of the stack, like film.
      const k = key;
      key = i => -k(i);
    }
    insts.sort((a, b) => key(a) - key(b) || a.number - b.number);
    const slices = [];
    for (const inst of insts) {
      const frames = Math.max(1, num(inst.meta, T.NumberOfFrames, 1));
      for (let f = 1; f <= frames; f++) slices.push({ inst, frame: f });
    }
    this.slices = slices;
    this.slider.max = String(slices.length);
    const at = current ? slices.findIndex(s => s.inst === current.inst && s.frame === current.frame) : 0;
    this.index = Math.max(0, at);
    this.updateText();
  }

  key(slice) {
    return slice.inst.uid + '/' + slice.frame;
  }

  async meta(inst) {
    if (inst.meta) return inst.meta;
    if (!inst.metaPromise) {
      inst.metaPromise = api.metadata(inst.path).then(a => { inst.meta = a[0]; return inst.meta; })
        .finally(() => { inst.metaPromise = null; });
    }
    return inst.metaPromise;
  }

  /** The decoded frame of a slice, from the cache or the server (one request per frame at a time). */
  load(slice) {
    const k = this.key(slice);
    const hit = this.cache.get(k);
    if (hit) return Promise.resolve(hit);
    let p = this.loading.get(k);
    if (p) return p;
    const gen = this.generation;
    p = (async () => {
      // The first image of a series: its frame is asked for with its metadata, not after it
      // (one round trip less before the first image; wasted only if the image is in colour).
      const early = slice.inst.meta ? null : api.frame(slice.inst.path, slice.frame).catch(e => e);
      const meta = await this.meta(slice.inst);
      let f;
      if (canvasCapable(meta)) {
        const bytes = early ? await early : await api.frame(slice.inst.path, slice.frame);
        if (bytes instanceof Error) throw bytes;
        f = decodeFrame(meta, bytes);
      } else {
        const bitmap = await api.renderedFrame(slice.inst.path, slice.frame);
        f = { kind: 'bitmap', bitmap, rows: bitmap.height, cols: bitmap.width, bytes: bitmap.width * bitmap.height * 4 };
      }
      if (gen === this.generation) {
        const keep = new Set([this.key(this.slices[this.index] || slice)]);
        this.cache.put(k, f, keep);
      }
      return f;
    })().finally(() => this.loading.delete(k));
    this.loading.set(k, p);
    return p;
  }

  /** Shows slice i: at once when cached, else when it arrives (if still wanted). */
  async show(i) {
    if (!this.slices.length) return;
    i = Math.max(0, Math.min(this.slices.length - 1, i));
    this.direction = i >= this.index ? 1 : -1;
    this.index = i;
    this.slider.value = String(i + 1);
    const slice = this.slices[i];
    const k = this.key(slice);
    if (!this.cache.has(k)) this.updateText();
    try {
      const f = await this.load(slice);
      if (this.slices[this.index] !== slice) return;
      this.setMessage('');
      this.scheduleDraw();
    } catch (e) {
      if (this.slices[this.index] === slice) this.setMessage('Cannot show this image: ' + e.message);
    }
    this.prefetch();
  }

  step(d) {
    this.show(this.index + d);
  }

  prefetch() {
    if (!this.seriesMetaLoaded && this.slices.length > 1) return; // per-instance metadata would double the requests
    // The window never holds more than the cache can: else prefetch would evict its own work.
    const f = this.currentFrame();
    const room = f ? Math.max(0, Math.floor(this.cache.budget / f.bytes) - PARALLEL - 1) : AHEAD + BEHIND;
    const ahead = Math.min(AHEAD, Math.ceil(room * 0.75)), behind = Math.min(BEHIND, room - ahead);
    const want = [];
    const dir = this.direction || 1;
    for (let d = 1; d <= ahead; d++) want.push(this.index + dir * d);
    for (let d = 1; d <= behind; d++) want.push(this.index - dir * d);
    for (const i of want) {
      if (this.loading.size >= PARALLEL) break;
      const s = this.slices[i];
      if (!s || this.cache.has(this.key(s)) || this.loading.has(this.key(s))) continue;
      this.load(s).then(() => this.prefetch(), () => {});
    }
  }

  scheduleDraw() {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => { this.drawPending = false; this.draw(); });
  }

  /** Draws the current slice with the current window, zoom and pan. */
  draw() {
    const slice = this.slices[this.index];
    const dpr = window.devicePixelRatio || 1;
    const cw = Math.max(1, Math.round(this.viewport.clientWidth * dpr)), ch = Math.max(1, Math.round(this.viewport.clientHeight * dpr));
    for (const c of [this.canvas, this.overlay]) if (c.width !== cw || c.height !== ch) { c.width = cw; c.height = ch; }
    const ctx = this.canvas.getContext('2d');
    const f = slice && this.cache.get(this.key(slice));
    if (!f) return;
    const meta = slice.inst.meta;
    let source;
    if (f.kind === 'gray') {
      if (!this.window) this.window = defaultWindow(meta, f);
      if (this.offscreen.width !== f.cols || this.offscreen.height !== f.rows) {
        this.offscreen.width = f.cols;
        this.offscreen.height = f.rows;
        this.imageData = null;
      }
      const octx = this.offscreen.getContext('2d');
      if (!this.imageData) this.imageData = octx.createImageData(f.cols, f.rows);
      renderGray(f, this.window, this.imageData, !!this.invert);
      octx.putImageData(this.imageData, 0, 0);
      source = this.offscreen;
    } else {
      source = f.bitmap;
    }
    const t = this.transform(f, cw, ch);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, cw, ch);
    ctx.imageSmoothingEnabled = t.s < 3;
    ctx.setTransform(t.s, 0, 0, t.s, t.x, t.y);
    ctx.drawImage(source, 0, 0);
    this.drawOverlay(t);
    this.updateText();
    this.drawn++;
    // What is on the canvas now (the state may already have moved on to the next draw).
    this.drawnWith = { index: this.index, t, window: f.kind === 'gray' ? { ...this.window } : null, inverted: f.kind === 'gray' && !!this.invert };
    this.viewport.dataset.index = String(this.index);
    this.viewport.dataset.drawn = String(this.drawn);
    if (this.drawn === 1 || this.firstOfSeries !== this.seriesPath) {
      this.firstOfSeries = this.seriesPath;
      performance.mark('linnea:first-image');
    }
    this.viewport.dispatchEvent(new CustomEvent('linnea:drawn', { detail: { index: this.index } }));
    if (this.attributesShown && this.attributesOf !== slice.inst) this.showAttributes();
  }

  /** Image to canvas: fitted, then zoomed about the centre and panned. */
  transform(f, cw, ch) {
    const dpr = window.devicePixelRatio || 1;
    const fit = Math.min(cw / f.cols, ch / f.rows);
    const s = fit * this.view.zoom;
    return { s, x: (cw - f.cols * s) / 2 + this.view.panX * dpr, y: (ch - f.rows * s) / 2 + this.view.panY * dpr, dpr };
  }

  currentFrame() {
    const s = this.slices[this.index];
    return s && this.cache.get(this.key(s));
  }

  toImage(ev) {
    const f = this.currentFrame();
    if (!f) return null;
    const t = this.transform(f, this.canvas.width, this.canvas.height);
    const r = this.canvas.getBoundingClientRect();
    return { x: ((ev.clientX - r.left) * t.dpr - t.x) / t.s, y: ((ev.clientY - r.top) * t.dpr - t.y) / t.s };
  }

  /** Length of a line in mm from Pixel Spacing (row spacing, column spacing), else in pixels. */
  length(line) {
    const meta = this.slices[this.index].inst.meta;
    let ps = values(meta, T.PixelSpacing).map(Number);
    let unit = 'mm';
    if (ps.length !== 2) { ps = values(meta, T.ImagerPixelSpacing).map(Number); unit = 'mm (detector)'; }
    const dx = line.b.x - line.a.x, dy = line.b.y - line.a.y;
    if (ps.length !== 2) return { value: Math.hypot(dx, dy), unit: 'px' };
    return { value: Math.hypot(dx * ps[1], dy * ps[0]), unit };
  }

  drawOverlay(t) {
    const ctx = this.overlay.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    const lines = this.measures.get(this.index) || [];
    ctx.lineWidth = 2 * t.dpr;
    ctx.font = (13 * t.dpr) + 'px system-ui, sans-serif';
    for (const line of lines) {
      const ax = line.a.x * t.s + t.x, ay = line.a.y * t.s + t.y, bx = line.b.x * t.s + t.x, by = line.b.y * t.s + t.y;
      ctx.strokeStyle = '#ffd54a';
      ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by); ctx.stroke();
      for (const [x, y] of [[ax, ay], [bx, by]]) { ctx.beginPath(); ctx.arc(x, y, 3 * t.dpr, 0, 2 * Math.PI); ctx.stroke(); }
      const len = this.length(line);
      const label = len.value.toFixed(1) + ' ' + len.unit;
      ctx.fillStyle = '#000';
      ctx.fillText(label, bx + 7 * t.dpr, by + 1 * t.dpr);
      ctx.fillStyle = '#ffd54a';
      ctx.fillText(label, bx + 6 * t.dpr, by);
    }
  }

  updateText() {
    const slice = this.slices[this.index];
    const meta = slice && slice.inst.meta;
    const info = this.studyInfo || {};
    document.getElementById('ov-tl').textContent = [info.name, info.pid, date(info.date), meta ? str(meta, T.SeriesDescription) : ''].filter(Boolean).join('\n');
    const frames = meta ? num(meta, T.NumberOfFrames, 1) : 1;
    const tr = ['Image ' + (this.index + 1) + ' / ' + this.slices.length];
    if (slice) tr.push('Instance ' + slice.inst.number + (frames > 1 ? ', frame ' + slice.frame + ' / ' + frames : ''));
    if (meta && values(meta, T.SliceLocation).length) tr.push('Location ' + num(meta, T.SliceLocation, 0).toFixed(1) + ' mm');
    document.getElementById('ov-tr').textContent = tr.join('\n');
    const w = this.window;
    const f = this.currentFrame();
    document.getElementById('ov-bl').textContent = (w && f && f.kind === 'gray' ? 'W ' + Math.round(w.w) + '  L ' + Math.round(w.c) + '\n' : '')
      + 'Zoom ' + Math.round(this.view.zoom * 100) + '%';
    // Orientation of the image's edges, from Image Orientation (Patient).
    const iop = meta ? values(meta, T.ImageOrientationPatient).map(Number) : [];
    const edges = iop.length === 6 ? { r: orientation(iop.slice(0, 3)), b: orientation(iop.slice(3)) } : { r: '', b: '' };
    const opposite = d => d.replace(/[LRPAHF]/g, c => ({ L: 'R', R: 'L', P: 'A', A: 'P', H: 'F', F: 'H' })[c]);
    document.getElementById('ov-r').textContent = edges.r;
    document.getElementById('ov-l').textContent = opposite(edges.r);
    document.getElementById('ov-b').textContent = edges.b;
    document.getElementById('ov-t').textContent = opposite(edges.b);
    const lines = this.measures.get(this.index) || [];
    document.getElementById('ov-br').textContent = lines.length ? 'Length ' + this.length(lines[lines.length - 1]).value.toFixed(1) + ' ' + this.length(lines[lines.length - 1]).unit
      : (f ? '' : 'Loading…');
  }

  setMessage(text) {
    this.message.textContent = text;
  }

  setWindow(c, w) {
    this.window = { c, w: Math.max(1, w) };
    this.scheduleDraw();
  }

  preset(n) {
    if (n === 0) {
      const s = this.slices[this.index], f = this.currentFrame();
      if (s && f && f.kind === 'gray') this.window = defaultWindow(s.inst.meta, f);
      this.scheduleDraw();
      return;
    }
    const p = PRESETS[n];
    if (p) this.setWindow(p.c, p.w);
  }

  toggleInvert() {
    this.invert = !this.invert;
    document.getElementById('invert').setAttribute('aria-pressed', String(this.invert));
    this.scheduleDraw();
  }

  setTool(tool) {
    this.tool = tool;
    document.querySelectorAll('[data-tool]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.tool === tool)));
  }

  reset() {
    this.view = { zoom: 1, panX: 0, panY: 0 };
    this.measures.delete(this.index);
    this.preset(0);
  }

  // ---- cine ---------------------------------------------------------------------------------

  toggleCine() {
    if (this.cine) { this.stopCine(); return; }
    const button = document.getElementById('cine');
    button.setAttribute('aria-pressed', 'true');
    button.textContent = 'Stop';
    let last = performance.now();
    const tick = now => {
      if (!this.cine) return;
      const fps = Math.max(1, Math.min(60, parseFloat(document.getElementById('fps').value) || 10));
      if (now - last >= 1000 / fps) {
        const next = (this.index + 1) % this.slices.length;
        // Wait for a frame that is still loading rather than skip it.
        if (this.cache.has(this.key(this.slices[next]))) { last = now; this.show(next); } else { this.load(this.slices[next]).catch(() => {}); this.prefetch(); }
      }
      this.cine = requestAnimationFrame(tick);
    };
    this.cine = requestAnimationFrame(tick);
  }

  stopCine() {
    if (this.cine) cancelAnimationFrame(this.cine);
    this.cine = null;
    const button = document.getElementById('cine');
    button.setAttribute('aria-pressed', 'false');
    button.textContent = 'Play';
  }

  /** Suggested cine rate of a multi-frame image, when it says one. */
  suggestFps() {
    const meta = this.slices[this.index] && this.slices[this.index].inst.meta;
    const rate = num(meta, T.RecommendedDisplayFrameRate, num(meta, T.CineRate, NaN));
    const ft = num(meta, T.FrameTime, NaN);
    const fps = Number.isFinite(rate) ? rate : Number.isFinite(ft) && ft > 0 ? 1000 / ft : NaN;
    if (Number.isFinite(fps)) document.getElementById('fps').value = String(Math.round(Math.min(60, Math.max(1, fps))));
  }

  // ---- attributes ---------------------------------------------------------------------------

  toggleAttributes(force) {
    this.attributesShown = force !== undefined ? force : !this.attributesShown;
    document.getElementById('attributes').hidden = !this.attributesShown;
    document.getElementById('attrs-toggle').setAttribute('aria-pressed', String(this.attributesShown));
    if (this.attributesShown) this.showAttributes();
    this.draw();
  }

  showAttributes() {
    const slice = this.slices[this.index];
    if (!slice || !slice.inst.meta) return;
    this.attributesOf = slice.inst;
    const filter = document.getElementById('attr-filter').value.trim().toLowerCase();
    const meta = slice.inst.meta;
    const rows = [];
    for (const tag of Object.keys(meta).sort()) {
      const label = name(tag);
      const text = display(meta[tag]);
      const line = formatTag(tag) + ' ' + label + ' ' + text;
      if (filter && !line.toLowerCase().includes(filter)) continue;
      const tr = document.createElement('tr');
      const a = document.createElement('td'); a.textContent = formatTag(tag) + ' ' + meta[tag].vr;
      const b = document.createElement('td'); b.textContent = label;
      const c = document.createElement('td'); c.textContent = text;
      tr.append(a, b, c);
      rows.push(tr);
    }
    document.getElementById('attr-body').replaceChildren(...rows);
  }

  // ---- input --------------------------------------------------------------------------------

  bindInput() {
    const vp = this.viewport;
    let wheelAcc = 0;
    vp.addEventListener('wheel', ev => {
      ev.preventDefault();
      if (ev.ctrlKey) {
        this.view.zoom = Math.min(40, Math.max(0.05, this.view.zoom * Math.exp(-ev.deltaY * 0.002)));
        this.scheduleDraw();
        return;
      }
      // One wheel notch (one event of 40 px or more) is one image; small trackpad deltas add up to one.
      const px = ev.deltaMode === 1 ? ev.deltaY * 40 : ev.deltaMode === 2 ? ev.deltaY * 400 : ev.deltaY;
      wheelAcc = Math.abs(px) >= 40 ? px : wheelAcc + px;
      if (Math.abs(wheelAcc) >= 40) {
        this.step(Math.sign(wheelAcc));
        wheelAcc = 0;
      }
    }, { passive: false });
    let drag = null;
    vp.addEventListener('contextmenu', ev => ev.preventDefault());
    // Two fingers on a touch screen: pinch zooms, moving both pans.
    const pointers = new Map();
    const spread = () => { const [a, b] = [...pointers.values()]; return { d: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }; };
    vp.addEventListener('pointerdown', ev => {
      vp.focus();
      vp.setPointerCapture(ev.pointerId);
      pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      if (pointers.size === 2) {
        if (drag && drag.line) this.measures.get(this.index).pop();
        drag = { tool: 'pinch', ...spread() };
        return;
      }
      if (pointers.size > 2) return;
      const tool = ev.button === 2 ? 'zoom' : ev.button === 1 ? 'pan' : this.tool;
      drag = { tool, x: ev.clientX, y: ev.clientY, acc: 0 };
      if (tool === 'measure') {
        const p = this.toImage(ev);
        if (!p) { drag = null; return; }
        drag.line = { a: p, b: { ...p } };
        const list = this.measures.get(this.index) || [];
        list.push(drag.line);
        this.measures.set(this.index, list);
      }
    });
    vp.addEventListener('pointermove', ev => {
      if (pointers.has(ev.pointerId)) pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      if (!drag) return;
      if (drag.tool === 'pinch') {
        if (pointers.size !== 2) return;
        const now = spread();
        if (drag.d > 0) this.view.zoom = Math.min(40, Math.max(0.05, this.view.zoom * now.d / drag.d));
        this.view.panX += now.x - drag.x;
        this.view.panY += now.y - drag.y;
        drag = { tool: 'pinch', ...now };
        this.scheduleDraw();
        return;
      }
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      drag.x = ev.clientX; drag.y = ev.clientY;
      switch (drag.tool) {
        case 'window': {
          const w = this.window;
          if (!w) break;
          const k = Math.max(0.5, w.w / 250);
          this.setWindow(w.c + dy * k, w.w + dx * k);
          break;
        }
        case 'pan': this.view.panX += dx; this.view.panY += dy; this.scheduleDraw(); break;
        case 'zoom': this.view.zoom = Math.min(40, Math.max(0.05, this.view.zoom * Math.exp(-dy * 0.01))); this.scheduleDraw(); break;
        case 'scroll': {
          drag.acc += dy;
          const n = Math.trunc(drag.acc / 6);
          if (n) { drag.acc -= n * 6; this.step(n); }
          break;
        }
        case 'measure': { const p = this.toImage(ev); if (p) { drag.line.b = p; this.scheduleDraw(); } break; }
      }
    });
    const end = ev => {
      pointers.delete(ev.pointerId);
      if (drag && drag.tool === 'pinch' && pointers.size > 0) return;
      if (drag && drag.line && Math.hypot(drag.line.b.x - drag.line.a.x, drag.line.b.y - drag.line.a.y) < 1) {
        const list = this.measures.get(this.index);
        list.pop();
      }
      drag = null;
      this.scheduleDraw();
    };
    vp.addEventListener('pointerup', end);
    vp.addEventListener('pointercancel', end);
    this.slider.addEventListener('input', () => this.show(parseInt(this.slider.value, 10) - 1));
    document.querySelectorAll('[data-tool]').forEach(b => b.addEventListener('click', () => this.setTool(b.dataset.tool)));
    document.querySelectorAll('[data-preset]').forEach(b => b.addEventListener('click', () => this.preset(parseInt(b.dataset.preset, 10))));
    document.getElementById('cine').addEventListener('click', () => this.toggleCine());
    document.getElementById('reset').addEventListener('click', () => this.reset());
    document.getElementById('invert').addEventListener('click', () => this.toggleInvert());
    document.getElementById('attrs-toggle').addEventListener('click', () => this.toggleAttributes());
    document.getElementById('attr-filter').addEventListener('input', () => this.showAttributes());
  }
}

/** The viewer's keyboard shortcuts (document-wide while a study is open, not while typing). */
export function shortcut(viewer, ev) {
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
  const t = ev.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') && t.id !== 'slice') return false;
  const k = ev.key;
  const actions = {
    ArrowUp: () => viewer.step(-1), ArrowLeft: () => viewer.step(-1), ArrowDown: () => viewer.step(1), ArrowRight: () => viewer.step(1),
    PageUp: () => viewer.step(-10), PageDown: () => viewer.step(10), Home: () => viewer.show(0), End: () => viewer.show(viewer.slices.length - 1),
    w: () => viewer.setTool('window'), p: () => viewer.setTool('pan'), z: () => viewer.setTool('zoom'), m: () => viewer.setTool('measure'),
    s: () => viewer.setTool('scroll'), r: () => viewer.reset(), i: () => viewer.toggleInvert(), a: () => viewer.toggleAttributes(), ' ': () => viewer.toggleCine(),
  };
  if (/^[0-4]$/.test(k)) { viewer.preset(parseInt(k, 10)); return true; }
  const f = actions[k] || actions[k.toLowerCase()];
  if (!f) return false;
  if (t && t.tagName === 'BUTTON' && (k === ' ')) return false;
  f();
  return true;
}
