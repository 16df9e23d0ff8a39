package org.linnea.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;

class DatasetTest {

  @Test
  void attributesStaySortedWhateverTheInsertionOrder() {
    Dataset ds = new Dataset();
    ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
    ds.setString(Tag.PatientName, VR.PN, "Doe^John");
    ds.setString(Tag.SOPClassUID, VR.UI, "1.2");
    ds.setNull(Tag.PixelData, VR.OW);
    assertThat(ds.size()).isEqualTo(4);
    assertThat(ds.tagAt(0)).isEqualTo(Tag.SOPClassUID);
    assertThat(ds.tagAt(1)).isEqualTo(Tag.PatientName);
    assertThat(ds.tagAt(3)).isEqualTo(Tag.PixelData);
    assertThat(ds.remove(Tag.PatientName)).isTrue();
    assertThat(ds.contains(Tag.PatientName)).isFalse();
    assertThat(ds.size()).isEqualTo(3);
  }

  @Test
  void stringsArePaddedToEvenLengthAndTrimmedOnRead() {
    Dataset ds = new Dataset();
    ds.setString(Tag.Modality, VR.CS, "CT");
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(ds.getBytes(Tag.SOPInstanceUID).orElseThrow()).containsExactly('1', '.', '2', '.', '3', 0);
    assertThat(ds.getString(Tag.SOPInstanceUID)).contains("1.2.3");
    assertThat(ds.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(ds.getString(Tag.ImageType, 2)).contains("AXIAL");
    assertThat(ds.getString(Tag.ImageType, 3)).isEmpty();
    assertThat(ds.getString(Tag.AccessionNumber)).isEmpty();
  }

  @Test
  void textKeepsLeadingSpacesWhereTheyAreSignificant() {
    Dataset ds = new Dataset();
    ds.setString(Tag.ImageComments, VR.LT, "  indented\\not split");
    assertThat(ds.getString(Tag.ImageComments)).contains("  indented\\not split");
    ds.setString(Tag.StudyDescription, VR.LO, "  padded ");
    assertThat(ds.getString(Tag.StudyDescription)).contains("padded");
  }

  @Test
  void binaryNumbersInBothByteOrders() {
    for (boolean bigEndian : new boolean[] {false, true}) {
      Dataset ds = new Dataset(bigEndian);
      ds.setInt(Tag.Rows, VR.US, 512);
      ds.setInt(Tag.PixelPaddingValue, VR.SS, -2000);
      ds.setLong(Tag.SimpleFrameList, VR.UL, 4_000_000_000L, 7);
      ds.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.48828125);
      ds.setDouble(Tag.RealWorldValueSlope, VR.FD, 1.25);
      ds.setInt(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime);
      assertThat(ds.getInt(Tag.Rows)).hasValue(512);
      assertThat(ds.getInt(Tag.PixelPaddingValue)).hasValue(-2000);
      assertThat(ds.getLongs(Tag.SimpleFrameList)).containsExactly(4_000_000_000L, 7L);
      assertThat(ds.getDoubles(Tag.PixelSpacing)).containsExactly(0.5, 0.48828125);
      assertThat(ds.getDouble(Tag.RealWorldValueSlope)).hasValue(1.25);
      assertThat(ds.getInt(Tag.FrameIncrementPointer)).hasValue(Tag.FrameTime);
      assertThat(ds.getStrings(Tag.FrameIncrementPointer)).containsExactly("00181063");
      assertThat(ds.getInt(Tag.PixelSpacing)).hasValue(0);
    }
  }

  @Test
  void integerStringsAndDecimalStrings() {
    Dataset ds = new Dataset();
    ds.setString(Tag.InstanceNumber, VR.IS, " 42 ");
    ds.setString(Tag.SliceThickness, VR.DS, "1.25E+00");
    ds.setString(Tag.SeriesNumber, VR.IS, "not a number");
    assertThat(ds.getInt(Tag.InstanceNumber)).hasValue(42);
    assertThat(ds.getDouble(Tag.SliceThickness)).hasValue(1.25);
    assertThat(ds.getInt(Tag.SeriesNumber)).isEmpty();
    ds.setDouble(Tag.SliceLocation, VR.DS, 1.0 / 3);
    assertThat(ds.getString(Tag.SliceLocation).orElseThrow()).hasSizeLessThanOrEqualTo(16);
  }

