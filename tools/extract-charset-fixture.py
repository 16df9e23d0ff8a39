#!/usr/bin/python3
"""Extracts the test fixture for org.linnea.dicom.charset from pydicom's character set test files.

Source: Debian's python3-pydicom package, whose data/charset_files/chr*.dcm are the well-known
character set examples (most of them the PS3.5 Annex H-K examples as real files; see
FileInfo.txt next to them). pydicom is used only to find the elements and to say what it decodes;
Linnea's decoder is tested against that, not derived from it.

For every text element (SH, LO, UC, ST, LT, UT, PN) that is a person name, contains a byte >= 0x80
or ESC, or has several values, one row is written with:
  - the raw bytes of the (0008,0005) value that applies (the item's own, else the enclosing
    data set's), hex;
  - the raw value bytes with trailing padding (space, NUL) removed, hex: what a caller hands to
    SpecificCharacterSet.decode();
  - the string pydicom decodes from them, %XX-escaped for '%' and control characters.

How pydicom's string is obtained, so that the comparison is like for like:
  - SH, LO, UC, ST, LT, UT: pydicom.values.convert_text / convert_single_string, as pydicom does
    when reading; several values are joined again with a backslash.
  - PN: pydicom's own path (split on '=', each group decoded with decode_bytes and PN_DELIMS),
    except that it is not followed by PersonName's cosmetic removal of trailing empty groups.

A few constructed values follow (file "constructed"), each for a case the files lack; for some of
them pydicom's result is wrong, which the Java test states where it overrides it.

Usage: tools/extract-charset-fixture.py > \
  linnea-dicom/src/test/resources/org/linnea/dicom/charset/pydicom-charsets.tsv
"""
import glob
import os
import sys

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import pydicom  # noqa: E402
from pydicom.charset import convert_encodings, decode_bytes  # noqa: E402
from pydicom.datadict import dictionary_VR  # noqa: E402
from pydicom.filereader import _read_file_meta_info, read_dataset, read_preamble  # noqa: E402
from pydicom.valuerep import PN_DELIMS  # noqa: E402
from pydicom.values import convert_single_string, convert_text  # noqa: E402

DATA = os.path.join(os.path.dirname(pydicom.__file__), "data", "charset_files")
TEXT_VRS = {"SH", "LO", "UC", "ST", "LT", "UT", "PN"}
SINGLE_VALUED = {"ST", "LT", "UT"}
CHARSET_TAG = 0x00080005


def escape(text):
    return "".join("%%%02X" % ord(c) if c == "%" or ord(c) < 0x20 or ord(c) == 0x7F else c
                   for c in text)


def pydicom_decodes(raw, vr, encodings):
    if vr == "PN":
        return "\\".join("=".join(decode_bytes(group, encodings, PN_DELIMS)
                                  for group in value.split(b"="))
                         for value in raw.split(b"\\"))
    if vr in SINGLE_VALUED:
        return convert_single_string(raw, encodings, vr)
    value = convert_text(raw, encodings, vr)
    return value if isinstance(value, str) else "\\".join(value)


# (element label, VR, (0008,0005), value): cases the files lack
CONSTRUCTED = [
    # PS3.5 Example K.2-1, GB 2312 in G1
    ("K.2-1", "PN", b"\\ISO 2022 IR 58",
     bytes.fromhex("5A68616E675E5869616F446F6E673D1B242941D5C55E1B242941D0A1B6AB3D")),
    # JIS X 0208 0x3D21 (the '=' byte leads the pair)
    ("JIS X 0208 row 29", "PN", b"\\ISO 2022 IR 87", b"\x1b$B=!\x1b(B^Taro"),
    # JIS X 0212 0x3021
    ("JIS X 0212", "LO", b"\\ISO 2022 IR 159", b"\x1b$(D0!\x1b(B"),
    # GBK 0x815C (second byte is the backslash byte)
    ("GBK trail 5C", "LO", b"GBK", "乗".encode("gbk")),
    # ISO-IR 14 romaji 07/14
    ("ISO-IR 14 07/14", "LO", b"ISO_IR 13", b"1~3"),
]


def read_raw(path):
    """The data set with its elements as read, not yet converted (dcmread would convert
    (0008,0005) at once, losing its raw bytes)."""
    with open(path, "rb") as fp:
        read_preamble(fp, False)
        syntax = _read_file_meta_info(fp).TransferSyntaxUID
        return read_dataset(fp, syntax.is_implicit_VR, syntax.is_little_endian)


def walk(name, dataset, charset_raw, path, rows):
    if CHARSET_TAG in dataset:
        charset_raw = bytes(dataset.get_item(CHARSET_TAG).value).rstrip(b" \0")
    terms = [t.strip() for t in charset_raw.decode("ascii").split("\\")] if charset_raw else [""]
    encodings = convert_encodings(terms)
    for tag in sorted(dataset.keys()):
        element = dataset.get_item(tag)
        vr = element.VR or dictionary_VR(tag)
        where = path + "(%04X,%04X)" % (tag.group, tag.element)
        if vr == "SQ":
            for index, item in enumerate(dataset[tag].value):
                walk(name, item, charset_raw, where + "[%d]" % index, rows)
            continue
        if vr not in TEXT_VRS:
            continue
        raw = bytes(element.value or b"").rstrip(b" \0")
        interesting = (vr == "PN" or b"\x1b" in raw or any(b >= 0x80 for b in raw)
                       or (b"\\" in raw and vr not in SINGLE_VALUED))
        if not raw or not interesting:
            continue
        decoded = pydicom_decodes(raw, vr, encodings)
        rows.append((name, where, vr, charset_raw.hex(), raw.hex(), escape(decoded)))


def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(DATA, "chr*.dcm"))):
        walk(os.path.basename(path), read_raw(path), b"", "", rows)
    for label, vr, charset_raw, raw in CONSTRUCTED:
        encodings = convert_encodings([t.strip() for t in charset_raw.decode("ascii").split("\\")])
        decoded = pydicom_decodes(raw, vr, encodings)
        rows.append(("constructed", label, vr, charset_raw.hex(), raw.hex(), escape(decoded)))
    out = sys.stdout
    out.write("# Character set test fixture: text elements of pydicom's data/charset_files/chr*.dcm\n")
    out.write("# (Debian python3-pydicom %s), written by tools/extract-charset-fixture.py.\n"
              % pydicom.__version__)
    out.write("# charset: raw (0008,0005) value in force, hex. value: raw element value, trailing\n")
    out.write("# padding removed, hex. pydicom: what pydicom decodes, %XX-escaped ('%' and controls).\n")
    out.write("# Rows of file 'constructed' are values the files lack, decoded by pydicom the same way.\n")
    out.write("#file\telement\tvr\tcharset\tvalue\tpydicom\n")
    for row in rows:
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
