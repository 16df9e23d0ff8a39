/**
 * Specific Character Set (0008,0005): decoding the text VRs to Unicode and encoding text for
 * writing, following DICOM PS3.5 section 6.1 (Support of Character Repertoires, including the
 * ISO/IEC 2022 code extensions of 6.1.2.5) with the Defined Terms of PS3.3 C.12.1.1.2, and the
 * informative examples of PS3.5 Annex H (Japanese), Annex I (Korean), Annex J (Unicode UTF-8,
 * GB18030 and GBK) and Annex K (Chinese GB 2312), which the tests reproduce byte for byte.
 *
 * <p>Uses the JDK only; the Asian mappings come from the module jdk.charsets.
 */
package org.linnea.dicom.charset;
