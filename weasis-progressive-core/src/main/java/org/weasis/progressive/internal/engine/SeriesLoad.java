package org.weasis.progressive.internal.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadProgress;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.Raster;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/**
 * One running load: each image's chain of stages, from the first to the one that ends it, and the load's
 * end. Scheduling is {@link LoadScheduling}'s, the versions shown {@link ImageVersions}', the counts
 * {@link LoadAccounts}', the network and decoding the {@link StageRunner}'s. Guards
 * {@link ImageState#ended} and {@link ImageState#lastError}; listener calls are made holding none of its
 * locks (see {@link LoadEvents}).
 */
final class SeriesLoad implements LoadHandle {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesLoad.class);

  private final SeriesRequest request;
  private final RetrieveConfiguration configuration;
  private final LoadEvents events;
  private final LoadAccounts accounts;
  private final ImageVersions versions;
  private final RunningRequests requests;
  private final StageRunner runner;
  private final LoadScheduling scheduling;
  private final CompletableFuture<LoadSummary> completion = new CompletableFuture<>();

  private List<ImageState> images = List.of();
  /** Instances the metadata listed but that were refused as malformed: each counts as one failed image. */
  private int rejectedInstances;
  private int ended;
  private int failed;
  private boolean cancelled;
  private boolean completed;

  SeriesLoad(LoadParts parts, SeriesRequest request, RetrieveConfiguration configuration, StageRunner runner,
      RequestScheduler scheduler, SeriesLoadingStrategy strategy) {
    this.request = request;
    this.configuration = configuration;
    this.events = parts.events();
    this.accounts = parts.accounts();
    this.versions = parts.versions();
    this.requests = parts.requests();
    this.runner = runner;
    this.scheduling = new LoadScheduling(this, request, configuration, scheduler, strategy,
        this::runStage, this::cancel);
  }

  /** Reads the series (unless given) and queues the first stage of every image. */
  void start() {
    if (!request.images().isEmpty()) {
      begin(new SeriesMetadata.Series(request.images(), List.of()));
      return;
    }
    scheduling.submitFirst(this::readSeries);
  }

  /**
   * Runs one (image, stage) request, then decides what comes next for the image. Whatever is thrown on
   * the way — an Error, OutOfMemoryError included — ends the image with an error event, so that the load
   * still completes.
   */
  private void runStage(FrameJob job, Runnable releaseSlot) {
    try {
      runStageOnce(job.image, configuration.stages().get(job.stageIndex), releaseSlot);
    } catch (Throwable t) {
      failImage(job.image, configuration.stages().get(job.stageIndex), t);
    }
  }

  private void runStageOnce(ImageState image, RetrieveStage stage, Runnable releaseSlot) {
    synchronized (this) {
      if (cancelled || completed || image.ended) {
        return;
      }
    }
    String error = null;
    Throwable cause = null;
    try {
      runner.retrieve(image, stage, releaseSlot);
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
      events.error(new ErrorEvent(image.index, image.ref, stage.id(), unexpected(t), true, accounts.elapsedMs(), t));
      endImage(image);
    } catch (Throwable again) {
      failSeries("image " + image.index + " could not be ended after " + unexpected(t) + ": " + again, again);
    }
  }

  private void stageEnded(ImageState image, RetrieveStage stage, String error, Throwable cause) {
    boolean next;
    boolean isFinal;
    synchronized (this) {
      if (cancelled || image.ended) {
        return;
      }
      if (error != null) {
        image.lastError = stage.id() + ": " + error;
      }
      isFinal = versions.isFinal(image);
      next = !isFinal && image.hasNextStage();
    }
    if (error != null) {
      events.error(new ErrorEvent(image.index, image.ref, stage.id(), error, !next && !isFinal,
          accounts.elapsedMs(), cause));
    }
    if (next) {
      scheduling.submitNextStage(image);
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
      if (versions.isFinal(image)) {
        accounts.imageFinal();
      } else {
        failed++;
        if (image.lastError == null) {
          belowFinal = new ErrorEvent(image.index, image.ref, null,
              "no stage delivered a full-resolution image (best: " + versions.ownBest(image) + ")", true,
              accounts.elapsedMs(), null);
        }
      }
      done = ended == images.size();
    }
    runner.imageEnded(image);
    if (belowFinal != null) {
      events.error(belowFinal);
    }
    if (done) {
      complete();
    }
  }

  /** Reads the series metadata, then starts the images; any throwable ends the load with an error. */
  private void readSeries() {
    SeriesMetadata.Series series;
    try {
      series = runner.readSeries();
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

  private void begin(SeriesMetadata.Series series) {
    List<ImageRef> refs = series.images();
    StagePlan plan = new StagePlan(configuration, refs.size());
    List<ImageState> states = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      states.add(new ImageState(i, refs.get(i), plan.chain(i)));
    }
    versions.begin(states);
    synchronized (this) {
      images = List.copyOf(states);
      rejectedInstances = series.rejected().size();
    }
    events.series(refs);
    // A malformed instance fails alone: one permanent series-level error each, naming it.
    for (Exception e : series.rejected()) {
      events.error(new ErrorEvent(-1, null, null, "Instance left out: " + e.getMessage(), true,
          accounts.elapsedMs(), e));
    }
    if (states.isEmpty()) {
      complete();
    }
    for (ImageState image : states) {
      if (image.chain.isEmpty()) {
        endImage(image);
      }
    }
    scheduling.submitFirstStages(plan, states);
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
    versions.close();
    scheduling.close();
    requests.cancel("load cancelled");
    complete();
  }

  @Override
  public void prioritize(int imageIndex) {
    scheduling.prioritize(imageIndex);
  }

  @Override
  public LoadProgress progress() {
    int total;
    int failedNow;
    synchronized (this) {
      total = images.size();
      failedNow = failed;
    }
    return new LoadProgress(total, versions.shownCount(), accounts.finals(), failedNow, accounts.bytes(),
        scheduling.queuedCount(), requests.count());
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
      summary = accounts.summary(images.size() + rejectedInstances, cancelled);
    }
    versions.close();
    runner.loadEnded();
    try {
      events.complete(summary);
    } finally {
      completion.complete(summary); // a load always completes
    }
  }

  /** Ends the whole load with an error: what is queued is dropped, what runs is aborted. */
  private void failSeries(String reason, Throwable cause) {
    synchronized (this) {
      if (completed) {
        return;
      }
    }
    try {
      scheduling.close();
      requests.abortRunning(reason);
      events.error(new ErrorEvent(-1, null, null, reason, true, accounts.elapsedMs(), cause));
    } finally {
      complete();
    }
  }
}
