package org.weasis.progressive.internal.engine;

import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/** One (image, stage) request in the scheduler's queue. */
final class FrameJob implements RequestScheduler.Job {
  final SeriesLoad load;
  final ImageState image;
  final int stageIndex;
  private final RequestType type;
  private final int priority;
  private final long rank;

  FrameJob(SeriesLoad load, ImageState image, int stageIndex, RequestType type, int priority, long rank) {
    this.load = load;
    this.image = image;
    this.stageIndex = stageIndex;
    this.type = type;
    this.priority = priority;
    this.rank = rank;
  }

  @Override
  public Object owner() {
    return load;
  }

  @Override
  public String host() {
    return load.hostKey();
  }

  @Override
  public int hostLimit() {
    return load.hostLimit();
  }

  @Override
  public RequestType requestType() {
    return type;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public long rank() {
    return rank;
  }

  @Override
  public void run() {
    load.runStage(this);
  }

  @Override
  public String toString() {
    return "image " + image.index + " stage " + stageIndex;
  }
}
