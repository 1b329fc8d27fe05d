package org.weasis.progressive.testsupport.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.weasis.progressive.internal.dicom.DicomJsonWriter;
import org.weasis.progressive.server.StaticDicomWebFiles;

/**
 * The QIDO-RS lists of a study written by {@link StudyWriter}, in the Static DICOMweb layout the local server
 * serves ({@code studies/index.json.gz}, {@code studies/UID/series/index.json.gz},
 * {@code …/series/UID/instances/index.json.gz}): a viewer such as Weasis queries them before the metadata.
 */
public final class QidoLists {
  private QidoLists() {}

  /** Writes the three lists of the study {@code studyUid} made of {@code series} under {@code root}. */
  public static void write(Path root, String studyUid, List<StudyWriter.Spec> series) throws IOException {
    int images = series.stream().mapToInt(StudyWriter.Spec::images).sum();
    byte[] studies = DicomJsonWriter.series().instance()
        .strings("0020000D", "UI", studyUid)
        .person("00100010", StudyWriter.PATIENT_NAME)
        .strings("00100020", "LO", StudyWriter.PATIENT_ID)
        .strings("00080020", "DA", "20261205")
        .strings("00081030", "LO", "weasis-progressive sample study")
        .strings("00080061", "CS", "CT")
        .numbers("00201206", "IS", series.size())
        .numbers("00201208", "IS", images)
        .toBytes();
    StaticDicomWebFiles.writeGzip(root.resolve("studies").resolve("index.json.gz"), studies);

    Path studyDir = root.resolve("studies").resolve(studyUid);
    DicomJsonWriter seriesList = DicomJsonWriter.series();
    int number = 1;
    for (StudyWriter.Spec spec : series) {
      seriesList.instance()
          .strings("0020000D", "UI", studyUid)
          .strings("0020000E", "UI", spec.seriesUid())
          .strings("00080060", "CS", "CT")
          .numbers("00200011", "IS", number++)
          .numbers("00201209", "IS", spec.images());
      writeInstances(studyDir.resolve("series").resolve(spec.seriesUid()), studyUid, spec);
    }
    StaticDicomWebFiles.writeGzip(studyDir.resolve("series").resolve("index.json.gz"), seriesList.toBytes());
  }

  private static void writeInstances(Path seriesDir, String studyUid, StudyWriter.Spec spec) throws IOException {
    DicomJsonWriter instances = DicomJsonWriter.series();
    for (int i = 0; i < spec.images(); i++) {
      instances.instance()
          .strings("00080016", "UI", "1.2.840.10008.5.1.4.1.1.2")
          .strings("00080018", "UI", StudyWriter.sopInstanceUid(spec, i))
          .strings("0020000D", "UI", studyUid)
          .strings("0020000E", "UI", spec.seriesUid())
          .numbers("00200013", "IS", i + 1);
    }
    StaticDicomWebFiles.writeGzip(seriesDir.resolve("instances").resolve("index.json.gz"), instances.toBytes());
  }
}
