// The viewer's page: routes (#/ the study list, #/study/UID a study), shortcuts, signed-in user.
import { currentUser, signOut, token } from './api.js';
import { initList, search } from './list.js';
import { initStudy, showStudy } from './study.js';
import { initUpload } from './upload.js';
import { Viewer, shortcut } from './viewer.js';

const byId = id => document.getElementById(id);
let viewer;

function openStudy(uid) {
  performance.clearMarks();
  performance.mark('linnea:study-click');
  location.hash = '#/study/' + uid;
}

async function route() {
  const m = /^#\/study\/([0-9.]+)$/.exec(location.hash);
  byId('list-view').hidden = !!m;
  byId('study-view').hidden = !m;
  if (m) {
    viewer.viewport.focus();
    try {
      await showStudy(viewer, m[1]);
    } catch (e) {
      viewer.setMessage('Cannot open the study: ' + e.message);
    }
  } else {
    viewer.close();
  }
}

function showUser() {
  const u = currentUser();
  byId('user').textContent = u ? u.name + (u.organisation ? ' · ' + u.organisation : '') : '';
  byId('signout').hidden = !token();
}

document.addEventListener('DOMContentLoaded', () => {
  viewer = new Viewer();
  initList(openStudy);
  initStudy();
  initUpload(() => { if (!byId('list-view').hidden) search(); });
  document.addEventListener('keydown', ev => {
    if (byId('study-view').hidden || document.querySelector('dialog[open]')) return;
    if (shortcut(viewer, ev)) ev.preventDefault();
  });
  document.addEventListener('linnea:login', showUser);
  byId('signout').addEventListener('click', () => { signOut(); showUser(); location.hash = '#/'; location.reload(); });
  window.addEventListener('hashchange', route);
  showUser();
  // For tests and the curious: the viewer's state, read-only use.
  window.linnea = { viewer };
  route();
  search();
});
