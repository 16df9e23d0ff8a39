// Drives Linnea with the dicomweb-client package (the DICOMweb client OHIF uses), in Node:
//   node client.js BASE_URL FILE.dcm
// storeInstances, searchForStudies, retrieveStudyMetadata, retrieveInstance, retrieveInstanceFrames;
// prints one JSON line with what came back and exits 1 on any failure.
'use strict';
global.XMLHttpRequest = require('xhr2');
const fs = require('fs');
const { api } = require('dicomweb-client');

async function main() {
  const [url, file] = process.argv.slice(2);
  const client = new api.DICOMwebClient({ url, singlepart: false });
  const bytes = fs.readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const stored = await client.storeInstances({ datasets: [buffer] });
  const studies = await client.searchForStudies({ queryParams: { PatientID: process.argv[4] || '*' } });
  const study = studies[0]['0020000D'].Value[0];
  const metadata = await client.retrieveStudyMetadata({ studyInstanceUID: study });
  const m = metadata[0];
  const series = m['0020000E'].Value[0];
  const sop = m['00080018'].Value[0];
  const instance = await client.retrieveInstance({ studyInstanceUID: study, seriesInstanceUID: series, sopInstanceUID: sop });
  const got = Buffer.from(instance);
  const frames = await client.retrieveInstanceFrames({ studyInstanceUID: study, seriesInstanceUID: series, sopInstanceUID: sop, frameNumbers: [1] });
  console.log(JSON.stringify({
    stored: stored === undefined ? null : typeof stored,
    studies: studies.length,
    study,
    metadataInstances: metadata.length,
    rows: m['00280010'].Value[0],
    pixelDataBulkDataURI: m['7FE00010'].BulkDataURI,
    instanceBytes: got.length,
    instanceEqualsFile: got.equals(bytes),
    frames: frames.length,
    frameBytes: frames[0].byteLength,
  }));
}

main().catch((e) => {
  console.error('dicomweb-client failed:', e && (e.stack || e.message || JSON.stringify(e)));
  process.exit(1);
});
