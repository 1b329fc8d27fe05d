package org.weasis.progressive.weasis.internal.viewer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.dcm4che3.data.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class SeriesPresenterTest {
  private static final PixelDescription PIXELS = PixelDescription.grey(2, 3, 12, false);
  private static final String SOP = "1.2.3.4";

  /** A version of frame {@code frameNumber} of the enhanced CT instance of {@link MultiFrameFileTest}. */
  private static ImageEvent frame(int frameNumber, ImageQualityStatus status) {
    ImageRef ref = new ImageRef("1.2", "1.2.3", SOP, frameNumber, "http://127.0.0.1/frames", null, frameNumber - 1,
        PIXELS);
    Raster raster = new Raster(PIXELS.rows(), PIXELS.columns(), 1,
        ShortBuffer.allocate(PIXELS.rows() * PIXELS.columns()));
    return new ImageEvent(frameNumber - 1, ref, status, PIXELS.rows(), PIXELS.columns(), 0, 12, 12, "stage", 1,
        frameNumber - 1, raster);
  }

  @Test
  void everyLaterFrameOfAMultiFrameInstanceWhoseFileCouldNotBeMadeFailsNamingTheInstanceAndWhy(@TempDir Path dir) {
    Executor inline = Runnable::run;
    // A directory that is gone stands for a disk that refuses the file (full, read-only).
    SeriesPresenter presenter = new SeriesPresenter(new DicomModel(), new DicomSeries("1.2.3"), null,
        dir.resolve("gone"), inline, inline);
    Attributes metadata = MultiFrameFileTest.enhancedCtMetadata();

    assertThrows(NoSuchFileException.class,
        () -> presenter.present(frame(1, ImageQualityStatus.FULL_RESOLUTION), metadata));
    IOException second = assertThrows(IOException.class,
        () -> presenter.present(frame(2, ImageQualityStatus.SUBRESOLUTION), metadata));
    IOException last = assertThrows(IOException.class,
        () -> presenter.present(frame(3, ImageQualityStatus.FULL_RESOLUTION), metadata));

    assertTrue(second.getMessage().startsWith("frame 2 of " + SOP + " cannot be shown: its multi-frame file could"
        + " not be made: java.nio.file.NoSuchFileException"), second.getMessage());
    assertTrue(last.getMessage().startsWith("frame 3 of " + SOP + " cannot be shown"), last.getMessage());
  }
}