  @Test
  void datesTimesAndDateTimes() {
    Dataset ds = new Dataset();
    ds.setDate(Tag.StudyDate, LocalDate.of(2026, 11, 29));
    ds.setTime(Tag.StudyTime, LocalTime.of(15, 58, 41, 250_000_000));
    ds.setString(Tag.AcquisitionDateTime, VR.DT, "20261129155841.5+0100");
    ds.setString(Tag.ContentDate, VR.DA, "2026.11.29");
    assertThat(ds.getString(Tag.StudyDate)).contains("20261129");
    assertThat(ds.getDate(Tag.StudyDate)).contains(LocalDate.of(2026, 11, 29));
    assertThat(ds.getString(Tag.StudyTime)).contains("155841.250000");
    assertThat(ds.getTime(Tag.StudyTime)).contains(LocalTime.of(15, 58, 41, 250_000_000));
    assertThat(ds.getDateTime(Tag.AcquisitionDateTime)).contains(
        OffsetDateTime.of(2026, 11, 29, 15, 58, 41, 500_000_000, ZoneOffset.ofHours(1)));
    assertThat(ds.getDate(Tag.ContentDate)).contains(LocalDate.of(2026, 11, 29));
  }

  @Test
  void partialPrecisionDatesAndTimes() {
    assertThat(DateTimes.parseTime("15")).contains(LocalTime.of(15, 0));
    assertThat(DateTimes.parseTime("1530")).contains(LocalTime.of(15, 30));
    assertThat(DateTimes.parseTime("15:30:12")).contains(LocalTime.of(15, 30, 12));
    assertThat(DateTimes.parseTime("25")).isEmpty();
    assertThat(DateTimes.parseDateTime("2026")).contains(LocalDateTime.of(2026, 1, 1, 0, 0));
    assertThat(DateTimes.parseDateTime("202611291530")).contains(LocalDateTime.of(2026, 11, 29, 15, 30));
    assertThat(DateTimes.parseDate("20261332")).isEmpty();
    assertThat(DateTimes.parseDate("garbage")).isEmpty();
  }

  @Test
  void personNamesWithAllThreeComponentGroups() {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
    PersonName pn = ds.getPersonName(Tag.PatientName).orElseThrow();
    assertThat(pn.alphabetic().family()).isEqualTo("Yamada");
    assertThat(pn.alphabetic().given()).isEqualTo("Tarou");
    assertThat(pn.ideographic().family()).isEqualTo("山田");
    assertThat(pn.phonetic().given()).isEqualTo("たろう");
    assertThat(pn.toString()).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    assertThat(PersonName.parse("Doe^John^^Dr^").toString()).isEqualTo("Doe^John^^Dr");
    assertThat(PersonName.parse("Doe^John").ideographic().isEmpty()).isTrue();
  }

  @Test
  void textOutsideTheCharacterSetIsRefusedWhenSet() {
    Dataset ds = new Dataset();
    assertThatThrownBy(() -> ds.setString(Tag.PatientName, VR.PN, "Müller"))
        .isInstanceOf(IllegalArgumentException.class);
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
    assertThat(ds.getBytes(Tag.PatientName).orElseThrow()).hasSize(14);
    assertThat(ds.getString(Tag.PatientName)).contains("Müller^Jürgen");
  }

  @Test
  void sequencesInheritTheCharacterSet() {
    Dataset ds = new Dataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    Sequence seq = ds.newSequence(Tag.ReferencedPatientSequence);
    Dataset item = seq.addItem();
    item.setString(Tag.PatientName, VR.PN, "Ærøskøbing^Ålborg");
    assertThat(ds.getSequence(Tag.ReferencedPatientSequence).orElseThrow().get(0).getString(Tag.PatientName))
        .contains("Ærøskøbing^Ålborg");
    assertThat(item.parent()).isSameAs(ds);
  }

  @Test
  void privateBlocksAreReservedAndFound() {
    Dataset ds = new Dataset();
    int t = ds.reservePrivateTag("LINNEA 1.0", 0x0029, 0x01);
    assertThat(t).isEqualTo(0x00291001);
    ds.setString(t, VR.LO, "value");
    int u = ds.reservePrivateTag("OTHER", 0x0029, 0x01);
    assertThat(u).isEqualTo(0x00291101);
    assertThat(ds.privateTag("LINNEA 1.0", 0x0029, 0x01)).hasValue(0x00291001);
    assertThat(ds.privateCreatorOf(0x00291101)).contains("OTHER");
    assertThat(ds.privateTag("NOBODY", 0x0029, 0x01)).isEmpty();
  }
}
