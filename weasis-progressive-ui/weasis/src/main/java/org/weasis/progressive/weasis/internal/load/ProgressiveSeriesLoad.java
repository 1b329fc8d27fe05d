package org.weasis.progressive.weasis.internal.load;

import java.util.function.Consumer;
import org.weasis.core.api.media.data.TagW;
import org.weasis.core.api.media.data.Thumbnail;
import org.weasis.core.api.net.auth.AuthMethod;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.wado.DownloadManager;
import org.weasis.dicom.explorer.wado.DownloadPriority;
import org.weasis.dicom.explorer.wado.LoadSeries;
import org.weasis.dicom.explorer.wado.ThumbnailManager;

/**
 * A Weasis series download task that loads through our engine. Being a {@link LoadSeries}, it is
 * queued, paused, resumed and shown by Weasis like its own: the download bar of the DICOM explorer and
 * the progress bar on the series thumbnail are this task's. When our decoders cannot take the series,
 * it runs Weasis' own download of the series instead ({@code super.doInBackground()}), the same code a
 * plain {@code LoadSeries} runs, signed with the node's Weasis authentication method as Weasis signs it.
 */
final class ProgressiveSeriesLoad extends LoadSeries {
  private final DicomModel model;
  private final AuthMethod authMethod;
  private final SeriesRunFactory runs;
  private final Consumer<ProgressiveSeriesLoad> showOnThumbnail;
  /** The load the open started for the series, which this task takes over; or null. */
  private final EarlyLoad early;

  /** Makes the run once the task has its progress bar. */
  interface SeriesRunFactory {
    SeriesRun create(ProgressiveSeriesLoad task);
  }

  /**
   * @param authMethod the node's Weasis authentication method, for the stock download of a fallback; or null
   * @param runs makes each run of this series (one per task; a resumed series gets a new task)
   * @param showOnThumbnail puts a task's progress bar and pause/resume menu on the series thumbnail
   * @param early the load the open started for the series (the runs take it over), or null; a task that ends
   *     without running cancels it
   */
  ProgressiveSeriesLoad(DicomSeries series, DicomModel model, AuthMethod authMethod, SeriesRunFactory runs,
      Consumer<ProgressiveSeriesLoad> showOnThumbnail, EarlyLoad early) {
    super(series, model, authMethod, 1, true, true);
    this.model = model;
    this.authMethod = authMethod;
    this.runs = runs;
    this.showOnThumbnail = showOnThumbnail;
    this.early = early;
  }

  /** Queues this task in Weasis' download manager, shown on the series thumbnail. */
  void queue() {
    showOnThumbnail.accept(this);
    DownloadManager.addLoadSeries(this, model, true);
  }

  @Override
  protected Boolean doInBackground() {
    getDicomSeries().setTag(DOWNLOAD_START_TIME, System.currentTimeMillis());
    SeriesRun run = runs.create(this);
    SeriesRun.Outcome outcome = run.run();
    if (outcome == SeriesRun.Outcome.FALLBACK && !isCancelled()) {
      return super.doInBackground();
    }
    if (run.failedImages() > 0 || outcome == SeriesRun.Outcome.UNAUTHORIZED) {
      setHasError(true); // keeps the series in the explorer even when no image could be shown
    }
    return outcome == SeriesRun.Outcome.DONE;
  }

  /** Also when the task was stopped or cancelled before it ran: then the load the open started is cancelled. */
  @Override
  protected void done() {
    try {
      super.done();
    } finally {
      if (early != null) {
        early.discard(); // nothing once a run took it over
      }
    }
  }

  /**
   * Resumes a paused series with our engine again. Weasis' own resume starts a plain LoadSeries, which
   * skips every instance the series holds, so the versions shown so far would never be replaced by
   * their finals; the new task keeps this one's presenter and replaces them.
   */
  @Override
  public void resume() {
    if (!isStopped()) {
      return;
    }
    DownloadPriority priority = getPriority();
    if (priority != null) {
      priority.setPriority(DownloadPriority.COUNTER.getAndDecrement());
    }
    ProgressiveSeriesLoad next = new ProgressiveSeriesLoad(getDicomSeries(), model, authMethod, runs, showOnThumbnail,
        null); // its runs start loads of their own: the open's was taken over or cancelled
    next.setPriority(priority);
    next.setPOpeningStrategy(getOpeningStrategy());
    if (getDicomSeries().getTagValue(TagW.Thumbnail) instanceof Thumbnail thumbnail) {
      ThumbnailManager.removeThumbnailMouseAndKeyAdapter(thumbnail);
    }
    next.queue();
    DownloadManager.removeLoadSeries(this, model);
  }
}
