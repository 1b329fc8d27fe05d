package org.weasis.progressive.weasis.internal.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dcm4che3.data.Tag;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.TagW;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.mf.HttpTag;
import org.weasis.dicom.mf.WadoParameters;

/**
 * Where a series Weasis is about to download comes from: its DICOMweb root, its UIDs and the headers the
 * stock load would send. {@code dicom:rs} and the Q/R dialog leave the root out of the WadoParameters and
 * keep the series' absolute RetrieveURL instead; a manifest keeps it in the WadoParameters.
 *
 * @param baseUrl the DICOMweb root
 * @param studyUid the series' study
 * @param seriesUid the series
 * @param headers what Weasis would send with the series' requests, Accept left out (the engine sets its own)
 */
public record SeriesOrigin(String baseUrl, String studyUid, String seriesUid, Map<String, String> headers) {
  private static final String STUDIES = "/studies/";

  public SeriesOrigin {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(studyUid, "studyUid");
    Objects.requireNonNull(seriesUid, "seriesUid");
    headers = Map.copyOf(headers);
  }

  /** The origin of a series loaded by WADO-RS, or empty (WADO-URI, local files, UIDs missing). */
  public static Optional<SeriesOrigin> of(DicomSeries series, DicomModel model) {
    if (!(series.getTagValue(TagW.WadoParameters) instanceof WadoParameters wado) || !wado.isWadoRS()) {
      return Optional.empty();
    }
    String retrieveUrl = TagD.getTagValue(series, Tag.RetrieveURL, String.class);
    String baseUrl = baseUrl(wado.getBaseURL(), retrieveUrl);
    String seriesUid = TagD.getTagValue(series, Tag.SeriesInstanceUID, String.class);
    MediaSeriesGroup study = model.getParent(series, DicomModel.study);
    String studyUid = study == null ? null : TagD.getTagValue(study, Tag.StudyInstanceUID, String.class);
    if (baseUrl == null || seriesUid == null || studyUid == null) {
      return Optional.empty();
    }
    return Optional.of(new SeriesOrigin(baseUrl, studyUid, seriesUid, headers(wado.getHttpTaglist(), wado.getWebLogin())));
  }

  /** The root the WadoParameters name, else the part of the series' RetrieveURL before "/studies/". */
  static String baseUrl(String wadoBaseUrl, String retrieveUrl) {
    if (wadoBaseUrl != null && !wadoBaseUrl.isBlank()) {
      return wadoBaseUrl;
    }
    int studies = retrieveUrl == null ? -1 : retrieveUrl.indexOf(STUDIES);
    return studies > 0 ? retrieveUrl.substring(0, studies) : null;
  }

  /** The headers as LoadSeries builds them: the HTTP tags, then Basic from the web login; without Accept. */
  static Map<String, String> headers(List<HttpTag> tags, String webLogin) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (tags != null) {
      for (HttpTag tag : tags) {
        if (tag.getKey() != null && !tag.getKey().equalsIgnoreCase("Accept")) {
          headers.put(tag.getKey(), tag.getValue() == null ? "" : tag.getValue());
        }
      }
    }
    if (webLogin != null) {
      headers.put("Authorization", "Basic " + webLogin);
    }
    return headers;
  }

  /** Shows header names only. */
  @Override
  public String toString() {
    return "SeriesOrigin[" + baseUrl + ", study=" + studyUid + ", series=" + seriesUid + ", headers="
        + headers.keySet() + "]";
  }
}
