package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DicomJsonWriterTest {
  @Test
  void writesEachInstanceAsAnObjectOfTagsWithTheirVrAndValues() {
    byte[] json = DicomJsonWriter.series()
        .instance().strings("00080018", "UI", "1.2.3").numbers("00200032", "DS", 0, -5, 7)
        .instance().bulkData("7FE00010", "OW", "instances/1.2.4/frames")
        .toBytes();

    assertEquals("[{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},\"00200032\":{\"vr\":\"DS\",\"Value\":[0,-5,7]}},"
        + "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"instances/1.2.4/frames\"}}]",
        new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void escapesStringsAsJsonRequires() {
    byte[] json = DicomJsonWriter.series().instance().strings("00100010", "PN", "a\"b\\c").toBytes();

    assertEquals("[{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"a\\\"b\\\\c\"]}}]", new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void writesAnEmptyArrayForASeriesWithoutInstances() {
    assertEquals("[]", new String(DicomJsonWriter.series().toBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void writesWholeDecimalsWithoutAFractionAndOthersAsTheyAre() {
    byte[] json = DicomJsonWriter.series().instance().decimals("00200032", "DS", -128, 0, 2.5, -1024).toBytes();

    assertEquals("[{\"00200032\":{\"vr\":\"DS\",\"Value\":[-128,0,2.5,-1024]}}]",
        new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void refusesADecimalJsonCannotHoldNamingTheAttribute() {
    DicomJsonWriter writer = DicomJsonWriter.series().instance();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> writer.decimals("00281050", "DS", 40, Double.NaN));

    assertEquals("00281050 (DS): JSON has no NaN", e.getMessage());
  }

  @Test
  void writesAPersonNameInItsAlphabeticForm() {
    byte[] json = DicomJsonWriter.series().instance().person("00100010", "Progressive^Demo").toBytes();

    assertEquals("[{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Progressive^Demo\"}]}}]",
        new String(json, StandardCharsets.UTF_8));
  }
}
