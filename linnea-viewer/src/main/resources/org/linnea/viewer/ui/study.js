// The study view: the study's series as thumbnails beside the viewer, and the download.
import * as api from './api.js';
import { T, str, num, date } from './dicom.js';

const byId = id => document.getElementById(id);
let thumbUrls = [];
let current = null;

export function initStudy() {
  byId('download').addEventListener('click', () => current && download(current));
}

/** Shows a study and opens its main series (the image series with the most instances). */
export async function showStudy(viewer, studyUid) {
  current = studyUid;
  viewer.close();
  for (const u of thumbUrls) URL.revokeObjectURL(u);
  thumbUrls = [];
  byId('download-status').textContent = '';
  byId('series-list').replaceChildren();
  byId('study-title').textContent = 'Loading…';
  byId('study-sub').textContent = '';
  const [studies, series] = await Promise.all([
    api.qido('/studies', { StudyInstanceUID: studyUid, includefield: ['00081030', '00080061'] }),
    api.qido('/studies/' + studyUid + '/series', { includefield: '0008103E' }),
  ]);
  if (current !== studyUid) return;
  const s = studies[0];
  if (!s) { byId('study-title').textContent = 'No such study'; return; }
  const info = { name: str(s, T.PatientName), pid: str(s, T.PatientID), date: str(s, T.StudyDate), desc: str(s, T.StudyDescription) };
  byId('study-title').textContent = info.name || '(no name)';
  byId('study-sub').textContent = [info.pid, date(info.date), info.desc, str(s, T.AccessionNumber) && 'Acc. ' + str(s, T.AccessionNumber)].filter(Boolean).join(' · ');
  series.sort((a, b) => num(a, T.SeriesNumber, 0) - num(b, T.SeriesNumber, 0));
  const buttons = series.map(se => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.series = str(se, T.SeriesInstanceUID);
    const img = document.createElement('img');
    img.alt = '';
    img.className = 'thumb';
    const label = document.createElement('span');
    label.className = 'label';
    const n = num(se, T.NumberOfSeriesRelatedInstances, 0);
    label.textContent = [str(se, T.Modality), '#' + str(se, T.SeriesNumber), str(se, T.SeriesDescription)].filter(Boolean).join(' ') + ' (' + n + ')';
    b.setAttribute('aria-label', 'Series ' + label.textContent);
    b.append(img, label);
    b.addEventListener('click', () => select(viewer, studyUid, b.dataset.series, info));
    li.append(b);
    return { li, img, se, n };
  });
  byId('series-list').replaceChildren(...buttons.map(x => x.li));
  const images = buttons.filter(x => !['SR', 'PR', 'KO', 'DOC'].includes(str(x.se, T.Modality)));
  const main = (images.length ? images : buttons).reduce((a, b) => (b.n > a.n ? b : a), (images.length ? images : buttons)[0]);
  if (main) {
    // Thumbnails after the first image, so that they do not delay it.
    const loadThumbs = () => thumbnails(studyUid, buttons);
    viewer.viewport.addEventListener('linnea:drawn', loadThumbs, { once: true });
    setTimeout(() => { viewer.viewport.removeEventListener('linnea:drawn', loadThumbs); if (!thumbUrls.length) loadThumbs(); }, 3000);
    await select(viewer, studyUid, str(main.se, T.SeriesInstanceUID), info);
  }
}

async function select(viewer, studyUid, seriesUid, info) {
  document.querySelectorAll('#series-list button').forEach(b => b.setAttribute('aria-current', String(b.dataset.series === seriesUid)));
  await viewer.open(studyUid, seriesUid, info);
}

async function thumbnails(studyUid, buttons) {
  for (const { img, se } of buttons) {
    if (current !== studyUid) return;
    try {
      const blob = await api.blob(api.DICOMWEB + '/studies/' + studyUid + '/series/' + str(se, T.SeriesInstanceUID) + '/thumbnail?viewport=128,128', { headers: { Accept: 'image/jpeg' } });
      const url = URL.createObjectURL(blob);
      thumbUrls.push(url);
      img.src = url;
    } catch {
      img.alt = 'no preview';
    }
  }
}

async function download(studyUid) {
  const status = byId('download-status');
  status.textContent = 'Preparing the zip…';
  try {
    const blob = await api.blob('/api/studies/' + studyUid + '/download.zip');
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'study-' + studyUid + '.zip';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.textContent = 'Downloaded (' + (blob.size / 1048576).toFixed(1) + ' MB).';
  } catch (e) {
    status.textContent = 'Download failed: ' + e.message;
  }
}
