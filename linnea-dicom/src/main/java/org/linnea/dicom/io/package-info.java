/**
 * Reading and writing DICOM: Part 10 files (PS3.10 section 7: preamble, DICM, file meta
 * information) and bare datasets in the transfer syntaxes of PS3.5 section 10 — implicit and
 * explicit VR little endian, explicit VR big endian, deflate, and encapsulated pixel data
 * (Annex A.4). {@link org.linnea.dicom.io.DicomReader} is lenient and hostile-input safe;
 * {@link org.linnea.dicom.io.DicomWriter} is strict. {@link org.linnea.dicom.io.DumpWriter}
 * prints datasets in the layout of DCMTK's dcmdump.
 */
package org.linnea.dicom.io;
