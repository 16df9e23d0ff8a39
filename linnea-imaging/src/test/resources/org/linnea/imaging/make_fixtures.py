#!/usr/bin/python3
"""Writes pixel-fixtures.tsv: reference decodings of pydicom's test files, made with Debian's
pydicom 2.3 and numpy (native and RLE: pydicom's own handlers; JPEG 2000: its Pillow handler,
i.e. OpenJPEG). Run with Debian's /usr/bin/python3 from this folder; the tests only read the TSV.

Each line: file, frame (from 0), rows, columns, samples per pixel, the photometric
interpretation of the values, sum of values, weighted checksum, and a few values.
  values are the decoded stored values, pixel-interleaved (R,G,B,R,...), signed per Pixel
  Representation; checksum = sum(v[i] * (i % 1000 + 1)) mod 2**64 (i over the frame's values).
"""
import sys
import numpy as np
import pydicom

DIR = '/usr/lib/python3/dist-packages/pydicom/data/test_files/'
FILES = [
    'CT_small.dcm', 'MR_small.dcm', 'MR_small_bigendian.dcm', 'MR_small_implicit.dcm', 'MR_small_expb.dcm',
    'MR_small_padded.dcm', 'MR_small_RLE.dcm', 'MR_small_jp2klossless.dcm',
    'SC_rgb_small_odd.dcm', 'SC_rgb_rle.dcm', 'SC_rgb_rle_16bit.dcm', 'SC_rgb_rle_2frame.dcm',
    'SC_rgb_rle_16bit_2frame.dcm', 'SC_rgb_rle_32bit.dcm', 'SC_rgb_rle_32bit_2frame.dcm',
    'SC_ybr_full_422_uncompressed.dcm', 'rtdose.dcm', 'rtdose_1frame.dcm', 'rtdose_expb.dcm', 'rtdose_rle.dcm',
    'rtdose_rle_1frame.dcm', 'liver_1frame.dcm', 'liver_expb_1frame.dcm', 'image_dfl.dcm', 'ExplVR_BigEnd.dcm',
    'JPEG2000.dcm', '693_J2KI.dcm', 'GDCMJ2K_TextGBR.dcm', 'SC_rgb_gdcm_KY.dcm', 'J2K_pixelrep_mismatch.dcm',
]
PROBES = [(0, 0), (1, 0), (0, 1), (-1, -1), ('mid', 'mid'), (3, 5)]


def frames(ds):
    a = ds.pixel_array
    n = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    spp = int(ds.SamplesPerPixel)
    if n == 1:
        a = a[np.newaxis, ...]
    if spp == 1:
        a = a[..., np.newaxis]
    return a


print('# made by make_fixtures.py with pydicom', pydicom.__version__, 'numpy', np.__version__)
print('# file\tframe\trows\tcolumns\tsamples\tinterpretation\tsum\tchecksum\tprobes (x,y,sample=value ...)')
for name in FILES:
    ds = pydicom.dcmread(DIR + name)
    try:
        a = frames(ds)
    except Exception as e:  # noqa: BLE001 - report and skip files pydicom cannot decode here
        print(f'# {name}: pydicom cannot decode: {e}', file=sys.stderr)
        continue
    pi = str(ds.PhotometricInterpretation)
    ts = ds.file_meta.TransferSyntaxUID
    if pi in ('YBR_ICT', 'YBR_RCT') or (ts.startswith('1.2.840.10008.1.2.4.9') and pi.startswith('YBR')):
        pi = 'RGB'  # Pillow/OpenJPEG undo the component transform
    if pi == 'YBR_FULL_422':
        pi = 'YBR_FULL'  # pydicom upsamples the native 4:2:2 layout
    for f in range(a.shape[0]):
        fr = a[f]
        rows, cols, spp = fr.shape
        flat = [int(v) for v in fr.reshape(-1)]
        total = sum(flat)
        check = sum(v * (i % 1000 + 1) for i, v in enumerate(flat)) % 2**64
        probes = []
        for (x, y) in PROBES:
            xx = cols // 2 if x == 'mid' else x % cols
            yy = rows // 2 if y == 'mid' else y % rows
            for s in range(spp):
                probes.append(f'{xx},{yy},{s}={int(fr[yy, xx, s])}')
        print('\t'.join(map(str, [name, f, rows, cols, spp, pi, total, check, ' '.join(probes)])))
