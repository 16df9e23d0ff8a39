/**
 * The DICOM JSON Model of PS3.18 Annex F ("DICOM JSON Model"), as returned by QIDO-RS and the
 * WADO-RS metadata resources and accepted by STOW-RS: {@link org.linnea.dicom.json.DicomJsonWriter}
 * streams datasets out as Annex F JSON through a Jackson {@code JsonGenerator}, {@link
 * org.linnea.dicom.json.DicomJsonReader} parses Annex F JSON back into {@link
 * org.linnea.dicom.data.Dataset}s, failing on malformed or hostile input with a {@link
 * org.linnea.dicom.json.DicomJsonException} that names the line, column and tag.
 *
 * <p>Only jackson-core's streaming API is used: no document tree is built on either side.
 */
package org.linnea.dicom.json;
