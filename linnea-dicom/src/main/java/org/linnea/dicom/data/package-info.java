/**
 * The dataset model (PS3.5 section 7): {@link org.linnea.dicom.data.Dataset} holds attributes
 * sorted by tag with their encoded bytes, decoded on demand; {@link org.linnea.dicom.data.Sequence}
 * items, encapsulated pixel data ({@link org.linnea.dicom.data.Fragments}) and values left on disk
 * ({@link org.linnea.dicom.data.BulkData}); typed values such as
 * {@link org.linnea.dicom.data.PersonName} (PS3.5 6.2.1) and the DA/TM/DT parsers of
 * {@link org.linnea.dicom.data.DateTimes}.
 */
package org.linnea.dicom.data;
