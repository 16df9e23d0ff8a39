// Upload by drag and drop or pickers: files, folders (walked with the File and Directory
// Entries API) and zip files (unpacked in the page), sent with STOW-RS in batches.
import { storeInstances } from './api.js';
import { isZip, zipEntries } from './zip.js';

const BATCH_FILES = 32, BATCH_BYTES = 64 * 1024 * 1024;
const byId = id => document.getElementById(id);

export function initUpload(onDone) {
  const dialog = byId('upload');
  byId('upload-open').addEventListener('click', () => dialog.showModal());
  byId('pick-files').addEventListener('change', ev => { upload([...ev.target.files], onDone); ev.target.value = ''; });
  byId('pick-folder').addEventListener('change', ev => { upload([...ev.target.files], onDone); ev.target.value = ''; });
  const target = byId('drop-target');
  const overlay = byId('drop-overlay');
  let depth = 0;
  const hasFiles = ev => ev.dataTransfer && [...ev.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', ev => { if (hasFiles(ev)) { depth++; overlay.hidden = dialog.open; target.classList.add('over'); } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; overlay.hidden = true; target.classList.remove('over'); } });
  window.addEventListener('dragover', ev => { if (hasFiles(ev)) ev.preventDefault(); });
  window.addEventListener('drop', async ev => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    target.classList.remove('over');
    const entries = [...ev.dataTransfer.items].map(i => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    const files = entries.length ? await walk(entries) : [...ev.dataTransfer.files];
    if (!dialog.open) dialog.showModal();
    upload(files, onDone);
  });
}

async function walk(entries) {
  const out = [];
  for (const e of entries) {
    if (e.isFile) {
      out.push(await new Promise((res, rej) => e.file(res, rej)));
    } else if (e.isDirectory) {
      const reader = e.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        out.push(...await walk(batch));
      }
    }
  }
  return out;
}

/** A file's way in: itself, or each entry of a zip, opened lazily. */
async function expand(files, problems) {
  const out = [];
  for (const f of files) {
    if (f.name.toUpperCase() === 'DICOMDIR') continue; // the files it lists are in the folder
    if (await isZip(f)) {
      try {
        for (const e of await zipEntries(f)) {
          if (e.name.split('/').pop().toUpperCase() !== 'DICOMDIR') out.push({ name: f.name + ': ' + e.name, size: e.size, open: () => e.file() });
        }
      } catch (e) {
        problems.push(e.message);
      }
    } else {
      out.push({ name: f.webkitRelativePath || f.name, size: f.size, open: async () => f });
    }
  }
  return out;
}

async function isDicom(file) {
  if (file.size < 132) return false;
  const b = new Uint8Array(await file.slice(128, 132).arrayBuffer());
  return b[0] === 0x44 && b[1] === 0x49 && b[2] === 0x43 && b[3] === 0x4d;
}

let busy = false;

export async function upload(files, onDone) {
  if (busy) return;
  busy = true;
  const status = byId('upload-status');
  const progress = byId('upload-progress');
  const problemList = byId('upload-problems');
  problemList.replaceChildren();
  const problems = [];
  let stored = 0, failed = 0, skipped = 0;
  try {
    status.textContent = 'Reading ' + files.length + ' files…';
    const items = await expand(files, problems);
    progress.hidden = false;
    progress.max = Math.max(1, items.length);
    progress.value = 0;
    let batch = [], bytes = 0, done = 0;
    const flush = async () => {
      if (!batch.length) return;
      const res = await storeInstances(batch.map(b => b.file));
      const ok = (res.body['00081199'] && res.body['00081199'].Value) || [];
      const bad = (res.body['00081198'] && res.body['00081198'].Value) || [];
      stored += ok.length;
      failed += bad.length;
      if (bad.length) problems.push(bad.length + ' refused by the server' + (res.warnings ? ': ' + res.warnings : ''));
      done += batch.length;
      progress.value = done;
      status.textContent = 'Stored ' + stored + ' of ' + items.length + '…';
      batch = []; bytes = 0;
    };
    for (const item of items) {
      let file;
      try {
        file = await item.open();
      } catch (e) {
        problems.push(item.name + ': ' + e.message);
        continue;
      }
      if (!(await isDicom(file))) { skipped++; problems.push(item.name + ': not a DICOM file (no DICM prefix)'); continue; }
      batch.push({ file });
      bytes += file.size;
      if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) await flush();
    }
    await flush();
    status.textContent = 'Stored ' + stored + (failed ? ', refused ' + failed : '') + (skipped ? ', skipped ' + skipped + ' that are not DICOM' : '') + '.';
  } catch (e) {
    status.textContent = 'Upload stopped: ' + e.message + ' (stored so far: ' + stored + ')';
  } finally {
    busy = false;
    progress.hidden = true;
    problemList.replaceChildren(...problems.slice(0, 200).map(p => { const li = document.createElement('li'); li.textContent = p; return li; }));
    if (stored && onDone) onDone();
  }
}
