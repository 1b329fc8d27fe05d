package org.weasis.progressive.internal.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesLoadingStrategy;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/**
 * One load's requests in the engine's shared {@link RequestScheduler}: each image's current stage as a
 * {@link FrameJob} ranked by the load's strategy, the image the user looks at first, and marked with the
 * pixels its final decodes (the scheduler fetches larger finals first). Guards
 * {@link ImageState#step} and {@link ImageState#queued}.
 */
final class LoadScheduling {
  private static final Logger LOG = LoggerFactory.getLogger(LoadScheduling.class);
  /** Priority given to the image the user looks at, ahead of every configured stage. */
  private static final int FOCUS_PRIORITY = Integer.MIN_VALUE;

  /** Runs a job the scheduler started; {@code releaseSlot} frees its connection slot early. */
  interface StageStart {
    void run(FrameJob job, Runnable releaseSlot);
  }

  private final Object owner;
  private final RequestScheduler scheduler;
  private final SeriesLoadingStrategy strategy;
  private final RetrieveConfiguration configuration;
  private final String host;
  private final int hostLimit;
  private final StageStart start;
  /** What to do when the engine refuses work (it is closing). */
  private final Runnable onRejected;
  private StagePlan plan;
  private int imageCount;
  private int focus;
  private boolean closed;

  LoadScheduling(Object owner, SeriesRequest request, RetrieveConfiguration configuration,
      RequestScheduler scheduler, SeriesLoadingStrategy strategy, StageStart start, Runnable onRejected) {
    this.owner = owner;
    this.scheduler = scheduler;
    this.strategy = strategy;
    this.configuration = configuration;
    URI base = URI.create(request.node().baseUrl());
    this.host = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    this.hostLimit = request.node().maxConnections();
    this.focus = request.focusIndex();
    this.start = start;
    this.onRejected = onRejected;
  }

  /** Whose jobs these are, for the scheduler. */
  Object owner() {
    return owner;
  }

  String host() {
    return host;
  }

  int hostLimit() {
    return hostLimit;
  }

  /** Queues a one-off request (the series metadata) ahead of every stage. */
  void submitFirst(Runnable work) {
    submitAll(List.of(new OneOff(work)));
  }

  /** Queues the first stage of every image that has one. */
  void submitFirstStages(StagePlan newPlan, List<ImageState> images) {
    List<FrameJob> first = new ArrayList<>();
    synchronized (this) {
      plan = newPlan;
      imageCount = images.size();
      for (ImageState image : images) {
        if (!image.chain.isEmpty() && !closed) {
          image.queued = jobFor(image);
          first.add(image.queued);
        }
      }
    }
    submitAll(first);
  }

  /** Queues the image's next stage. */
  void submitNextStage(ImageState image) {
    FrameJob job;
    synchronized (this) {
      if (closed) {
        return;
      }
      image.step++;
      job = jobFor(image);
      image.queued = job;
    }
    submitAll(List.of(job));
  }

  void run(FrameJob job, Runnable releaseSlot) {
    synchronized (this) {
      job.image.queued = null;
    }
    start.run(job, releaseSlot);
  }

  /** The user looks at another image: it goes first, and the jobs still waiting are ranked again. */
  void prioritize(int imageIndex) {
    List<FrameJob> requeue = new ArrayList<>();
    synchronized (this) {
      if (closed || imageIndex < 0 || imageIndex >= imageCount) {
        return;
      }
      focus = imageIndex;
      // Only jobs still waiting are re-ranked; one already handed to a worker runs as it is.
      for (RequestScheduler.Job waiting : scheduler.removeQueued(owner)) {
        if (waiting instanceof FrameJob job && job.image.queued == job) {
          job.image.queued = jobFor(job.image);
          requeue.add(job.image.queued);
        }
      }
    }
    submitAll(requeue);
  }

  /** Nothing more is queued, and what waits is dropped. */
  void close() {
    synchronized (this) {
      closed = true;
    }
    scheduler.removeQueued(owner);
  }

  int queuedCount() {
    return scheduler.queuedCount(owner);
  }

  private FrameJob jobFor(ImageState image) {
    int stageIndex = image.currentStage();
    RetrieveStage stage = configuration.stages().get(stageIndex);
    long rank = strategy.rank(image.index, stageIndex, plan.sequence(image.index, stageIndex), focus);
    long finalPixels = endsInFinal(image, stage) ? pixels(image) : 0;
    if (image.index == focus) {
      // A first stage that asks for a first byte range of the frame: alone among the load's requests (see
      // firstLook). A whole frame, even a lossy one, is not held for: a slow one would hold the load's other
      // frames with it. (A server that ignores Range answers the whole frame to a request already running alone.)
      return new FrameJob(this, image, stageIndex, RequestType.INTERACTION, FOCUS_PRIORITY, rank, finalPixels,
          image.step == 0 && asksFirstChunk(image, stage));
    }
    return new FrameJob(this, image, stageIndex, stage.requestType(), stage.priority(), rank, finalPixels, false);
  }

  /**
   * True when the stage's request brings the frame's last byte for a full-resolution version: the whole
   * frame or the rest after a first range, not a chunk, a thumbnail or a version graded below final.
   */
  private boolean endsInFinal(ImageState image, RetrieveStage stage) {
    RetrieveOptions options = optionsFor(image, stage);
    boolean lastByte = !options.isRange() || options.rangeIndex() == -1;
    return lastByte && options.statusOrDefault() == ImageQualityStatus.FULL_RESOLUTION;
  }

  /** True when the stage's request for this image is a byte range that is not the rest of the frame. */
  private boolean asksFirstChunk(ImageState image, RetrieveStage stage) {
    RetrieveOptions options = optionsFor(image, stage);
    return options.isRange() && options.rangeIndex() != -1;
  }

  /** The stage's retrieve options for this image's transfer syntax. */
  private RetrieveOptions optionsFor(ImageState image, RetrieveStage stage) {
    return configuration.optionsFor(stage.retrieveType()).forTransferSyntax(image.ref.transferSyntaxUid());
  }

  private static long pixels(ImageState image) {
    PixelDescription p = image.ref.pixels();
    return (long) p.rows() * p.columns() * p.samplesPerPixel();
  }

  private void submitAll(List<? extends RequestScheduler.Job> jobs) {
    try {
      scheduler.submitAll(jobs);
    } catch (RejectedExecutionException e) {
      LOG.debug("Engine closed; dropping {} requests", jobs.size());
      onRejected.run();
    }
  }

  /** A request outside the stages, run first. */
  private final class OneOff implements RequestScheduler.Job {
    private final Runnable work;

    OneOff(Runnable work) {
      this.work = work;
    }

    @Override
    public Object owner() {
      return owner;
    }

    @Override
    public String host() {
      return host;
    }

    @Override
    public int hostLimit() {
      return hostLimit;
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

    @Override
    public void run(Runnable releaseSlot) {
      work.run();
    }
  }
}
