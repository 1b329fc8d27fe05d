package org.weasis.progressive.itest.weasis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weasis.progressive.testsupport.study.QidoLists;
import org.weasis.progressive.testsupport.study.StudyWriter;

/**
 * The study in the Static DICOMweb layout: one 16-bit image of {@code singleSize}² and a stack of 12-bit
 * {@code stackSize}² images, HTJ2K RPCL lossless frames with JPEG-LS full and thumbnail alternates
 * ({@link StudyWriter}), plus the QIDO-RS lists (studies, series, instances) a viewer queries first
 * ({@link QidoLists}).
 */
record TestStudy(Path root, String studyUid, List<StudyWriter.Written> series) {
  static TestStudy write(Path root, String studyUid, int singleSize, int stackImages, int stackSize)
      throws IOException {
    List<StudyWriter.Written> series = List.of(
        StudyWriter.write(root, new StudyWriter.Spec(studyUid, studyUid + ".1", 1, singleSize, singleSize, 16)),
        StudyWriter.write(root, new StudyWriter.Spec(studyUid, studyUid + ".2", stackImages, stackSize, stackSize,
            12)));
    TestStudy study = new TestStudy(root, studyUid, series);
    QidoLists.write(root, studyUid, series.stream().map(StudyWriter.Written::spec).toList());
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
}
