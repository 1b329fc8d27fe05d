package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
