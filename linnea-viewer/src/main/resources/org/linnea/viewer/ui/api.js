// All of the viewer's HTTP: DICOMweb under /dicomweb and Linnea's /api, each call with the
// session's bearer token; a 401 opens the login dialog and the call is tried again after it.

const TOKEN_KEY = 'linnea.token';
export const DICOMWEB = '/dicomweb';

let loginPending = null;

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem('linnea.user');
}

export function currentUser() {
  try { return JSON.parse(sessionStorage.getItem('linnea.user') || 'null'); } catch { return null; }
}

/** fetch() with the token; a 401 asks for a login (once for all callers waiting) and retries. */
export async function request(url, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(options.headers || {});
    const t = token();
    if (t) headers.set('Authorization', 'Bearer ' + t);
    const res = await fetch(url, { ...options, headers });
    if (res.status !== 401 || attempt > 2) return res;
    await login();
  }
}

/** A response that is not 2xx as an Error with the server's own message. */
async function check(res, url) {
  if (res.ok) return res;
  let message = res.status + ' ' + res.statusText;
  try {
    const body = await res.json();
    if (body && body.error) message = body.error;
  } catch { /* not JSON */ }
  const e = new Error(message);
  e.status = res.status;
  e.url = url;
  throw e;
}

export async function json(url, options) {
  const res = await check(await request(url, options), url);
  if (res.status === 204) return [];
  return res.json();
}

export async function blob(url, options) {
  const res = await check(await request(url, options), url);
  return res.blob();
}

/** QIDO-RS: the answers of a search, as an array of DICOM JSON objects (truncated: the server cut them). */
export async function qido(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach(x => q.append(k, x)); else q.append(k, v);
  }
  const s = q.toString();
  const url = DICOMWEB + path + (s ? '?' + s : '');
  const res = await check(await request(url, { headers: { Accept: 'application/dicom+json' } }), url);
  const answers = res.status === 204 ? [] : await res.json();
  // The server cuts answers above its limits.maxQueryResults and says so in a Warning header.
  answers.truncated = !!res.headers.get('Warning');
  return answers;
}

/** WADO-RS metadata of a series or an instance. */
export function metadata(path) {
  return json(DICOMWEB + path + '/metadata', { headers: { Accept: 'application/dicom+json' } });
}

/**
 * WADO-RS retrieveFrames for one frame, native little endian (the server decompresses what it
 * stored compressed): the bytes of the single part.
 */
export async function frame(instancePath, n, signal) {
  const url = DICOMWEB + instancePath + '/frames/' + n;
  const res = await check(await request(url, {
    headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1' },
    signal,
  }), url);
  const type = res.headers.get('Content-Type') || '';
  const buf = new Uint8Array(await res.arrayBuffer());
  const m = /boundary="?([^";]+)"?/i.exec(type);
  if (!m) return buf; // a single part
  return firstPart(buf, m[1]);
}

const CRLFCRLF = [13, 10, 13, 10];

function indexOf(buf, pattern, from) {
  const first = pattern[0];
  outer: for (let i = buf.indexOf(first, from); i >= 0 && i <= buf.length - pattern.length; i = buf.indexOf(first, i + 1)) {
    for (let k = 1; k < pattern.length; k++) if (buf[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

/** The body of the first part of a multipart/related message. */
export function firstPart(buf, boundary) {
  const delim = Array.from(new TextEncoder().encode('--' + boundary));
  const start = indexOf(buf, delim, 0);
  if (start < 0) throw new Error('multipart answer without its boundary');
  const bodyStart = indexOf(buf, CRLFCRLF, start) + 4;
  const close = Array.from(new TextEncoder().encode('\r\n--' + boundary));
  const end = indexOf(buf, close, bodyStart);
  if (bodyStart < 4 || end < 0) throw new Error('truncated multipart answer');
  return buf.subarray(bodyStart, end);
}

/** A server-rendered frame (PNG), for what the canvas pipeline does not handle (colour). */
export async function renderedFrame(instancePath, n, signal) {
  const url = DICOMWEB + instancePath + '/frames/' + n + '/rendered';
  const res = await check(await request(url, { headers: { Accept: 'image/png' }, signal }), url);
  return createImageBitmap(await res.blob());
}

/** STOW-RS of some files in one multipart/related request; the server's answer (DICOM JSON). */
export async function storeInstances(files) {
  const boundary = 'linnea-' + crypto.randomUUID();
  const parts = [];
  for (const f of files) {
    parts.push('\r\n--' + boundary + '\r\nContent-Type: application/dicom\r\n\r\n', f);
  }
  parts.push('\r\n--' + boundary + '--\r\n');
  const url = DICOMWEB + '/studies';
  const res = await request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=' + boundary, Accept: 'application/dicom+json' },
    body: new Blob(parts),
  });
  if (res.status === 200 || res.status === 202 || res.status === 409) {
    return { status: res.status, body: await res.json().catch(() => ({})), warnings: res.headers.get('Warning') };
  }
  await check(res, url);
  return { status: res.status, body: {} };
}

// ---- login ----------------------------------------------------------------------------------

function login() {
  if (!loginPending) {
    loginPending = showLogin().finally(() => { loginPending = null; });
  }
  return loginPending;
}

function showLogin() {
  const dialog = document.getElementById('login');
  const form = dialog.querySelector('form');
  const error = dialog.querySelector('.error');
  error.textContent = '';
  return new Promise(resolve => {
    const submit = async ev => {
      ev.preventDefault();
      const data = new FormData(form);
      error.textContent = '';
      try {
        const res = await fetch('/api/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
        });
        if (!res.ok) {
          let msg = 'Sign-in failed (' + res.status + ')';
          try { const b = await res.json(); if (b.error) msg = b.error; } catch { /* not JSON */ }
          error.textContent = msg;
          return;
        }
        const body = await res.json();
        sessionStorage.setItem(TOKEN_KEY, body.token);
        sessionStorage.setItem('linnea.user', JSON.stringify(body.user || null));
        form.removeEventListener('submit', submit);
        form.reset();
        dialog.close();
        document.dispatchEvent(new CustomEvent('linnea:login', { detail: body.user }));
        resolve();
      } catch (e) {
        error.textContent = 'Cannot reach the server: ' + e.message;
      }
    };
    form.addEventListener('submit', submit);
    if (!dialog.open) dialog.showModal();
  });
}
