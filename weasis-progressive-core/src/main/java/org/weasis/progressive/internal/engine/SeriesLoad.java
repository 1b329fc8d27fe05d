package org.weasis.progressive.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadProgress;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.InFlight;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/**
 * One running load: the per-image stage chains, quality bookkeeping (never downgrade, nearby fill),
 * and the listener's events. State changes happen under {@code this}; listener calls happen under
 * {@link #deliveryLock} only, so a listener that calls back (prioritize, cancel) cannot deadlock and
 * two versions of one image are never reported out of order.
 */
final class SeriesLoad implements LoadHandle {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesLoad.class);
  /** Priority given to the image the user looks at, ahead of every configured stage. */
  private static final int FOCUS_PRIORITY = Integer.MIN_VALUE;

  final SeriesRequest request;
  final RetrieveConfiguration configuration;
  final DicomWebClient client;
  final Decoders decoders;
  private final LoadListener listener;
  private final RequestScheduler scheduler;
  private final SeriesLoadingStrategy strategy;
  private final long startNanos = System.nanoTime();
  private final Object deliveryLock = new Object();
  private final CompletableFuture<LoadSummary> completion = new CompletableFuture<>();
  private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
  /** Bytes received per frame URL, kept while a later stage may continue them. */
  private final Map<URI, FrameResource> resources = new ConcurrentHashMap<>();
  /** What those resources may hold together. */
  private final LoadBudget budget;
  private final Map<String, Long> bytesPerStage = new HashMap<>();
  private final StageRunner retrieval;

  private List<ImageState> images = List.of();
  /** Instances the metadata listed but that were refused as malformed: each counts as one failed image. */
  private int rejectedInstances;
  private StagePlan plan;
  private int focus;
  private int ended;
  private int finals;
  private long bytes;
  private long firstImageMs = -1;
  private long finalMs = -1;
  private boolean cancelled;
  private boolean completed;

  SeriesLoad(
      SeriesRequest request,
      RetrieveConfiguration configuration,
      LoadListener listener,
      DicomWebClient client,
      Decoders decoders,
      RequestScheduler scheduler,
      SeriesLoadingStrategy strategy,
      java.util.function.Function<SeriesLoad, StageRunner> runner) {
    this.request = request;
    this.configuration = configuration;
    this.listener = listener;
    this.client = client;
    this.decoders = decoders;
    this.scheduler = scheduler;
    this.strategy = strategy;
    this.focus = request.focusIndex();
    this.budget = new LoadBudget(request.node().maxLoadBytes());
    this.retrieval = runner.apply(this);
  }

  /** Reads the series (unless given) and queues the first stage of every image. */
  void start() {
    if (!request.images().isEmpty()) {
      begin(new SeriesMetadata.Series(request.images(), List.of()));
      return;
    }
    submit(new MetadataJob());
  }

  String hostKey() {
    URI base = request.node().baseUrl();
    return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
  }

  int hostLimit() {
    return request.node().maxConnections();
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  FrameResource resource(ImageState image, URI url) {
    synchronized (this) {
      image.resourceUrls.add(url);
    }
    return resources.computeIfAbsent(url, u -> new FrameResource(u, request.node().maxFrameBytes(), budget));
  }

  private void dropResource(URI url) {
    FrameResource dropped = resources.remove(url);
    if (dropped != null) {
      dropped.discard();
    }
  }

  InFlight track() {
    InFlight f = new InFlight();
    inFlight.add(f);
    synchronized (this) {
      if (cancelled) {
        f.cancel("load cancelled");
      }
    }
    return f;
  }

  void untrack(InFlight f) {
    inFlight.remove(f);
  }

  synchronized void countBytes(ImageState image, String stageId, long n) {
    image.bytes += n;
    bytes += n;
    bytesPerStage.merge(stageId, n, Long::sum);
  }

  /**
   * Runs one (image, stage) request, then decides what comes next for the image. Whatever is thrown on
   * the way — an Error, OutOfMemoryError included — ends the image with an error event, so that the load
   * still completes.
   */
  void runStage(FrameJob job) {
    try {
      runStageOnce(job);
    } catch (Throwable t) {
      failImage(job.image, configuration.stages().get(job.stageIndex), t);
    }
  }

  private void runStageOnce(FrameJob job) {
    ImageState image = job.image;
    RetrieveStage stage = configuration.stages().get(job.stageIndex);
    synchronized (this) {
      image.queued = null;
      if (cancelled || completed || image.ended) {
        return;
      }
    }
    String error = null;
    Throwable cause = null;
    try {
      retrieval.retrieve(image, stage);
    } catch (IOException | DecodeException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      cause = e;
    } catch (RuntimeException | Error e) {
      if (!isCancelled()) {
        LOG.error("Unexpected failure retrieving image {} stage {}", image.index, stage.id(), e);
      }
      error = unexpected(e);
      cause = e;
    }
    stageEnded(image, stage, error, cause);
  }

  /** The reason given for a throwable no code path expected; running out of memory is said plainly. */
  private static String unexpected(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return "out of memory (" + t.getMessage() + ")";
    }
    return "internal error: " + t;
  }

  /** The last resort when even ending a stage failed: the image ends, with an error event, once. */
  private void failImage(ImageState image, RetrieveStage stage, Throwable t) {
    try {
      synchronized (this) {
        if (cancelled || completed || image.ended) {
          return;
        }
        image.lastError = stage.id() + ": " + unexpected(t);
      }
      LOG.error("Image {} ends after an unexpected failure in stage {}", image.index, stage.id(), t);
      notifyError(new ErrorEvent(image.index, image.ref, stage.id(), unexpected(t), true, elapsedMs(), t));
      endImage(image);
    } catch (Throwable again) {
      failSeries("image " + image.index + " could not be ended after " + unexpected(t) + ": " + again, again);
    }
  }

  /** The image's stored data is lossy and complete: LOSSY ends it (see {@link ImageState#isFinal}). */
  synchronized void markStoredLossy(ImageState image) {
    image.storedLossy = true;
  }

  /**
   * Delivers a version of an image unless a better one is shown, then fills the stage's nearby frames.
   */
  void deliver(ImageState image, RetrieveStage stage, ImageQualityStatus status, Raster raster,
      int level, long total) {
    ImageEvent event;
    synchronized (deliveryLock) {
      synchronized (this) {
        if (cancelled || completed || !Grading.mayReplace(image.shown, status)) {
          return;
        }
        image.shown = status;
        if (image.own == null || status.value() > image.own.value()) {
          image.own = status;
        }
        noteFirstImage();
        event = new ImageEvent(image.index, image.ref, status, raster.rows(), raster.columns(), level,
            image.bytes, total, stage.id(), elapsedMs(), image.index, raster);
      }
      notifyImage(event);
      fillNearby(image, stage, raster, level);
    }
  }

  private void fillNearby(ImageState source, RetrieveStage stage, Raster raster, int level) {
    for (NearbyFrame nearby : stage.nearbyFrames()) {
      int target = source.index + nearby.offset();
      ImageEvent event;
      synchronized (this) {
        if (target < 0 || target >= images.size()) {
          continue;
        }
        ImageState t = images.get(target);
        if (t.shown != null && t.shown.value() >= nearby.status().value()) {
          continue;
        }
        t.shown = nearby.status();
        noteFirstImage();
        event = new ImageEvent(t.index, t.ref, nearby.status(), raster.rows(), raster.columns(),
            level, t.bytes, -1, stage.id(), elapsedMs(), source.index, raster);
      }
      notifyImage(event);
    }
  }

  private void noteFirstImage() {
    if (firstImageMs < 0) {
      firstImageMs = elapsedMs();
    }
  }

  private void stageEnded(ImageState image, RetrieveStage stage, String error, Throwable cause) {
    boolean next;
    synchronized (this) {
      if (cancelled || image.ended) {
        return;
      }
      if (error != null) {
        image.lastError = stage.id() + ": " + error;
      }
      next = !image.isFinal() && image.hasNextStage();
    }
    if (error != null) {
      notifyError(new ErrorEvent(image.index, image.ref, stage.id(), error, !next && !image.isFinal(),
          elapsedMs(), cause));
    }
    if (next) {
      synchronized (this) {
        image.step++;
      }
      submitStage(image);
    } else {
      endImage(image);
    }
  }

  private void endImage(ImageState image) {
    ErrorEvent belowFinal = null;
    boolean done;
    synchronized (this) {
      if (image.ended) {
        return;
      }
      image.ended = true;
      ended++;
      if (image.isFinal()) {
        finals++;
        finalMs = elapsedMs();
      } else if (image.lastError == null) {
        belowFinal = new ErrorEvent(image.index, image.ref, null,
            "no stage delivered a full-resolution image (best: " + image.own + ")", true,
            elapsedMs(), null);
      }
      image.resourceUrls.forEach(this::dropResource);
      done = ended == images.size();
    }
    if (belowFinal != null) {
      notifyError(belowFinal);
    }
    if (done) {
      complete();
    }
  }

  private void begin(SeriesMetadata.Series series) {
    List<ImageRef> refs = series.images();
    StagePlan newPlan = new StagePlan(configuration, refs.size());
    List<ImageState> states = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      states.add(new ImageState(i, refs.get(i), newPlan.chain(i)));
    }
    synchronized (this) {
      images = List.copyOf(states);
      plan = newPlan;
      rejectedInstances = series.rejected().size();
    }
    synchronized (deliveryLock) {
      safely(() -> listener.onSeries(refs));
    }
    reportRejected(series.rejected());
    if (states.isEmpty()) {
      complete();
    }
    for (ImageState image : states) {
      if (image.chain.isEmpty()) {
        endImage(image);
      }
    }
    List<FrameJob> first = new ArrayList<>();
    synchronized (this) {
      for (ImageState image : states) {
        if (!image.chain.isEmpty() && !cancelled) {
          image.queued = jobFor(image);
          first.add(image.queued);
        }
      }
    }
    submitAll(first);
  }

  /** A malformed instance fails alone: one permanent series-level error each, naming it. */
  private void reportRejected(List<? extends Exception> rejected) {
    for (Exception e : rejected) {
      notifyError(new ErrorEvent(-1, null, null, "Instance left out: " + e.getMessage(), true, elapsedMs(), e));
    }
  }

  private void submitStage(ImageState image) {
    FrameJob job;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      job = jobFor(image);
      image.queued = job;
    }
    submit(job);
  }

  private FrameJob jobFor(ImageState image) {
    int stageIndex = image.currentStage();
    RetrieveStage stage = configuration.stages().get(stageIndex);
    long rank = strategy.rank(image.index, stageIndex, plan.sequence(image.index, stageIndex), focus);
    if (image.index == focus) {
      return new FrameJob(this, image, stageIndex, RequestType.INTERACTION, FOCUS_PRIORITY, rank);
    }
    return new FrameJob(this, image, stageIndex, stage.requestType(), stage.priority(), rank);
  }

  private void submit(RequestScheduler.Job job) {
    submitAll(List.of(job));
  }

  private void submitAll(List<? extends RequestScheduler.Job> jobs) {
    try {
      scheduler.submitAll(jobs);
    } catch (RejectedExecutionException e) {
      LOG.debug("Engine closed; dropping {} requests", jobs.size());
      cancel();
    }
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void cancel() {
    synchronized (this) {
      if (cancelled || completed) {
        return;
      }
      cancelled = true;
    }
    scheduler.removeQueued(this);
    inFlight.forEach(f -> f.cancel("load cancelled"));
    complete();
  }

  @Override
  public void prioritize(int imageIndex) {
    List<FrameJob> requeue = new ArrayList<>();
    synchronized (this) {
      if (cancelled || imageIndex < 0 || imageIndex >= images.size()) {
        return;
      }
      focus = imageIndex;
      // Only jobs still waiting are re-ranked; one already handed to a worker runs as it is.
      for (RequestScheduler.Job waiting : scheduler.removeQueued(this)) {
        if (waiting instanceof FrameJob job && job.image.queued == job) {
          job.image.queued = jobFor(job.image);
          requeue.add(job.image.queued);
        }
      }
    }
    submitAll(requeue);
  }

  @Override
  public synchronized LoadProgress progress() {
    int shown = 0;
    int failed = 0;
    for (ImageState image : images) {
      shown += image.shown != null ? 1 : 0;
      failed += image.ended && !image.isFinal() ? 1 : 0;
    }
    return new LoadProgress(images.size(), shown, finals, failed, bytes,
        scheduler.queuedCount(this), inFlight.size());
  }

  @Override
  public CompletionStage<LoadSummary> completion() {
    return completion;
  }

  private void complete() {
    LoadSummary summary;
    synchronized (this) {
      if (completed) {
        return;
      }
      completed = true;
      resources.clear();
      int listed = images.size() + rejectedInstances;
      summary = new LoadSummary(listed, finals, listed - finals, bytes, firstImageMs,
          finals == listed ? finalMs : -1, bytesPerStage, cancelled);
    }
    try {
      synchronized (deliveryLock) {
        safely(() -> listener.onComplete(summary));
      }
    } finally {
      completion.complete(summary); // a load always completes
    }
  }

  void notifyError(ErrorEvent event) {
    synchronized (deliveryLock) {
      safely(() -> listener.onError(event));
    }
  }

  /** Ends the whole load with an error: what is queued is dropped, what runs is aborted. */
  void failSeries(String reason, Throwable cause) {
    synchronized (this) {
      if (completed) {
        return;
      }
    }
    try {
      scheduler.removeQueued(this);
      inFlight.forEach(f -> f.cancel(reason));
      notifyError(new ErrorEvent(-1, null, null, reason, true, elapsedMs(), cause));
    } finally {
      complete();
    }
  }

  private void notifyImage(ImageEvent event) {
    safely(() -> listener.onImage(event));
  }

  /** A listener's failure, an Error included, is the listener's: the load goes on. */
  private void safely(Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      LOG.warn("A load listener threw; the load goes on", t);
    }
  }

  /** Reads the series metadata, then starts the images. */
  private final class MetadataJob implements RequestScheduler.Job {
    @Override
    public Object owner() {
      return SeriesLoad.this;
    }

    @Override
    public String host() {
      return hostKey();
    }

    @Override
    public int hostLimit() {
      return SeriesLoad.this.hostLimit();
    }

    @Override
    public RequestType requestType() {
      return RequestType.INTERACTION;
    }

    @Override
    public int priority() {
      return FOCUS_PRIORITY;
    }

    @Override
    public long rank() {
      return 0;
    }

    /** Any throwable, OutOfMemoryError included, ends the load with an error: it always completes. */
    @Override
    public void run() {
      SeriesMetadata.Series series;
      try {
        series = retrieval.readSeries();
      } catch (Throwable t) {
        if (!isCancelled()) {
          String why = t instanceof IOException || t instanceof RuntimeException ? t.getMessage() : unexpected(t);
          failSeries("Cannot read the series metadata: " + why, t);
        }
        return;
      }
      try {
        begin(series);
      } catch (Throwable t) {
        LOG.error("Starting the {} images of the series failed", series.images().size(), t);
        failSeries("Cannot start the series' " + series.images().size() + " images: " + unexpected(t), t);
      }
    }
  }
}
