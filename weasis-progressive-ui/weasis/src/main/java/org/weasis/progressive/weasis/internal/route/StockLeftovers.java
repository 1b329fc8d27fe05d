package org.weasis.progressive.weasis.internal.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import org.dcm4che3.data.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.media.data.SeriesEvent;
import org.weasis.dicom.codec.DicomImageElement;
import org.weasis.dicom.codec.DicomSeries;
import org.weasis.dicom.codec.TagD;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.progressive.weasis.internal.viewer.QualityCorner;

/**
 * Keeps one image per instance in a series taken over from a stock download that had already begun.
 *
 * <p>Such a download is cancelled without an interrupt (an interrupt left an unreadable image), so the
 * instance it was reading can still be added afterwards. Weasis 4.7.2 checks whether the series holds the
 * instance and adds it later, without a lock our loader could share, so the check of either loader can miss
 * the other's image: the series then counts one image twice (seen on a cold start: 4 images for 3
 * instances). Both adds announce themselves (ADD_IMAGE) on the event thread once they are done, so the
 * announcement of the second one always finds both copies: it removes every copy but ours (the one that
 * will be refined), or but the first when none is ours, and lets the viewers know the series changed.
 * Only series taken over from a running download are watched; any other series is left to Weasis.
 * Event thread only.
 */
final class StockLeftovers {
  private static final Logger LOG = LoggerFactory.getLogger(StockLeftovers.class);

  /** Weak: a closed series goes away with Weasis' own references to it. */
  private final Set<DicomSeries> watched = Collections.newSetFromMap(new WeakHashMap<>());

  /** From now on, copies of an instance added to {@code series} are reduced to one. */
  void watch(DicomSeries series) {
    watched.add(series);
  }

  /** Handles one ADD_IMAGE announcement of {@code model}; anything else passes. */
  void imageAdded(DicomModel model, SeriesEvent event) {
    if (event.getActionCommand() == SeriesEvent.Action.ADD_IMAGE
        && event.getSource() instanceof DicomSeries series
        && watched.contains(series)
        && event.getParam() instanceof DicomImageElement added) {
      removeCopies(model, series, added);
    }
  }

  private static void removeCopies(DicomModel model, DicomSeries series, DicomImageElement added) {
    List<DicomImageElement> copies = new ArrayList<>();
    List<DicomImageElement> removed;
    // Series.getSortedMedias(null) is the series' own list (Weasis 4.7.2 has no removeMedia): holding the
    // series' lock, as DicomSeries.addMedia does, keeps an add from interleaving.
    synchronized (series) {
      List<DicomImageElement> medias = series.getSortedMedias(null);
      synchronized (medias) {
        for (DicomImageElement media : medias) {
          if (sameInstance(media, added)) {
            copies.add(media);
          }
        }
      }
      removed = surplus(copies, StockLeftovers::isOurs);
      if (removed.isEmpty()) {
        return;
      }
      medias.removeAll(removed);
      series.addAll(List.of()); // drops Weasis' cached sorted copies of the list
    }
    LOG.info("Series {}: removed {} copy of instance {} that the cancelled stock download added", series,
        removed.size(), sop(added));
    // View2dContainer re-reads the series on ADD_IMAGE and leaves an image that is no longer in it.
    model.firePropertyChange(new ObservableEvent(ObservableEvent.BasicAction.ADD, model, null,
        new SeriesEvent(SeriesEvent.Action.ADD_IMAGE, series, copies.stream()
            .filter(c -> !removed.contains(c)).findFirst().orElse(added))));
    removed.forEach(DicomImageElement::dispose);
  }

  /**
   * Of several copies of one instance, those to remove: all but the first of {@code ours}, or all but the
   * first when none is ours. Fewer than two copies: none.
   */
  static <E> List<E> surplus(List<E> copies, Predicate<E> ours) {
    if (copies.size() < 2) {
      return List.of();
    }
    E kept = copies.stream().filter(ours).findFirst().orElse(copies.getFirst());
    List<E> surplus = new ArrayList<>(copies);
    surplus.remove(kept);
    return surplus;
  }

  /** The same instance, and the same frame of it (a multi-frame instance is one element per frame). */
  private static boolean sameInstance(DicomImageElement a, DicomImageElement b) {
    return a == b || (Objects.equals(sop(a), sop(b)) && sop(a) != null && Objects.equals(a.getKey(), b.getKey()));
  }

  private static String sop(DicomImageElement element) {
    return TagD.getTagValue(element, Tag.SOPInstanceUID, String.class);
  }

  /** Our loader tags each element it adds with its quality text (null once final, the key stays). */
  private static boolean isOurs(DicomImageElement element) {
    return element.containTagKey(QualityCorner.QUALITY);
  }
}
