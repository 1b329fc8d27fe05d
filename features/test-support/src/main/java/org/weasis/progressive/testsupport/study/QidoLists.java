package org.weasis.progressive.testsupport.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The QIDO-RS lists of a study written by {@link StudyWriter}, in the Static DICOMweb layout the local server
 * serves ({@code studies/index.json.gz}, {@code studies/UID/series/index.json.gz},
 * {@code …/series/UID/instances/index.json.gz}): a viewer such as Weasis queries them before the metadata.
 */
public final class QidoLists {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QidoLists() {}

  /** Writes the three lists of the study {@code studyUid} made of {@code series} under {@code root}. */
  public static void write(Path root, String studyUid, List<StudyWriter.Spec> series) throws IOException {
    int images = series.stream().mapToInt(StudyWriter.Spec::images).sum();
    ArrayNode studies = JSON.createArrayNode();
    ObjectNode study = studies.addObject();
    string(study, "0020000D", "UI", studyUid);
    person(study, "00100010", StudyWriter.PATIENT_NAME);
    string(study, "00100020", "LO", StudyWriter.PATIENT_ID);
    string(study, "00080020", "DA", "20261205");
    string(study, "00081030", "LO", "weasis-progressive sample study");
    string(study, "00080061", "CS", "CT");
    number(study, "00201206", "IS", series.size());
    number(study, "00201208", "IS", images);
    writeGzip(root.resolve("studies").resolve("index.json.gz"), studies);

    Path studyDir = root.resolve("studies").resolve(studyUid);
    ArrayNode seriesList = JSON.createArrayNode();
    int number = 1;
    for (StudyWriter.Spec spec : series) {
      ObjectNode item = seriesList.addObject();
      string(item, "0020000D", "UI", studyUid);
      string(item, "0020000E", "UI", spec.seriesUid());
      string(item, "00080060", "CS", "CT");
      number(item, "00200011", "IS", number++);
      number(item, "00201209", "IS", spec.images());
      writeInstances(studyDir.resolve("series").resolve(spec.seriesUid()), studyUid, spec);
    }
    writeGzip(studyDir.resolve("series").resolve("index.json.gz"), seriesList);
  }

  private static void writeInstances(Path seriesDir, String studyUid, StudyWriter.Spec spec) throws IOException {
    ArrayNode instances = JSON.createArrayNode();
    for (int i = 0; i < spec.images(); i++) {
      ObjectNode item = instances.addObject();
      string(item, "00080016", "UI", "1.2.840.10008.5.1.4.1.1.2");
      string(item, "00080018", "UI", StudyWriter.sopInstanceUid(spec, i));
      string(item, "0020000D", "UI", studyUid);
      string(item, "0020000E", "UI", spec.seriesUid());
      number(item, "00200013", "IS", i + 1);
    }
    writeGzip(seriesDir.resolve("instances").resolve("index.json.gz"), instances);
  }

  private static void string(ObjectNode object, String tag, String vr, String value) {
    ObjectNode attribute = object.putObject(tag);
    attribute.put("vr", vr);
    attribute.putArray("Value").add(value);
  }

  private static void number(ObjectNode object, String tag, String vr, int value) {
    ObjectNode attribute = object.putObject(tag);
    attribute.put("vr", vr);
    attribute.putArray("Value").add(value);
  }

  private static void person(ObjectNode object, String tag, String name) {
    ObjectNode attribute = object.putObject(tag);
    attribute.put("vr", "PN");
    attribute.putArray("Value").addObject().put("Alphabetic", name);
  }

  private static void writeGzip(Path file, ArrayNode json) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, json);
    }
  }
}
