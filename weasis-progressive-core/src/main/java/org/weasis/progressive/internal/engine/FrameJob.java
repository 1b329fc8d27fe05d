package org.weasis.progressive.internal.engine;

import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.internal.schedule.RequestScheduler;

/** One (image, stage) request in the scheduler's queue. */
final class FrameJob implements RequestScheduler.Job {
  final ImageState image;
  final int stageIndex;
  private final LoadScheduling owner;
  private final RequestType type;
  private final int priority;
  private final long rank;
  private final long finalPixels;
  private final boolean firstLook;

  FrameJob(LoadScheduling owner, ImageState image, int stageIndex, RequestType type, int priority, long rank,
      long finalPixels, boolean firstLook) {
    this.owner = owner;
    this.image = image;
    this.stageIndex = stageIndex;
    this.type = type;
    this.priority = priority;
    this.rank = rank;
    this.finalPixels = finalPixels;
    this.firstLook = firstLook;
  }

  @Override
  public Object owner() {
    return owner.owner();
  }

  @Override
  public String host() {
    return owner.host();
  }

  @Override
  public int hostLimit() {
    return owner.hostLimit();
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
  public long finalPixels() {
    return finalPixels;
  }

  @Override
  public boolean firstLook() {
    return firstLook;
  }

  @Override
  public void run(Runnable releaseSlot) {
    owner.run(this, releaseSlot);
  }

  @Override
  public String toString() {
    return "image " + image.index + " stage " + stageIndex;
  }
}
