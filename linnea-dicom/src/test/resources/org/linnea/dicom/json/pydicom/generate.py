#!/usr/bin/python3
"""Makes the pydicom expectations of PydicomCrossCheckTest.

Run with Debian's python3 and python3-pydicom (2.3.1 when these files were made):
    /usr/bin/python3 generate.py
Each FILE.dcm of pydicom's test data (read from the installed package, never downloaded) gives FILE.json: pydicom's Dataset.to_json_dict() of the
dataset (not the file meta), binary values inline (no bulk data handler), sorted keys, indented.
"""
import json
import os
import pydicom


FILES = ["CT_small.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "reportsi.dcm", "charset_files/chrFren.dcm"]

DATA = os.path.join(os.path.dirname(pydicom.__file__), "data")
here = os.path.dirname(os.path.abspath(__file__))
for name in FILES:
    path = os.path.join(DATA, name if "/" in name else "test_files/" + name)
    ds = pydicom.dcmread(path)
    d = ds.to_json_dict(bulk_data_threshold=1 << 30)
    with open(os.path.join(here, os.path.basename(name).replace(".dcm", ".json")), "w", encoding="utf-8") as f:
        json.dump(d, f, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)
        f.write("\n")
    print(name, pydicom.__version__)
