package org.weasis.progressive.weasis.internal.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.gui.util.GuiExecutor;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.api.media.data.Series;
import org.weasis.core.api.net.URLParameters;
import org.weasis.core.api.media.data.TagW;
import org.weasis.core.api.media.data.Thumbnail;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.PluginOpeningStrategy;
import org.weasis.dicom.explorer.rs.RsQueryResult;
import org.weasis.dicom.explorer.wado.DownloadManager;
import org.weasis.dicom.explorer.wado.DownloadPriority;
import org.weasis.dicom.explorer.wado.LoadSeries;
import org.weasis.dicom.explorer.wado.ThumbnailManager;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.weasis.internal.ProgressiveOpener;
import org.weasis.progressive.weasis.internal.viewer.ProgressiveThumbnail;
import org.weasis.progressive.weasis.internal.viewer.QualityCorner;
import org.weasis.progressive.weasis.internal.viewer.SeriesPresenter;

/**
 * Opens a study from a DICOMweb node in Weasis through our engine: QIDO-RS for the study and its
 * series, Weasis' patient/study/series nodes, then one Weasis series task per series (see
 * {@link ProgressiveSeriesLoad}) queued in Weasis' download manager.
 */
@Component(service = ProgressiveOpener.class, immediate = true)
public final class ProgressiveOpenerComponent implements ProgressiveOpener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressiveOpenerComponent.class);

  @Reference
  private ProgressiveRetrieveService retrieveService;

  @Reference
  private DicomModel dicomModel;

  /** Transfer syntaxes of the registered decoders: a series in another one loads the stock way. */
  private final Map<FrameDecoder, Set<String>> decoders = new ConcurrentHashMap<>();
  private final QualityCorner qualityCorner = new QualityCorner();
  /** Queries and metadata reads, off Weasis' event thread and its download threads. */
  private ExecutorService requests;

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDecoder(FrameDecoder decoder) {
    decoders.put(decoder, Set.copyOf(decoder.transferSyntaxes()));
  }

  void removeDecoder(FrameDecoder decoder) {
    decoders.remove(decoder);
  }

  @Activate
  void activate() {
    HttpClientLogLevel.capAtInfo();
    // Platform threads: a virtual thread blocked in a bundle's class loading pins its carrier, and on a
    // 2-core machine that stalled the metadata read behind the engine's first requests for seconds.
    AtomicInteger n = new AtomicInteger();
    requests = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "progressive-open-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    qualityCorner.install();
    requests.execute(WarmUp::run);
  }

  @Deactivate
  void deactivate() {
    qualityCorner.uninstall();
    requests.shutdownNow();
  }

  @Override
  public void open(NodeConfig node, String studyUid, String seriesUid) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(studyUid, "studyUid");
    long startNanos = System.nanoTime();
    requests.execute(() -> {
      try {
        openNow(node, studyUid, seriesUid, startNanos);
      } catch (IOException | RuntimeException e) {
        LOG.error("Cannot open study {} from {}: {}", studyUid, node.baseUrl(), e.toString());
      }
    });
  }

  private void openNow(NodeConfig node, String studyUid, String seriesUid, long startNanos)
      throws IOException {
    NodeConfig settings = node;
    DicomWebJson json = new DicomWebJson(settings);
    List<Attributes> studies = json.get("/studies?0020000D=" + studyUid + RsQueryResult.STUDY_QUERY);
    List<Attributes> seriesList =
        json.get("/studies/" + studyUid + "/series?includefield=" + RsQueryResult.SERIES_QUERY);
    List<Attributes> wanted = new ArrayList<>();
    for (Attributes s : seriesList) {
      if (seriesUid == null || seriesUid.equals(s.getString(Tag.SeriesInstanceUID))) {
        wanted.add(s);
      }
    }
    if (wanted.isEmpty()) {
      LOG.error("{} has no series {} in study {}", node.baseUrl(), seriesUid == null ? "" : seriesUid,
          studyUid);
      return;
    }
    Attributes studyDataset = studies.isEmpty() ? wanted.getFirst() : studies.getFirst();
    if (!studyDataset.containsValue(Tag.StudyInstanceUID)) {
      studyDataset.setString(Tag.StudyInstanceUID, org.dcm4che3.data.VR.UI, studyUid);
    }
    GuiExecutor.execute(() -> dicomModel.firePropertyChange(new ObservableEvent(
        ObservableEvent.BasicAction.SELECT, dicomModel, null, dicomModel)));
    PluginOpeningStrategy opening = new PluginOpeningStrategy(DownloadManager.getOpeningViewer());
    opening.prepareImport();
    MediaSeriesGroup study = SeriesNodes.study(dicomModel, studyDataset);
    DicomSeries largest = null;
    int largestSize = -1;
    for (Attributes seriesDataset : wanted) {
      DicomSeries series = SeriesNodes.series(dicomModel, study, seriesDataset,
          settings.baseUrl().toString(), settings.requestHeaders());
      queue(node, settings, study, series, opening, startNanos);
      int size = seriesDataset.getInt(Tag.NumberOfSeriesRelatedInstances, 0);
      if (size > largestSize) {
        largest = series;
        largestSize = size;
      }
    }
    openViewerNow(opening, study, largest);
    DownloadManager.getTasks().sort(
        Collections.reverseOrder(new DownloadManager.PriorityTaskComparator()));
    DownloadManager.CONCURRENT_EXECUTOR.prestartAllCoreThreads();
  }

  private void queue(NodeConfig node, NodeConfig settings, MediaSeriesGroup study,
      DicomSeries series, PluginOpeningStrategy opening, long startNanos) {
    if (!stopStockLoad(series)) {
      LOG.info("Series {} is already loading progressively", series);
      return;
    }
    String studyUid = (String) study.getTagValue(
        org.weasis.dicom.codec.TagD.get(Tag.StudyInstanceUID));
    String seriesUid = (String) series.getTagValue(series.getTagID());
    SeriesPresenter presenter =
        new SeriesPresenter(dicomModel, series, opening, LoadSeries.DICOM_TMP_DIR);
    // The instance headers are read now, while Weasis queues the series: once the engine's frames flow,
    // a metadata request waits behind them on a slow link and the first versions could not be shown.
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    requests.execute(() -> readMetadata(settings, studyUid, seriesUid, metadata));
    URLParameters thumbnailRequests = new URLParameters(settings.requestHeaders());
    ProgressiveSeriesLoad task = new ProgressiveSeriesLoad(series, dicomModel, t -> {
      SeriesRequest request =
          SeriesRequest.of(settings, studyUid, seriesUid).withStrategy(node.strategy());
      SeriesProgress progress = new SeriesProgress(t.getProgressBar(), () -> repaintThumbnail(series));
      return new SeriesRun(retrieveService, request,
          RetrieveConfiguration.forLoading(node.progressive(), node.retrieveConfiguration()),
          this::decodableSyntaxes, metadata, presenter, progress, startNanos);
    }, t -> {
      ProgressiveThumbnail.install(series);
      new ThumbnailManager(series, dicomModel, thumbnailRequests).createSeriesThumbnail(t, t.getProgressBar());
    });
    MediaSeriesGroup patient = dicomModel.getParent(study, DicomModel.patient);
    task.setPriority(new DownloadPriority(patient, study, series, true));
    task.setPOpeningStrategy(opening);
    task.queue();
  }

  /**
   * Opens the 2D viewer while the frames download, as Weasis' loader would at the first image: opening
   * it takes Weasis about a second (far more on a cold start), which would otherwise come after our first
   * version. It opens on the series with the most images (the one a user scrolls; its small images also
   * come first); each presenter shows its first image in a view left empty.
   */
  private void openViewerNow(PluginOpeningStrategy opening, MediaSeriesGroup study, DicomSeries series) {
    MediaSeriesGroup patient = dicomModel.getParent(study, DicomModel.patient);
    if (series != null && patient != null) {
      opening.openViewerPlugin(patient, dicomModel, series);
    }
  }

  private static void repaintThumbnail(DicomSeries series) {
    if (series.getTagValue(TagW.Thumbnail) instanceof Thumbnail thumbnail) {
      thumbnail.repaint();
    }
  }

  /**
   * A stock download still running for the series would add the same instances a second time. Returns
   * false when our own load of the series is running: it goes on, and no second one starts.
   */
  private boolean stopStockLoad(Series<?> series) {
    if (series.getSeriesLoader() instanceof ProgressiveSeriesLoad ours && !ours.isDone()) {
      return false;
    }
    if (series.getSeriesLoader() instanceof LoadSeries stock && !stock.isDone()) {
      stock.cancel();
      DownloadManager.removeLoadSeries(stock, dicomModel);
    }
    return true;
  }

  private static void readMetadata(NodeConfig settings, String studyUid, String seriesUid,
      CompletableFuture<Map<String, Attributes>> metadata) {
    try {
      DicomWebJson json = new DicomWebJson(settings);
      metadata.complete(SeriesRun.bySop(
          json.get("/studies/" + studyUid + "/series/" + seriesUid + "/metadata")));
    } catch (IOException | RuntimeException e) {
      metadata.completeExceptionally(e);
    }
  }

  private Set<String> decodableSyntaxes() {
    Set<String> all = new HashSet<>();
    decoders.values().forEach(all::addAll);
    return all;
  }
}
