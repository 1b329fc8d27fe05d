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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.FrameworkStartLevel;
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
import org.weasis.dicom.explorer.wado.DownloadManager;
import org.weasis.dicom.explorer.wado.DownloadPriority;
import org.weasis.dicom.explorer.wado.LoadSeries;
import org.weasis.dicom.explorer.wado.ThumbnailManager;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.node.NodeQueries;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.ProgressiveOpener;
import org.weasis.progressive.weasis.internal.viewer.EarlyViewer;
import org.weasis.progressive.weasis.internal.viewer.ProgressiveThumbnail;
import org.weasis.progressive.weasis.internal.viewer.QualityCorner;
import org.weasis.progressive.weasis.internal.viewer.SeriesPresenter;
import org.weasis.progressive.weasis.internal.viewer.ViewerWarmUp;

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

  /** The study queries and metadata reads, through the node's own HTTP settings. */
  @Reference
  private NodeQueries queries;

  /** Transfer syntaxes of the registered decoders: a series in another one loads the stock way. */
  private final Map<FrameDecoder, Set<String>> decoders = new ConcurrentHashMap<>();
  private final QualityCorner qualityCorner = new QualityCorner();
  /** False once deactivated; {@link #opened} once a study was opened: both stop the viewer's warm-up. */
  private volatile boolean active = true;
  private volatile boolean opened;
  /** Queries and metadata reads, off Weasis' event thread and its download threads. */
  private ExecutorService requests;
  /** Renders series thumbnails, one at a time, beside the hand-over of the versions. */
  private ExecutorService thumbnails;
  /** Decodes the better versions of shown images for their views, one at a time. */
  private ExecutorService decodes;
  private CompilerPriority compilerPriority;

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDecoder(FrameDecoder decoder) {
    decoders.put(decoder, Set.copyOf(decoder.transferSyntaxes()));
  }

  void removeDecoder(FrameDecoder decoder) {
    decoders.remove(decoder);
  }

  @Activate
  void activate(BundleContext context) {
    HttpClientLogLevel.capAtInfo();
    // Platform threads: a virtual thread blocked in a bundle's class loading pins its carrier, and on a
    // 2-core machine that stalled the metadata read behind the engine's first requests for seconds.
    AtomicInteger n = new AtomicInteger();
    requests = Executors.newCachedThreadPool(r -> daemon(r, "progressive-open-" + n.incrementAndGet()));
    thumbnails = Executors.newSingleThreadExecutor(r -> daemon(r, "progressive-thumbnails"));
    decodes = Executors.newSingleThreadExecutor(r -> daemon(r, "progressive-decodes"));
    qualityCorner.install();
    compilerPriority = CompilerPriority.forCompilers(context.getProperty(CompilerPriority.PROPERTY));
    requests.execute(compilerPriority::link);
    requests.execute(() -> WarmUp.run(queries, () -> opened || !active));
    requests.execute(() -> warmViewer(frameworkStarted(context)));
  }

  /** True once the framework reached its beginning start level: every bundle of Weasis' start-up started. */
  private static BooleanSupplier frameworkStarted(BundleContext context) {
    FrameworkStartLevel levels = context.getBundle(0).adapt(FrameworkStartLevel.class);
    String beginning = context.getProperty("org.osgi.framework.startlevel.beginning");
    int target = beginning == null ? 1 : Integer.parseInt(beginning.trim());
    return () -> levels.getStartLevel() >= target;
  }

  /**
   * Warms Weasis' 2D viewer once its window is up (see {@link ViewerWarmUp}), unless a study is opened first,
   * by us or by Weasis, or the component goes away.
   */
  private void warmViewer(BooleanSupplier started) {
    try {
      ViewerWarmUp.runWhenUp(dicomModel, started, () -> opened || !active || !ViewerWarmUp.idle());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Deactivate
  void deactivate() {
    active = false;
    qualityCorner.uninstall();
    requests.shutdownNow();
    thumbnails.shutdownNow();
    decodes.shutdownNow();
  }

  @Override
  public void open(NodeConfig node, NodeAuthorization authorization, String studyUid, String seriesUid) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(studyUid, "studyUid");
    long startNanos = System.nanoTime();
    opened = true;
    LOG.info("progressive open study={}", studyUid);
    requests.execute(compilerPriority::lowerOnce);
    requests.execute(() -> {
      try {
        openNow(node, authorization, studyUid, seriesUid, startNanos);
      } catch (IOException | RuntimeException e) {
        LOG.error("Cannot open study {} from {}: {}", studyUid, node.baseUrl(), e.toString());
      }
    });
  }

  private void openNow(NodeConfig node, NodeAuthorization authorization, String studyUid, String seriesUid,
      long startNanos) throws IOException {
    Marks marks = new Marks(startNanos);
    marks.mark("thread");
    // On this thread, not the event thread: Weasis may refresh the token, or wait for its login.
    DicomWebJson json = new DicomWebJson(queries, authorization.authorize(node));
    // The event thread docks the viewer while the queries are on the wire (after a login, never during one).
    EarlyViewer early = EarlyViewer.dock(dicomModel, DownloadManager.getOpeningViewer());
    boolean shown = false;
    try {
      shown = queryAndQueue(node, authorization, json, studyUid, seriesUid, early, marks);
    } finally {
      if (!shown) {
        early.release();
      }
    }
  }

  /** Queries the study and queues its series; true once a series is on its way to a viewer. */
  private boolean queryAndQueue(NodeConfig node, NodeAuthorization authorization, DicomWebJson json,
      String studyUid, String seriesUid, EarlyViewer early, Marks marks) throws IOException {
    long startNanos = marks.startNanos();
    // Both queries at once: the study's attributes are needed only once the series list is in.
    CompletableFuture<List<Attributes>> studyQuery = CompletableFuture.supplyAsync(() -> {
      try {
        return json.study(studyUid);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, requests);
    List<Attributes> seriesList;
    List<Attributes> studies;
    try {
      seriesList = json.series(studyUid);
      marks.mark("series-query");
      studies = join(studyQuery);
      marks.mark("study-query");
    } catch (IOException e) {
      if (!NodeAuthorization.isRefusal(e)) {
        throw e;
      }
      authorization.refused(json.node());
      LOG.error("Cannot open study {}: {}; {}", studyUid, authorization.refusal(node), e.getMessage());
      return false;
    }
    List<Attributes> wanted = new ArrayList<>();
    for (Attributes s : seriesList) {
      if (seriesUid == null || seriesUid.equals(s.getString(Tag.SeriesInstanceUID))) {
        wanted.add(s);
      }
    }
    if (wanted.isEmpty()) {
      LOG.error("{} has no series{} in study {}", node.baseUrl(), seriesUid == null ? "" : " " + seriesUid,
          studyUid);
      return false;
    }
    Attributes studyDataset = studies.isEmpty() ? wanted.getFirst() : studies.getFirst();
    if (!studyDataset.containsValue(Tag.StudyInstanceUID)) {
      studyDataset.setString(Tag.StudyInstanceUID, org.dcm4che3.data.VR.UI, studyUid);
    }
    GuiExecutor.execute(() -> dicomModel.firePropertyChange(new ObservableEvent(
        ObservableEvent.BasicAction.SELECT, dicomModel, null, dicomModel)));
    PluginOpeningStrategy opening = new PluginOpeningStrategy(DownloadManager.getOpeningViewer());
    MediaSeriesGroup study = SeriesNodes.study(dicomModel, studyDataset);
    MediaSeriesGroup patient = dicomModel.getParent(study, DicomModel.patient);
    if (patient != null) {
      // Opened from now on: a first image handed over before the viewer shows the study must not open another.
      opening.addPatient(patient);
    }
    marks.mark("study-node");
    List<DicomSeries> nodes = new ArrayList<>();
    for (Attributes seriesDataset : wanted) {
      nodes.add(SeriesNodes.series(dicomModel, study, seriesDataset, node.baseUrl(), node.requestHeaders()));
      marks.mark("series-node");
    }
    DicomSeries largest = SeriesNodes.forViewer(nodes, wanted);
    // Its threads wait for tasks from now on (they are made at the first open): a task queued with one free runs.
    DownloadManager.CONCURRENT_EXECUTOR.prestartAllCoreThreads();
    // The viewer's series first, its load started at once when its task will run at once (see EarlyLoad); the
    // others' when Weasis runs their tasks.
    if (largest != null) {
      queue(node, authorization, json, study, largest, opening, startNanos, downloadThreadFree());
      marks.mark("first-queued");
    }
    for (DicomSeries series : nodes) {
      if (series != largest) {
        queue(node, authorization, json, study, series, opening, startNanos, false);
      }
    }
    marks.mark("all-queued");
    boolean shown = openViewerNow(opening, patient, largest, early);
    marks.mark("viewer");
    DownloadManager.getTasks().sort(
        Collections.reverseOrder(new DownloadManager.PriorityTaskComparator()));
    LOG.info("progressive timing study={} {}", studyUid, marks.describe());
    return shown;
  }

  /**
   * @param node the node without its Weasis token: what Weasis' model and thumbnails get
   * @param json the open's queries, with the token the open took
   * @param startNow the engine's load starts now, with that token, not when Weasis runs the series' task
   */
  private void queue(NodeConfig node, NodeAuthorization authorization, DicomWebJson json,
      MediaSeriesGroup study, DicomSeries series, PluginOpeningStrategy opening, long startNanos, boolean startNow) {
    Marks marks = new Marks(startNanos);
    marks.mark("queue");
    if (!stopStockLoad(series)) {
      LOG.info("Series {} is already loading progressively", series);
      return;
    }
    String studyUid = (String) study.getTagValue(org.weasis.dicom.codec.TagD.get(Tag.StudyInstanceUID));
    String seriesUid = (String) series.getTagValue(series.getTagID());
    // The node without a token: a run takes the current one when it starts (fresh after a refusal).
    SeriesRequest request = SeriesRequest.of(node, studyUid, seriesUid).withStrategy(node.strategy());
    RetrieveConfiguration configuration =
        RetrieveConfiguration.forLoading(node.progressive(), node.retrieveConfiguration());
    EarlyLoad early = startNow ? startEarly(request, json.node(), configuration, marks) : null;
    SeriesPresenter presenter =
        new SeriesPresenter(dicomModel, series, opening, LoadSeries.DICOM_TMP_DIR, thumbnails, decodes);
    // The instance headers are read now, while Weasis queues the series: once the engine's frames flow,
    // a metadata request waits behind them on a slow link and the first versions could not be shown.
    CompletableFuture<Map<String, Attributes>> metadata = new CompletableFuture<>();
    metadata.whenComplete((m, e) -> marks.mark("metadata"));
    requests.execute(() -> readMetadata(json, authorization, studyUid, seriesUid, metadata));
    URLParameters thumbnailRequests = new URLParameters(node.requestHeaders());
    ProgressiveSeriesLoad task = new ProgressiveSeriesLoad(series, dicomModel, authorization.stockMethod(), t -> {
      SeriesProgress progress = new SeriesProgress(t.getProgressBar(), () -> repaintThumbnail(series));
      return new SeriesRun(retrieveService, request, authorization, configuration, this::decodableSyntaxes,
          metadata, presenter, progress, startNanos, marks, early);
    }, t -> {
      ProgressiveThumbnail.install(series);
      new ThumbnailManager(series, dicomModel, thumbnailRequests).createSeriesThumbnail(t, t.getProgressBar());
    }, early);
    marks.mark("task-made");
    MediaSeriesGroup patient = dicomModel.getParent(study, DicomModel.patient);
    task.setPriority(new DownloadPriority(patient, study, series, true));
    task.setPOpeningStrategy(opening);
    task.queue();
    marks.mark("queued");
  }

  /**
   * Shows the study in the 2D viewer while the frames download, as Weasis' loader would at the first image:
   * opening it takes Weasis about a second (far more on a cold start), which would otherwise come after our
   * first version. It shows the series with the most images that Weasis shows at all (the one a user scrolls;
   * its small images also come first), in the viewer docked while the queries ran when there is one
   * ({@link EarlyViewer}); each presenter shows its first image in a view left empty.
   */
  private static boolean openViewerNow(PluginOpeningStrategy opening, MediaSeriesGroup patient, DicomSeries series,
      EarlyViewer early) {
    if (series == null || patient == null) {
      return false;
    }
    early.show(opening, patient, series);
    return true;
  }

  /** The load of the viewer's series, started now; null when the engine refused it (the run will try again). */
  private EarlyLoad startEarly(SeriesRequest request, NodeConfig authorized, RetrieveConfiguration configuration,
      Marks marks) {
    try {
      EarlyLoad early = EarlyLoad.start(retrieveService, request, authorized, configuration, marks);
      marks.mark("engine");
      return early;
    } catch (RuntimeException e) {
      LOG.warn("Series {}: its load did not start early: {}", request.seriesUid(), e.toString());
      return null;
    }
  }

  /**
   * True when Weasis' series downloads have a thread free: a task queued now runs at once, so a load started
   * before it keeps what it delivers only while the task is made (not while other series download).
   */
  private static boolean downloadThreadFree() {
    ThreadPoolExecutor downloads = DownloadManager.CONCURRENT_EXECUTOR;
    return downloads.getActiveCount() + downloads.getQueue().size() < downloads.getCorePoolSize();
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

  static void readMetadata(DicomWebJson json, NodeAuthorization authorization, String studyUid,
      String seriesUid, CompletableFuture<Map<String, Attributes>> metadata) {
    try {
      metadata.complete(SeriesRun.bySop(json.metadata(studyUid, seriesUid)));
    } catch (IOException | RuntimeException e) {
      if (NodeAuthorization.isRefusal(e)) {
        authorization.refused(json.node());
      }
      metadata.completeExceptionally(e);
    }
  }

  /** The answer of a query made on another thread; its IOException as is. */
  private static List<Attributes> join(CompletableFuture<List<Attributes>> query) throws IOException {
    try {
      return query.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  private Set<String> decodableSyntaxes() {
    Set<String> all = new HashSet<>();
    decoders.values().forEach(all::addAll);
    return all;
  }
}
