package org.weasis.progressive.weasis.internal.route;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.core.api.explorer.ObservableEvent;
import org.weasis.core.api.media.data.SeriesEvent;
import org.weasis.dicom.explorer.DicomModel;
import org.weasis.dicom.explorer.pref.node.AuthenticationPersistence;
import org.weasis.dicom.explorer.wado.DownloadManager;
import org.weasis.dicom.explorer.wado.LoadSeries;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.ProgressiveOpener;
import org.weasis.progressive.weasis.internal.pref.ProgressiveNode;
import org.weasis.progressive.weasis.internal.pref.WeasisNodeList;
import org.weasis.progressive.weasis.internal.pref.WeasisNodeStore;
import org.weasis.progressive.weasis.internal.pref.WeasisWebNode;

/**
 * Sends the series Weasis queues for download from a node with progressive loading on to our engine.
 *
 * <p>Weasis 4.7.2 has no hook to replace retrieval: {@code dicom:rs}, the Q/R dialog and a resume each
 * build a plain {@link LoadSeries} and queue it with {@link DownloadManager#addLoadSeries}, which announces
 * it to the DicomModel's listeners (LOADING_START). That one event covers every path, so this listener takes
 * the LoadSeries back out of the queue, cancels it (a task cancelled before it runs never runs) and hands
 * its series to the {@link ProgressiveOpener}. A subclass of LoadSeries would need Weasis to create it; the
 * event arrives on the event thread after the series is queued, so a download thread may have begun the
 * stock download already — then it is cancelled without an interrupt and its response closed, the opener
 * fills in what it left, and {@link StockLeftovers} removes the copy of an instance both may add. A resume of a
 * series (Weasis re-creates a plain LoadSeries) comes here again and continues progressively. The opener's
 * own loads, subclasses of LoadSeries, pass untouched. A node Weasis authenticates through one of its OAuth2
 * methods loads with that method's token (see {@link NodeAuthorization}).
 * Anything else (progressive off, no matching node, not WADO-RS) is left exactly as Weasis made it.
 */
@Component(service = {})
public final class LoadRouter implements PropertyChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(LoadRouter.class);

  private final DicomModel model;
  private final WeasisNodeStore nodes;
  private final ProgressiveOpener opener;
  private final StockLeftovers leftovers = new StockLeftovers();

  @Activate
  public LoadRouter(@Reference DicomModel model, @Reference NodeStore store, @Reference ProgressiveOpener opener) {
    this.model = model;
    this.nodes = new WeasisNodeStore(WeasisNodeList::load, store);
    this.opener = opener;
    model.addPropertyChangeListener(this);
  }

  @Deactivate
  void deactivate() {
    model.removePropertyChangeListener(this);
  }

  @Override
  public void propertyChange(PropertyChangeEvent event) {
    if (event instanceof ObservableEvent observable
        && observable.getActionCommand() == ObservableEvent.BasicAction.ADD
        && observable.getNewValue() instanceof SeriesEvent added) {
      leftovers.imageAdded(model, added);
    } else if (event instanceof ObservableEvent observable
        && observable.getActionCommand() == ObservableEvent.BasicAction.LOADING_START
        && observable.getNewValue() instanceof LoadSeries load
        && isWeasisOwn(load)
        && !load.isCancelled()) { // cancelled: queued paused (download on demand); its resume comes here again
      try {
        route(load);
      } catch (IOException | RuntimeException e) {
        LOG.error("Cannot route series {} to progressive loading; Weasis loads it", load.getDicomSeries(), e);
      }
    }
  }

  private void route(LoadSeries load) throws IOException {
    Optional<SeriesOrigin> origin = SeriesOrigin.of(load.getDicomSeries(), model);
    if (origin.isEmpty()) {
      return;
    }
    Optional<ProgressiveNode> node = NodeMatch.find(nodes.nodes(), origin.get().baseUrl(), origin.get().headers())
        .filter(found -> found.config().progressive());
    if (node.isEmpty()) {
      return;
    }
    NodeConfig config = withLoadHeaders(node.get().config(), origin.get().headers());
    NodeAuthorization authorization = authorizationOf(node.get().weasis());
    takeOver(load);
    LOG.info("Series {} from node \"{}\" loads progressively{}", origin.get().seriesUid(), config.name(),
        authorization.usesWeasisMethod() ? ", with its Weasis authentication" : "");
    // The opener asks the method for its token off this (the event) thread: it may wait for Weasis' login.
    opener.open(config, authorization, origin.get().studyUid(), origin.get().seriesUid());
  }

  /** The node's Weasis authentication method, as Weasis' own node gives it (unknown: none). */
  static NodeAuthorization authorizationOf(WeasisWebNode node) {
    return node.usesWeasisAuthMethod()
        ? NodeAuthorization.of(AuthenticationPersistence.getAuthMethod(node.authMethodUid()))
        : NodeAuthorization.none();
  }

  /**
   * True for the plain LoadSeries Weasis makes (queries, Q/R, manifests, a resume, which re-creates one):
   * the opener's own loads are LoadSeries subclasses, queued the same way, and must not come back here.
   */
  static boolean isWeasisOwn(LoadSeries load) {
    return load.getClass() == LoadSeries.class;
  }

  /**
   * Takes the stock load out of Weasis' queue and task list and cancels it. One already running is cancelled
   * without an interrupt (interrupted, it left in real Weasis an image whose file it had deleted: "Cannot
   * read this media"), then its cancel listeners close its response, so it stops reading at once; the
   * instance it may be adding still comes in, and {@link StockLeftovers} drops that second copy.
   */
  private void takeOver(LoadSeries load) {
    boolean waiting = load.getPriority() != null && DownloadManager.removeSeriesInQueue(load);
    if (waiting) {
      load.cancel(); // never runs once cancelled
    } else {
      // Taken by a download thread: running, or about to run (its state may still say PENDING).
      LOG.info("Series {}: Weasis' own download had begun; it stops, and a copy of an instance it still adds "
          + "is removed", load.getDicomSeries());
      leftovers.watch(load.getDicomSeries());
      load.cancel(false);
      // Weasis' own cancel(): its listeners close the response; cancelled already, it interrupts nothing.
      load.cancel();
    }
    DownloadManager.removeLoadSeries(load, model);
    load.getDicomSeries().setSeriesLoader(null);
  }

  /**
   * The node's Weasis headers, overridden by those of the load (for {@code dicom:rs}, its -H options, e.g. a
   * portal's token), which the stock load would have sent; names compare case-insensitively.
   */
  static NodeConfig withLoadHeaders(NodeConfig node, Map<String, String> loadHeaders) {
    Map<String, String> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    merged.putAll(node.authentication().headers());
    merged.putAll(loadHeaders);
    try {
      return node.toBuilder().authentication(merged.isEmpty() ? Authentication.none() : Authentication.headers(merged))
          .build();
    } catch (InvalidConfigurationException e) {
      throw new IllegalArgumentException("The load's headers cannot be used: " + e.getMessage(), e);
    }
  }
}
