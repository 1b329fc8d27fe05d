package org.weasis.progressive.itest.weasis.probe;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.dcm4che3.data.Tag;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.gui.util.GuiUtils;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.core.ui.editor.image.ViewerPlugin;
import org.weasis.core.ui.editor.image.ImageViewerPlugin;
import org.weasis.core.ui.editor.image.ViewCanvas;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;

/**
 * Times a study's load the same way whatever loads it (Weasis' own {@code dicom:rs} or ours), from inside
 * Weasis: {@code probe:timing STUDY_UID IMAGES} (not {@code probe:watch}: that is DisplayWatch's, and gogo picked its
 * two-argument form, parsing the study UID as a number), given just before the load command in the same launch (Weasis
 * runs them one after the other on its event thread), logs
 * {@code probe shown study=UID ms=T series=UID rows=R columns=C} when a view of an open viewer first displays a decoded image of the study,
 * and {@code probe loaded study=UID images=N ms=T} when the study's series hold IMAGES images; ms counted from
 * the watch command, after {@code probe timing study=UID warm-ups running=[THREADS]} at the command (our
 * bundles' warm-ups still running then); before them, {@code probe viewer study=UID ms=T} when a view of an
 * open viewer first holds a series of the study (Weasis' viewer opened on it, with or without an image). Polls on the event thread every {@value #POLL_MS} ms, as a paint would see the views.
 */
@Component(
    service = LoadWatch.class,
    property = {"osgi.command.scope=probe", "osgi.command.function=timing"})
public final class LoadWatch {
  private static final Logger LOG = LoggerFactory.getLogger(LoadWatch.class);
  private static final long POLL_MS = 10;
  private static final long GIVE_UP_MS = TimeUnit.MINUTES.toMillis(10);

  private final DicomModel dicomModel;

  @Activate
  public LoadWatch(@Reference DicomModel dicomModel) {
    this.dicomModel = dicomModel;
  }

  /** Starts watching; returns at once (the load command comes next on the same thread). */
  public void timing(String studyUid, int images) {
    long start = System.nanoTime();
    Cpu cpu = Cpu.now();
    LOG.info("probe timing study={} warm-ups running=[{}]", studyUid, runningWarmUps());
    Thread.ofPlatform().name("probe-watch").daemon().start(() -> poll(studyUid, images, start, cpu));
  }

  /**
   * CPU time of Weasis' event thread: on a busy machine, wall-clock times grow with the others' load, the event
   * thread's work until the first image is shown much less.
   */
  private record Cpu(long eventThreadNanos) {
    private static final String EVENT_THREAD = "AWT-EventQueue-0";

    static Cpu now() {
      long edt = -1;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (EVENT_THREAD.equals(t.getName())) {
          edt = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
        }
      }
      return new Cpu(edt);
    }

    /** "edt-cpu=E": ms the event thread ran since {@code start}. */
    String since(Cpu start) {
      return "edt-cpu=" + TimeUnit.NANOSECONDS.toMillis(eventThreadNanos - start.eventThreadNanos);
    }
  }

  private void poll(String studyUid, int images, long start, Cpu cpu) {
    boolean viewer = false;
    boolean shown = false;
    boolean loaded = false;
    try {
      while (!(shown && loaded) && elapsedMs(start) < GIVE_UP_MS) {
        if (!viewer && Boolean.TRUE.equals(onEventThread(() -> viewerHolds(studyUid)))) {
          viewer = true;
          LOG.info("probe viewer study={} ms={}", studyUid, elapsedMs(start));
        }
        String image = shown ? null : onEventThread(() -> decodedImageShownOf(studyUid));
        if (image != null) {
          shown = true;
          LOG.info("probe shown study={} ms={} {} {}", studyUid, elapsedMs(start), image, Cpu.now().since(cpu));
        }
        if (!loaded && imageCount(studyUid) >= images) {
          loaded = true;
          LOG.info("probe loaded study={} images={} ms={}", studyUid, images, elapsedMs(start));
        }
        Thread.sleep(POLL_MS);
      }
      if (!(shown && loaded)) {
        LOG.warn("probe watch gave up study={} shown={} loaded={} images={}", studyUid, shown, loaded,
            imageCount(studyUid));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("probe watch failed for study {}", studyUid, e);
    }
  }

  /**
   * The warm-ups of our bundles (core, codecs) still running: a load that starts before they end shares the
   * cores with them. They are known by their threads' names only, since their code is internal.
   */
  private static String runningWarmUps() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("weasis-progressive warm-up")).sorted()
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static long elapsedMs(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** True when a view of an open 2D viewer holds a series of the study (with or without an image yet). */
  private boolean viewerHolds(String studyUid) {
    MediaSeriesGroup study = dicomModel.getStudyNode(studyUid);
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (study != null && view.getSeries() instanceof MediaSeriesGroup series
              && dicomModel.getParent(series, DicomModel.study) == study) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The image a view shows decoded for display ("series=UID rows=R columns=C"), or null when none is. */
  private static String decodedImageShownOf(String studyUid) {
    for (ViewerPlugin<?> plugin : GuiUtils.getUICore().getViewerPlugins()) {
      if (plugin instanceof ImageViewerPlugin<?> viewer) {
        for (ViewCanvas<?> view : viewer.getImagePanels()) {
          if (view.getImage() instanceof DicomImageElement image
              && studyUid.equals(TagD.getTagValue(image, Tag.StudyInstanceUID, String.class))
              && view.getImageLayer().getDisplayImage() != null) {
            return "series=" + TagD.getTagValue(image, Tag.SeriesInstanceUID, String.class)
                + " rows=" + TagD.getTagValue(image, Tag.Rows, Integer.class)
                + " columns=" + TagD.getTagValue(image, Tag.Columns, Integer.class);
          }
        }
      }
    }
    return null;
  }

  private int imageCount(String studyUid) {
    MediaSeriesGroup study = dicomModel.getStudyNode(studyUid);
    int count = 0;
    if (study != null) {
      for (MediaSeriesGroup group : dicomModel.getChildren(study)) {
        if (group instanceof DicomSeries series) {
          count += series.size(null);
        }
      }
    }
    return count;
  }

  private static <T> T onEventThread(java.util.function.Supplier<T> check) throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(() -> result.set(check.get()));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    return result.get();
  }
}
