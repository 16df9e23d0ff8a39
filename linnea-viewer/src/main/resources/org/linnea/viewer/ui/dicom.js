// Reading DICOM JSON (PS3.18 F.2) as the viewer needs it, and the names of the attributes it shows.

export const T = {
  SpecificCharacterSet: '00080005', SOPClassUID: '00080016', SOPInstanceUID: '00080018', StudyDate: '00080020',
  StudyTime: '00080030', AccessionNumber: '00080050', Modality: '00080060', ModalitiesInStudy: '00080061',
  StudyDescription: '00081030', SeriesDescription: '0008103E', PatientName: '00100010', PatientID: '00100020',
  PatientBirthDate: '00100030', PatientSex: '00100040', SliceThickness: '00180050', StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E', StudyID: '00200010', SeriesNumber: '00200011', InstanceNumber: '00200013',
  ImagePositionPatient: '00200032', ImageOrientationPatient: '00200037', SliceLocation: '00201041',
  NumberOfStudyRelatedSeries: '00201206', NumberOfStudyRelatedInstances: '00201208', NumberOfSeriesRelatedInstances: '00201209',
  SamplesPerPixel: '00280002', PhotometricInterpretation: '00280004', NumberOfFrames: '00280008', Rows: '00280010',
  Columns: '00280011', PixelSpacing: '00280030', ImagerPixelSpacing: '00181164', BitsAllocated: '00280100', BitsStored: '00280101',
  HighBit: '00280102', PixelRepresentation: '00280103', WindowCenter: '00281050', WindowWidth: '00281051',
  RescaleIntercept: '00281052', RescaleSlope: '00281053', CineRate: '00180040', RecommendedDisplayFrameRate: '00082144',
  FrameTime: '00181063',
};

/** Names of the attributes the attribute panel labels (tags not listed show as their number). */
const NAMES = {};
for (const [k, v] of Object.entries(T)) NAMES[v] = k.replace(/([a-z])([A-Z])/g, '$1 $2');
Object.assign(NAMES, {
  '00020010': 'Transfer Syntax UID', '00080008': 'Image Type', '00080012': 'Instance Creation Date', '00080070': 'Manufacturer',
  '00080080': 'Institution Name', '00080090': 'Referring Physician Name', '00081090': 'Manufacturer Model Name',
  '00180015': 'Body Part Examined', '00180060': 'KVP', '00181030': 'Protocol Name', '00185100': 'Patient Position',
  '00200052': 'Frame Of Reference UID', '00280034': 'Pixel Aspect Ratio', '7FE00010': 'Pixel Data', '00181150': 'Exposure Time',
  '00181151': 'X-Ray Tube Current', '00080021': 'Series Date', '00080031': 'Series Time', '00100030': 'Patient Birth Date',
});

export function name(tag) {
  return NAMES[tag] || '';
}

/** The first value of an attribute, or undefined. */
export function first(ds, tag) {
  const e = ds && ds[tag];
  return e && e.Value && e.Value.length ? e.Value[0] : undefined;
}

export function values(ds, tag) {
  const e = ds && ds[tag];
  return e && e.Value ? e.Value : [];
}

export function num(ds, tag, fallback) {
  const v = first(ds, tag);
  const n = typeof v === 'number' ? v : parseFloat(v);
  return Number.isFinite(n) ? n : fallback;
}

export function str(ds, tag) {
  const v = first(ds, tag);
  if (v === undefined) return '';
  if (typeof v === 'object' && v.Alphabetic !== undefined) return personName(v);
  return String(v);
}

/** A person name for reading: "FAMILY, Given Middle". */
export function personName(v) {
  const a = (v && (v.Alphabetic || v.Ideographic || v.Phonetic)) || '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = a.split('^');
  const rest = [prefix, given, middle, suffix].filter(Boolean).join(' ');
  return family && rest ? family + ', ' + rest : family || rest;
}

/** YYYYMMDD as YYYY-MM-DD. */
export function date(s) {
  return s && /^\d{8}$/.test(s) ? s.slice(0, 4) + '-' + s.slice(4, 6) + '-' + s.slice(6, 8) : s || '';
}

export function time(s) {
  return s && /^\d{4}/.test(s) ? s.slice(0, 2) + ':' + s.slice(2, 4) : s || '';
}

/** An attribute's value as one line of text for the attribute panel. */
export function display(e) {
  if (!e) return '';
  if (e.BulkDataURI) return '(bulk data)';
  if (e.InlineBinary) return '(binary, ' + Math.floor(e.InlineBinary.length * 3 / 4) + ' bytes)';
  if (!e.Value) return '';
  if (e.vr === 'SQ') return e.Value.length + (e.Value.length === 1 ? ' item' : ' items');
  return e.Value.map(v => (v && typeof v === 'object' ? personName(v) : String(v))).join(' \\ ');
}

export function formatTag(tag) {
  return '(' + tag.slice(0, 4) + ',' + tag.slice(4) + ')';
}

/**
 * The patient direction of a vector in the patient coordinate system (LPS, PS3.3 C.7.6.2.1.1)
 * as letters, main axis first: x+ L, y+ P, z+ H (head) and their opposites R, A, F.
 */
export function orientation(v) {
  const axes = [['L', 'R'], ['P', 'A'], ['H', 'F']];
  return [0, 1, 2].filter(i => Math.abs(v[i]) > 0.25).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]))
    .map(i => axes[i][v[i] > 0 ? 0 : 1]).join('');
}
