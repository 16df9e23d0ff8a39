package org.linnea.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The generated dictionary matches its data file and the standard. */
class ElementDictionaryTest {
  final ElementDictionary dict = ElementDictionary.standard();

  @Test
  void everyRowOfTheDataFileIsLoadedAndHasAGeneratedConstant() throws IOException {
    long rows = Files.readAllLines(Path.of("src/main/dictionary/elements.tsv")).stream()
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    assertThat(dict.size()).isEqualTo(rows);
    assertThat(Tag.COUNT).isEqualTo((int) rows);
    assertThat(rows).isGreaterThan(4900);
  }

  @Test
  void knownElements() {
    var pn = dict.entry(0x00100010).orElseThrow();
    assertThat(pn.vr()).isEqualTo(VR.PN);
    assertThat(pn.keyword()).isEqualTo("PatientName");
    assertThat(pn.vm()).isEqualTo("1");
    assertThat(pn.name()).isEqualTo("Patient's Name");
    assertThat(pn.retired()).isFalse();
    assertThat(Tag.PatientName).isEqualTo(0x00100010);
    assertThat(Tag.PixelData).isEqualTo(0x7FE00010);
    assertThat(dict.vrOf(Tag.ImageType)).isEqualTo(VR.CS);
    assertThat(dict.entry(Tag.ImageType).orElseThrow().vm()).isEqualTo("2-n");
    assertThat(dict.vrOf(Tag.ReferencedImageSequence)).isEqualTo(VR.SQ);
    assertThat(dict.tagOf("StudyInstanceUID")).hasValue(0x0020000D);
  }

  @Test
  void retiredElementsAreFlagged() {
    var e = dict.entry(0x00080040).orElseThrow(); // Data Set Type
    assertThat(e.retired()).isTrue();
    assertThat(e.keyword()).isEqualTo("DataSetType");
  }

  @Test
  void repeatingGroupsMatchEveryEvenGroupOfTheirRange() {
    assertThat(dict.keywordOf(0x60000010)).isEqualTo("OverlayRows");
    assertThat(dict.keywordOf(0x601E0010)).isEqualTo("OverlayRows");
    assertThat(dict.keywordOf(0x60023000)).isEqualTo("OverlayData");
    assertThat(dict.vrOf(0x50100010)).isEqualTo(VR.US); // NumberOfPoints (retired curve)
    assertThat(dict.keywordOf(0x7F100010)).isEqualTo("VariablePixelData");
    assertThat(dict.keywordOf(0x00203101)).isEqualTo("SourceImageIDs");
    assertThat(dict.entry(0x60011000)).as("odd groups are private").isEmpty();
  }

  @Test
  void ambiguousVRsHaveADefaultForImplicitEncoding() {
    var px = dict.entry(Tag.PixelData).orElseThrow();
    assertThat(px.vrs()).isEqualTo("OB or OW");
    assertThat(px.ambiguousVR()).isTrue();
    assertThat(px.vr()).isEqualTo(VR.OW);
    assertThat(dict.vrOf(Tag.SmallestImagePixelValue)).isEqualTo(VR.US);
  }

  @Test
  void groupLengthsAndPrivateCreatorsByRule() {
    assertThat(dict.vrOf(0x00090010)).isEqualTo(VR.LO);
    assertThat(dict.keywordOf(0x00290011)).isEqualTo("PrivateCreator");
    assertThat(dict.vrOf(0x00290000)).isEqualTo(VR.UL);
    assertThat(dict.vrOf(0x00291010)).isEqualTo(VR.UN);
    assertThat(dict.keywordOf(0x00291010)).isEmpty();
  }

  @Test
  void uidRegistry() {
    assertThat(UID.CTImageStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
    assertThat(UIDs.nameOf(UID.ExplicitVRLittleEndian)).isEqualTo("Explicit VR Little Endian");
    assertThat(UIDs.lookup(UID.JPEGBaseline8Bit).orElseThrow().type()).isEqualTo("Transfer Syntax");
    assertThat(UIDs.byKeyword("Verification").orElseThrow().uid()).isEqualTo("1.2.840.10008.1.1");
    assertThat(UIDs.size()).isGreaterThan(400);
    assertThat(UIDs.generate()).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void tagsFormatAndParse() {
    assertThat(Tags.toString(Tag.PatientName)).isEqualTo("(0010,0010)");
    assertThat(Tags.toHex(Tag.PixelData)).isEqualTo("7FE00010");
    assertThat(Tags.parse("(7fe0,0010)")).isEqualTo(Tag.PixelData);
    assertThat(Tags.parse("00100010")).isEqualTo(Tag.PatientName);
    assertThat(Tags.isPrivate(0x00091001)).isTrue();
    assertThat(Tags.isPrivateCreator(0x00090010)).isTrue();
    assertThat(Tags.privateCreatorOf(0x00091105)).isEqualTo(0x00090011);
    assertThat(Tags.compare(Tags.Item, Tag.PixelData)).isPositive();
  }
}
