// The study list: QIDO-RS searchForStudies with the form's keys, sorted and paged in the browser
// over the first WINDOW matches (QIDO-RS has no sort order of its own).
import { qido } from './api.js';
import { T, str, num, date, values } from './dicom.js';

const WINDOW = 500;
const byId = id => document.getElementById(id);

let rows = [];
let sort = { key: 'date', dir: -1 };
let page = 0;
let more = false;

const KEYS = {
  name: r => r.name.toUpperCase(), pid: r => r.pid, birth: r => r.birth, date: r => r.date + r.time,
  mods: r => r.mods, desc: r => r.desc.toUpperCase(), acc: r => r.acc, count: r => r.count,
};

export function initList(openStudy) {
  const form = byId('search');
  form.addEventListener('submit', ev => { ev.preventDefault(); search(); });
  form.addEventListener('reset', () => setTimeout(search, 0));
  byId('page-prev').addEventListener('click', () => { page--; render(openStudy); });
  byId('page-next').addEventListener('click', () => { page++; render(openStudy); });
  byId('page-size').addEventListener('change', () => { page = 0; render(openStudy); });
  document.querySelectorAll('#studies th button').forEach(b => b.addEventListener('click', () => {
    const key = b.dataset.sort;
    sort = { key, dir: sort.key === key ? -sort.dir : (key === 'date' || key === 'count' ? -1 : 1) };
    page = 0;
    render(openStudy);
  }));
  const tbody = document.querySelector('#studies tbody');
  const open = tr => tr && tr.dataset.study && openStudy(tr.dataset.study);
  tbody.addEventListener('click', ev => open(ev.target.closest('tr')));
  tbody.addEventListener('keydown', ev => {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(ev.target.closest('tr')); }
  });
  listRenderer = () => render(openStudy);
}

let listRenderer = () => {};

/** The QIDO-RS parameters of the search form. */
export function searchParams(form) {
  const f = new FormData(form);
  const p = { limit: WINDOW + 1, includefield: ['00081030', '00080061', '00201208', '00201206'] };
  const name = (f.get('PatientName') || '').trim();
  if (name) {
    p.PatientName = name;
    if (!/[*?]/.test(name)) p.fuzzymatching = 'true';
  }
  for (const k of ['PatientID', 'AccessionNumber', 'ModalitiesInStudy']) {
    const v = (f.get(k) || '').trim();
    if (v) p[k] = v;
  }
  const from = (f.get('from') || '').replaceAll('-', '');
  const to = (f.get('to') || '').replaceAll('-', '');
  if (from || to) p.StudyDate = from === to ? from : from + '-' + to;
  return p;
}

export async function search() {
  const status = byId('list-status');
  status.textContent = 'Searching…';
  status.classList.remove('error');
  try {
    const answers = await qido('/studies', searchParams(byId('search')));
    more = answers.length > WINDOW || answers.truncated;
    rows = answers.slice(0, WINDOW).map(ds => ({
      uid: str(ds, T.StudyInstanceUID), name: str(ds, T.PatientName), pid: str(ds, T.PatientID),
      birth: str(ds, T.PatientBirthDate), date: str(ds, T.StudyDate), time: str(ds, T.StudyTime),
      mods: values(ds, T.ModalitiesInStudy).join(', '), desc: str(ds, T.StudyDescription), acc: str(ds, T.AccessionNumber),
      count: num(ds, T.NumberOfStudyRelatedInstances, 0), series: num(ds, T.NumberOfStudyRelatedSeries, 0),
    }));
    page = 0;
    status.textContent = rows.length === 0 ? 'No study matches.'
      : rows.length + (more ? '+ studies match; the first ' + rows.length + ' are listed: narrow the search.' : rows.length === 1 ? ' study' : ' studies');
  } catch (e) {
    rows = [];
    status.textContent = 'Search failed: ' + e.message;
    status.classList.add('error');
  }
  listRenderer();
}

function render(openStudy) {
  const size = parseInt(byId('page-size').value, 10);
  const key = KEYS[sort.key];
  const sorted = rows.slice().sort((a, b) => {
    const x = key(a), y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  });
  const pages = Math.max(1, Math.ceil(sorted.length / size));
  page = Math.min(Math.max(0, page), pages - 1);
  const shown = sorted.slice(page * size, page * size + size);
  const tbody = document.querySelector('#studies tbody');
  tbody.replaceChildren(...shown.map(r => {
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    tr.dataset.study = r.uid;
    const cells = [[r.name], [r.pid], [date(r.birth), 'wide'], [date(r.date)], [r.mods], [r.desc, 'wide'], [r.acc], [String(r.count), 'num']];
    for (const [text, cls] of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    tr.setAttribute('aria-label', 'Open study of ' + r.name + ', ' + date(r.date) + ' ' + r.desc);
    return tr;
  }));
  document.querySelectorAll('#studies th').forEach(th => {
    const b = th.querySelector('button');
    if (b.dataset.sort === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  });
  byId('page-info').textContent = rows.length ? 'Page ' + (page + 1) + ' of ' + pages : '';
  byId('page-prev').disabled = page === 0;
  byId('page-next').disabled = page >= pages - 1;
}
