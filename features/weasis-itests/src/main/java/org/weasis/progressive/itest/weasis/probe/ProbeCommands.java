package org.weasis.progressive.itest.weasis.probe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dcm4che3.data.Tag;
import org.opencv.core.CvType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.media.data.MediaSeriesGroup;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomMediaIO;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.opencv.data.PlanarImage;

/**
 * What the real-Weasis tests cannot see from outside the process, written to Weasis' log as one line per fact:
 * the states of our bundles and services ({@code probe:bundles}), and a SHA-256 of the samples of every image
 * of a study as Weasis' own image API decodes them, in each series' order, with each image's frame and position
 * ({@code probe:pixels STUDY_UID}), and the images Weasis' own reader makes of a DICOM file, in the order its
 * series sorts them ({@code probe:stock FILE}). The commands return at once and work on their own thread: Weasis
 * runs launcher commands on the event dispatch thread.
 */
@Component(
    service = ProbeCommands.class,
    property = {"osgi.command.scope=probe", "osgi.command.function=bundles", "osgi.command.function=pixels",
        "osgi.command.function=stock"})
public final class ProbeCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeCommands.class);
  private static final String OURS = "org.weasis.progressive.";
  private static final List<String> SERVICES = List.of("org.weasis.progressive.api.ProgressiveRetrieveService",
      "org.weasis.progressive.api.node.NodeStore", "org.weasis.progressive.api.decoder.FrameDecoder");
  private static final long START_LEVEL_WAIT_S = 120;

  private final BundleContext context;
  private final DicomModel dicomModel;

  @Activate
  public ProbeCommands(BundleContext context, @Reference DicomModel dicomModel) {
    this.context = context;
    this.dicomModel = dicomModel;
  }

  /** Logs, once the framework reached its start level, each of our bundles' state and our services. */
  public void bundles() {
    Thread.ofPlatform().name("probe-bundles").daemon().start(this::logBundles);
  }

  /** Logs a SHA-256 of each image's samples (little-endian 16-bit, or bytes for 8-bit) of {@code studyUid}. */
  public void pixels(String studyUid) {
    Thread.ofPlatform().name("probe-pixels").daemon().start(() -> logPixels(studyUid));
  }

  /**
   * Logs the images Weasis' own reader makes of the DICOM file {@code path} - what its loader adds to a series
   * for a downloaded file - in the order a series of them sorts them, without adding them to Weasis' model.
   */
  public void stock(String path) {
    Thread.ofPlatform().name("probe-stock").daemon().start(() -> logStock(Path.of(path)));
  }

  private void logStock(Path file) {
    DicomMediaIO reader = null;
    try {
      reader = new DicomMediaIO(file);
      DicomSeries series = reader.isReadableDicom() ? reader.getMediaSeries() : null;
      List<DicomImageElement> images = series == null ? List.of() : series.copyOfMedias(null, null);
      for (DicomImageElement image : images) {
        LOG.info("probe stock file={} {}", file.getFileName(), describe(image));
      }
      LOG.info("probe stock done file={} readable={} images={}", file.getFileName(), series != null, images.size());
    } catch (RuntimeException e) {
      LOG.error("probe stock failed for {}", file, e);
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /**
   * An image's frame number (from 1), ImagePositionPatient as Weasis tagged it, and the rescale intercept of its
   * modality LUT.
   */
  private static String describe(DicomImageElement image) {
    int frame = image.getKey() instanceof Integer index ? index + 1 : 1;
    double[] position = TagD.getTagValue(image, Tag.ImagePositionPatient, double[].class);
    String where = position == null ? "none" : java.util.Arrays.stream(position)
        .mapToObj(v -> String.format(java.util.Locale.ROOT, "%.3f", v))
        .collect(java.util.stream.Collectors.joining("\\"));
    // The value a stored 0 shows as, through the modality LUT Weasis applies to this image (its decoded pixels'):
    // the rescale intercept, which enhanced instances give in their functional groups.
    String intercept = image.getImage() == null ? "none"
        : String.format(java.util.Locale.ROOT, "%.1f", image.pixelToRealValue(0, null).doubleValue());
    return "frame=" + frame + " position=" + where + " intercept=" + intercept;
  }

  private void logBundles() {
    try {
      awaitStartLevel();
      int count = 0;
      for (Bundle b : context.getBundles()) {
        if (b.getSymbolicName() != null && b.getSymbolicName().startsWith(OURS)) {
          LOG.info("probe bundle name={} version={} state={}", b.getSymbolicName(), b.getVersion(), state(b));
          count++;
        }
      }
      for (String service : SERVICES) {
        LOG.info("probe service name={} count={}", service, count(service, null));
      }
      LOG.info("probe decoders transfer.syntax={}", decodedSyntaxes());
      LOG.info("probe command name=progressive:rs count={}",
          count(null, "(&(osgi.command.scope=progressive)(osgi.command.function=rs))"));
      LOG.info("probe bundles done count={}", count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("probe bundles failed", e);
    }
  }

  /** Waits for the framework's beginning start level: bundles of higher levels start only then. */
  private void awaitStartLevel() throws InterruptedException {
    Bundle system = context.getBundle(0);
    FrameworkStartLevel levels = system.adapt(FrameworkStartLevel.class);
    int target = Integer.parseInt(context.getProperty("org.osgi.framework.startlevel.beginning"));
    CountDownLatch reached = new CountDownLatch(1);
    FrameworkListener listener = event -> {
      if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
        if (levels.getStartLevel() >= target) {
          reached.countDown();
        }
      }
    };
    context.addFrameworkListener(listener);
    try {
      if (levels.getStartLevel() < target && !reached.await(START_LEVEL_WAIT_S, TimeUnit.SECONDS)) {
        LOG.warn("probe: start level {} not reached within {} s (at {})", target, START_LEVEL_WAIT_S,
            levels.getStartLevel());
      }
    } finally {
      context.removeFrameworkListener(listener);
    }
  }

  private int count(String service, String filter) {
    try {
      var refs = context.getServiceReferences(service, filter);
      return refs == null ? 0 : refs.length;
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The transfer syntaxes of the registered FrameDecoder services, sorted, comma-separated. */
  private String decodedSyntaxes() {
    java.util.SortedSet<String> syntaxes = new java.util.TreeSet<>();
    try {
      var refs = context.getServiceReferences("org.weasis.progressive.api.decoder.FrameDecoder", null);
      for (var ref : refs == null ? new org.osgi.framework.ServiceReference<?>[0] : refs) {
        Object value = ref.getProperty("transfer.syntax");
        if (value instanceof String[] many) {
          syntaxes.addAll(List.of(many));
        } else if (value != null) {
          syntaxes.add(value.toString());
        }
      }
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    return String.join(",", syntaxes);
  }

  private static String state(Bundle b) {
    return switch (b.getState()) {
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      default -> "UNINSTALLED";
    };
  }

  private void logPixels(String studyUid) {
    try {
      MediaSeriesGroup study = dicomModel.getStudyNode(studyUid);
      int images = 0;
      if (study != null) {
        for (MediaSeriesGroup group : dicomModel.getChildren(study)) {
          if (group instanceof DicomSeries series) {
            for (DicomImageElement image : series.copyOfMedias(null, null)) {
              logImage(series, image);
              images++;
            }
          }
        }
      }
      LOG.info("probe pixels done study={} found={} images={}", studyUid, study != null, images);
    } catch (RuntimeException e) {
      LOG.error("probe pixels failed for study {}", studyUid, e);
    }
  }

  private static void logImage(DicomSeries series, DicomImageElement image) {
    String seriesUid = TagD.getTagValue(series, Tag.SeriesInstanceUID, String.class);
    String sop = TagD.getTagValue(image, Tag.SOPInstanceUID, String.class);
    PlanarImage pixels = image.getImage();
    if (pixels == null) {
      LOG.info("probe pixels series={} sop={} image=none", seriesUid, sop);
      return;
    }
    LOG.info("probe pixels series={} sop={} rows={} columns={} type={} sha256={} {}", seriesUid, sop,
        pixels.height(), pixels.width(), CvType.typeToString(pixels.type()), sha256(pixels), describe(image));
  }

  /** SHA-256 of the samples in row order: 16-bit ones as little-endian pairs, 8-bit ones as bytes. */
  static String sha256(PlanarImage image) {
    int samples = image.width() * image.height() * image.channels();
    byte[] bytes;
    if (CvType.ELEM_SIZE(image.type()) / image.channels() == 2) {
      short[] values = new short[samples];
      image.get(0, 0, values);
      ByteBuffer le = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
      le.asShortBuffer().put(values);
      bytes = le.array();
    } else {
      bytes = new byte[samples];
      image.get(0, 0, bytes);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
