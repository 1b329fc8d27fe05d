package org.weasis.progressive.itest.weasis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.weasis.progressive.cli.StudyWriter;

/**
 * The study in the Static DICOMweb layout: one 16-bit image of {@code singleSize}² and a stack of 12-bit
 * {@code stackSize}² images, HTJ2K RPCL lossless frames with JPEG-LS full and thumbnail alternates
 * ({@link StudyWriter}), plus the QIDO-RS lists (studies, series, instances) a viewer queries first.
 */
record TestStudy(Path root, String studyUid, List<StudyWriter.Written> series) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static TestStudy write(Path root, String studyUid, int singleSize, int stackImages, int stackSize)
      throws IOException {
    List<StudyWriter.Written> series = List.of(
        StudyWriter.write(root, new StudyWriter.Spec(studyUid, studyUid + ".1", 1, singleSize, singleSize, 16)),
        StudyWriter.write(root, new StudyWriter.Spec(studyUid, studyUid + ".2", stackImages, stackSize, stackSize,
            12)));
    TestStudy study = new TestStudy(root, studyUid, series);
    study.writeQidoLists();
    return study;
  }

  int images() {
    return series.stream().mapToInt(s -> s.spec().images()).sum();
  }

  /** SHA-256 of each source image's samples as little-endian 16-bit values, by SOP Instance UID. */
  Map<String, String> sourceSha256BySop() {
    Map<String, String> bySop = new LinkedHashMap<>();
    for (StudyWriter.Written s : series) {
      for (int i = 0; i < s.spec().images(); i++) {
        bySop.put(s.sopInstanceUids().get(i), sha256(s.pixels().get(i)));
      }
    }
    return bySop;
  }

  static String sha256(short[] samples) {
    ByteBuffer le = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    le.asShortBuffer().put(samples);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(le.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void writeQidoLists() throws IOException {
    Path study = root.resolve("studies").resolve(studyUid);
    ArrayNode studies = JSON.createArrayNode();
    ObjectNode s = studies.addObject();
    string(s, "0020000D", "UI", studyUid);
    person(s, "00100010", "Progressive^Test");
    string(s, "00100020", "LO", "PROGRESSIVE-1");
    string(s, "00080020", "DA", "20261205");
    string(s, "00080061", "CS", "CT");
    number(s, "00201206", "IS", series.size());
    number(s, "00201208", "IS", images());
    writeGzip(root.resolve("studies").resolve("index.json.gz"), studies);

    ArrayNode seriesList = JSON.createArrayNode();
    int number = 1;
    for (StudyWriter.Written written : series) {
      ObjectNode item = seriesList.addObject();
      string(item, "0020000D", "UI", studyUid);
      string(item, "0020000E", "UI", written.spec().seriesUid());
      string(item, "00080060", "CS", "CT");
      number(item, "00200011", "IS", number++);
      number(item, "00201209", "IS", written.spec().images());
      writeInstances(study.resolve("series").resolve(written.spec().seriesUid()), written);
    }
    writeGzip(study.resolve("series").resolve("index.json.gz"), seriesList);
  }

  private void writeInstances(Path seriesDir, StudyWriter.Written written) throws IOException {
    ArrayNode instances = JSON.createArrayNode();
    for (int i = 0; i < written.sopInstanceUids().size(); i++) {
      ObjectNode item = instances.addObject();
      string(item, "00080016", "UI", "1.2.840.10008.5.1.4.1.1.2");
      string(item, "00080018", "UI", written.sopInstanceUids().get(i));
      string(item, "0020000D", "UI", studyUid);
      string(item, "0020000E", "UI", written.spec().seriesUid());
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
