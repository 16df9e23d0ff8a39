#!/usr/bin/python3
"""Writes N CT-sized instances (512x512, 16-bit, ~0.5 MB) made from pydicom's CT_small.dcm, each with
new SOP Instance UIDs (one study, one series), explicit VR little endian, into a folder.
Usage: make-ct-instances.py OUT_DIR [N]"""
import os, sys
import numpy as np
import pydicom
from pydicom.uid import generate_uid

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.makedirs(out, exist_ok=True)
src = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files", "CT_small.dcm")
ds = pydicom.dcmread(src)
px = ds.pixel_array
big = np.kron(px, np.ones((4, 4), dtype=px.dtype))  # 128x128 -> 512x512
ds.Rows, ds.Columns = big.shape
ds.PixelData = big.tobytes()
ds.StudyInstanceUID = generate_uid()
ds.SeriesInstanceUID = generate_uid()
for i in range(n):
    uid = generate_uid()
    ds.SOPInstanceUID = uid
    ds.file_meta.MediaStorageSOPInstanceUID = uid
    ds.InstanceNumber = i + 1
    ds.save_as(os.path.join(out, "ct%05d.dcm" % i), write_like_original=False)
