/**
 * The DICOM vocabulary: the data dictionary of PS3.6 ({@link org.linnea.dicom.Tag} constants and
 * {@link org.linnea.dicom.ElementDictionary} lookups, generated from the committed data file
 * {@code src/main/dictionary/elements.tsv}), the UID registry of PS3.6 Annex A
 * ({@link org.linnea.dicom.UID}, {@link org.linnea.dicom.UIDs}), the value representations of
 * PS3.5 section 6.2 ({@link org.linnea.dicom.VR}) and tag arithmetic ({@link org.linnea.dicom.Tags}).
 *
 * <p>Sub-packages: {@code data} (the dataset model), {@code io} (Part 10 and dataset streaming,
 * PS3.5 and PS3.10), {@code charset} (Specific Character Set, PS3.5 section 6.1), {@code json}
 * (the DICOM JSON model, PS3.18 Annex F). Nothing here does network, database or HTTP work.
 */
package org.linnea.dicom;
