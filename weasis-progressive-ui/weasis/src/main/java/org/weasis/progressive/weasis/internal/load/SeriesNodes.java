package org.weasis.progressive.weasis.internal.load;

import java.util.List;
import java.util.Map;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.TagW;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.codec.utils.SeriesInstanceList;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.rs.RsQueryResult;
import org.weasis.dicom.explorer.wado.LoadSeries;
import org.weasis.dicom.mf.WadoParameters;
import org.weasis.dicom.web.MultipartConstants;

/**
 * The patient / study / series nodes of a study in Weasis' DICOM model, made the way Weasis' DICOMweb
 * query makes them (its public {@link RsQueryResult#getPatient} and {@link RsQueryResult#getStudy}), so
 * that a series our engine loads looks like one Weasis loaded, and Weasis' own loader can take it over.
 */
final class SeriesNodes {
  private SeriesNodes() {}

  /** The study node, with its patient, created when Weasis does not hold it yet. */
  static MediaSeriesGroup study(DicomModel model, Attributes studyDataset) {
    MediaSeriesGroup patient = RsQueryResult.getPatient(studyDataset, model);
    return RsQueryResult.getStudy(patient, studyDataset, model);
  }

  /**
   * The series node: the one Weasis already holds with this SeriesInstanceUID (for example left by a
   * cancelled download; it is filled in place), else a new one under {@code study}, tagged for Weasis'
   * own series retrieve so that a fallback or a resume by Weasis finds what it needs.
   */
  static DicomSeries series(DicomModel model, MediaSeriesGroup study, Attributes seriesDataset,
      String baseUrl, Map<String, String> headers) {
    String seriesUid = seriesDataset.getString(Tag.SeriesInstanceUID);
    if (model.getSeriesNode(seriesUid) instanceof DicomSeries held) {
      return held;
    }
    DicomSeries series = new DicomSeries(seriesUid);
    series.setTag(TagD.get(Tag.SeriesInstanceUID), seriesUid);
    series.setTag(TagW.ExplorerModel, model);
    series.setTag(TagW.WadoParameters, wadoParameters(headers));
    series.setTag(TagW.WadoInstanceReferenceList, new SeriesInstanceList());
    for (TagW tag : TagD.getTagFromIDs(Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription)) {
      tag.readValue(seriesDataset, series);
    }
    String studyUid = (String) study.getTagValue(TagD.get(Tag.StudyInstanceUID));
    series.setTag(TagD.get(Tag.RetrieveURL), retrieveUrl(baseUrl, studyUid, seriesUid));
    series.setTag(LoadSeries.SERIES_BULK_RETRIEVE, Boolean.TRUE);
    model.addHierarchyNode(study, series);
    return series;
  }

  /**
   * The series a viewer opens on: of {@code series} (made from {@code datasets}, in the same order), the one with
   * the most images that the 2D viewer shows; a report, a video or a waveform only when there is none; never one
   * of a modality Weasis hides. Null when there is none.
   */
  static DicomSeries forViewer(List<DicomSeries> series, List<Attributes> datasets) {
    DicomSeries largest = null;
    int largestSize = -1;
    boolean largestInTwoDimensions = false;
    for (int i = 0; i < series.size(); i++) {
      DicomSeries s = series.get(i);
      int size = datasets.get(i).getInt(Tag.NumberOfSeriesRelatedInstances, 0);
      boolean inTwoDimensions = DicomMediaIO.SERIES_MIMETYPE.equals(s.getMimeType());
      if (!DicomModel.isHiddenModality(s) && (inTwoDimensions && !largestInTwoDimensions
          || inTwoDimensions == largestInTwoDimensions && size > largestSize)) {
        largest = s;
        largestSize = size;
        largestInTwoDimensions = inTwoDimensions;
      }
    }
    return largest;
  }

  static String retrieveUrl(String baseUrl, String studyUid, String seriesUid) {
    return baseUrl + "/studies/" + studyUid + "/series/" + seriesUid;
  }

  /** What Weasis' own DICOMweb retrieve of the series sends: the node's headers, any stored syntax. */
  private static WadoParameters wadoParameters(Map<String, String> headers) {
    WadoParameters wado = new WadoParameters("", true, true);
    headers.forEach(wado::addHttpTag);
    wado.addHttpTag("Accept", MultipartConstants.MULTIPART_RELATED + ";type=\""
        + MultipartConstants.DicomContentType.DICOM + "\";transfer-syntax=*");
    return wado;
  }
}
