package org.weasis.progressive.weasis.internal.load;

import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.wado.LoadSeries;

/**
 * A Weasis series download task that loads through our engine. Being a {@link LoadSeries}, it is
 * queued, paused, resumed and shown by Weasis like its own: the download bar of the DICOM explorer and
 * the progress bar on the series thumbnail are this task's. When our decoders cannot take the series,
 * it runs Weasis' own download of the series instead ({@code super.doInBackground()}), the same code a
 * plain {@code LoadSeries} runs.
 */
final class ProgressiveSeriesLoad extends LoadSeries {
  private final SeriesRunFactory runs;

  /** Makes the run once the task has its progress bar. */
  interface SeriesRunFactory {
    SeriesRun create(ProgressiveSeriesLoad task);
  }

  ProgressiveSeriesLoad(DicomSeries series, DicomModel model, SeriesRunFactory runs) {
    super(series, model, null, 1, true, true);
    this.runs = runs;
  }

  @Override
  protected Boolean doInBackground() {
    getDicomSeries().setTag(DOWNLOAD_START_TIME, System.currentTimeMillis());
    SeriesRun run = runs.create(this);
    SeriesRun.Outcome outcome = run.run();
    if (outcome == SeriesRun.Outcome.FALLBACK && !isCancelled()) {
      return super.doInBackground();
    }
    if (run.failedImages() > 0) {
      setHasError(true); // keeps the series in the explorer even when no image could be shown
    }
    return outcome == SeriesRun.Outcome.DONE;
  }
}
