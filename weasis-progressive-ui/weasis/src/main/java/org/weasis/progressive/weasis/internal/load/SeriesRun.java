package org.weasis.progressive.weasis.internal.load;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.weasis.internal.NodeAuthorization;
import org.weasis.progressive.weasis.internal.viewer.SeriesPresenter;
import org.weasis.progressive.weasis.internal.viewer.ShownImages;

/**
 * One series loaded through our engine into Weasis: the engine's events are queued by its threads, and
 * the thread that runs {@link #run} (Weasis' series download thread) writes and shows them in order.
 * The instance headers come from the series metadata, read while the engine starts. A node Weasis
 * authenticates gets the method's current token when the run starts; when the node refuses it (HTTP 401)
 * mid-series, the run asks the method once for a fresh one ({@link #renewAuthentication}); refused again,
 * or refused credentials of the node's own headers, the run stops: Weasis' stock loader would be refused
 * the same, so it does not fall back.
 */
final class SeriesRun implements LoadListener {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesRun.class);

  /** How the run ended. */
  enum Outcome { DONE, FALLBACK, CANCELLED, UNAUTHORIZED }

  private final ProgressiveRetrieveService service;
  private final SeriesRequest request;
  private final NodeAuthorization authorization;
  private final RetrieveConfiguration configuration;
  private final Supplier<Set<String>> decodable;
  private final CompletableFuture<Map<String, Attributes>> metadata;
  private final SeriesPresenter presenter;
  private final SeriesProgress progress;
  private final long startNanos;
  private final Marks marks;
  /** The load the open started for this series, or null. */
  private final EarlyLoad early;
  private final VersionQueue queue = new VersionQueue();
  private final AtomicInteger handOffErrors = new AtomicInteger();
  private final CompletableFuture<LoadHandle> started = new CompletableFuture<>();
  /** Each image's index in the engine's list, by instance and frame. */
  private final Map<ShownImages.Frame, Integer> indexByFrame = new ConcurrentHashMap<>();
  private volatile LoadHandle handle;
  /** The node with the token this run sends (the request's node when Weasis authenticates nothing). */
  private volatile NodeConfig authorized;
  private final AtomicBoolean refused = new AtomicBoolean();
  private volatile String fallbackReason;
  private volatile LoadSummary summary;

  /**
   * @param request the series, its node without a Weasis token
   * @param authorization the node's Weasis authentication method, asked for a token when the run starts
   */
  SeriesRun(ProgressiveRetrieveService service, SeriesRequest request, NodeAuthorization authorization,
      RetrieveConfiguration configuration, Supplier<Set<String>> decodable,
      CompletableFuture<Map<String, Attributes>> metadata, SeriesPresenter presenter,
      SeriesProgress progress, long startNanos, Marks marks, EarlyLoad early) {
    this.service = service;
    this.request = request;
    this.authorization = authorization;
    this.configuration = configuration;
    this.decodable = decodable;
    this.metadata = metadata;
    this.presenter = presenter;
    this.progress = progress;
    this.startNanos = startNanos;
    this.marks = marks;
    this.early = early;
  }

  /** Loads the series and shows each version; returns when the load ended. */
  Outcome run() {
    marks.mark("task");
    LOG.debug("Series {} starts at {} ms", request.seriesUid(), elapsedMs());
    Optional<LoadHandle> adopted = Optional.empty();
    if (early != null) {
      authorized = early.node(); // before the callbacks that came meanwhile: a refusal drops this token
      adopted = early.adopt(this);
    }
    if (adopted.isPresent()) {
      handle = adopted.get();
      marks.mark("adopted");
    } else {
      try {
        // Weasis' loader too asks for the token on its download thread (this one), when a series starts.
        authorized = authorization.authorize(request.node());
      } catch (IOException e) {
        LOG.error("Series {} is not loaded: {}", request.seriesUid(), e.getMessage());
        return Outcome.UNAUTHORIZED;
      }
      // The engine starts while our read of the headers may still run: its first versions wait in the queue
      // for them, instead of the engine waiting a round trip more before its own requests.
      handle = service.load(withNode(request, authorized), configuration, this);
      marks.mark("engine");
    }
    started.complete(handle);
    try {
      metadata.get(); // the headers first: frames arriving before them could not be shown
    } catch (ExecutionException e) {
      handle.cancel();
      if (NodeAuthorization.isRefusal(e.getCause())) { // the reader dropped the refused token
        LOG.error("Series {} is not loaded: {}", request.seriesUid(), authorization.refusal(request.node()));
        return Outcome.UNAUTHORIZED;
      }
      LOG.info("Series {} loads the stock way: cannot read its metadata: {}", request.seriesUid(),
          e.getCause().toString());
      return Outcome.FALLBACK;
    } catch (InterruptedException e) {
      handle.cancel();
      Thread.currentThread().interrupt();
      return Outcome.CANCELLED;
    }
    try (ShownImages shown = presenter.followShownImages(this::prioritize)) {
      for (ImageEvent event = queue.take(); event != null; event = queue.take()) {
        handOver(event);
      }
    } catch (InterruptedException e) {
      handle.cancel(); // Weasis stopped the series (pause, close)
      Thread.currentThread().interrupt();
      return Outcome.CANCELLED;
    }
    if (refused.get()) {
      LOG.error("Series {} stops: {}", request.seriesUid(), authorization.refusal(request.node()));
      return Outcome.UNAUTHORIZED;
    }
    if (fallbackReason != null) {
      LOG.info("Series {} loads the stock way: {}", request.seriesUid(), fallbackReason);
      return Outcome.FALLBACK;
    }
    presenter.finish();
    LoadSummary s = summary;
    int failed = (s == null ? 0 : s.failedImages()) + handOffErrors.get();
    long doneMs = elapsedMs();
    marks.mark("done");
    // Before the contract's line, which readers wait for: the timing is then in the log with it.
    LOG.info("progressive timing series={} {} hand-over {}", request.seriesUid(), marks.describe(),
        presenter.timing().describe());
    LOG.info(LogLines.seriesDone(request.seriesUid(), s == null ? 0 : s.finalImages(), failed, doneMs));
    return s != null && s.cancelled() ? Outcome.CANCELLED : Outcome.DONE;
  }

  /** Images that did not reach their final version. */
  int failedImages() {
    LoadSummary s = summary;
    return (s == null ? 0 : s.failedImages()) + handOffErrors.get();
  }

  /**
   * The user looks at this image: its next version is fetched before the others queued, and handed to
   * Weasis before the others waiting.
   */
  private void prioritize(ShownImages.Frame frame) {
    Integer index = indexByFrame.get(frame);
    LoadHandle h = handle;
    if (index != null && h != null) {
      LOG.debug("Series {}: image {} shown, prioritized", request.seriesUid(), index);
      queue.prefer(index);
      h.prioritize(index);
    }
  }

  @Override
  public void onSeries(List<ImageRef> images) {
    marks.mark("known");
    for (int i = 0; i < images.size(); i++) {
      ImageRef image = images.get(i);
      indexByFrame.put(new ShownImages.Frame(image.sopInstanceUid(), image.frameNumber()), i);
    }
    LOG.debug("Series {}: {} images known at {} ms", request.seriesUid(), images.size(), elapsedMs());
    String reason = Fallback.reason(images, decodable.get());
    if (reason != null) {
      fallbackReason = reason;
      cancelWhenStarted();
      return;
    }
    progress.start(images.size());
  }

  @Override
  public void onImage(ImageEvent event) {
    markArrival(marks, event);
    if (fallbackReason == null) {
      queue.offer(event);
    }
  }

  @Override
  public void onError(ErrorEvent event) {
    if (NodeAuthorization.isRefusal(event)) {
      // Refused after the one renewal (or with no Weasis method to renew): every request left would be
      // refused too. Stop; the token is dropped, and the next load takes a new one.
      if (refused.compareAndSet(false, true)) {
        authorization.refused(authorized);
        cancelWhenStarted();
      }
    } else if (event.imageIndex() < 0) {
      // The metadata could not be read: Weasis' own loader may still get the instances.
      fallbackReason = event.reason();
    } else if (event.permanent()) {
      LOG.warn("Series {} image {}: {}", request.seriesUid(), event.imageIndex(), event.reason());
    }
  }

  /**
   * The node refused the run's token in the middle of the series (an access token that expired during a
   * long load). The engine asks this once per load, on one of its threads, and holds the refused
   * requests until it answers, then sends them again with the fresh token: nothing received is fetched
   * twice, and the series goes on instead of stopping until the next load. Asking Weasis may take a
   * login; {@link NodeAuthorization} asks one series at a time per method, so series refused together
   * take one fresh token. A node without a Weasis method sends the credentials of its own headers, which
   * asking again would not change: its first 401 stops the series, as before. The token is never logged.
   */
  @Override
  public Optional<Authentication> renewAuthentication(Authentication sent) {
    if (!authorization.usesWeasisMethod()) {
      return Optional.empty();
    }
    try {
      NodeConfig fresh = authorization.renew(request.node(), authorized);
      authorized = fresh; // what a second refusal drops (onError)
      LOG.info("Series {}: node \"{}\" refused the token, the series goes on with a fresh one from Weasis",
          request.seriesUid(), request.node().name());
      return Optional.of(fresh.authentication());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Series {}: no fresh token: {}", request.seriesUid(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void onComplete(LoadSummary loadSummary) {
    marks.mark("engine-done");
    summary = loadSummary;
    queue.close();
  }

  /** Notes the series' first version and first final, when the engine delivers them. */
  static void markArrival(Marks marks, ImageEvent event) {
    marks.mark("first-version");
    if (event.status().isFinal()) {
      marks.mark("first-final");
    }
  }

  /** onSeries may come before load() returned the handle. */
  private void cancelWhenStarted() {
    started.thenAccept(LoadHandle::cancel);
  }

  private void handOver(ImageEvent event) {
    String sop = event.image().sopInstanceUid();
    try {
      Attributes header = headers().get(sop);
      if (header == null) {
        throw new IOException("the series metadata has no instance " + sop);
      }
      if (presenter.present(event, header)) {
        marks.mark("first-handed");
        LOG.info(LogLines.image(request.seriesUid(), event, elapsedMs()));
        progress.shown(event);
      }
    } catch (IOException | RuntimeException e) {
      if (event.status().isFinal()) {
        handOffErrors.incrementAndGet();
      }
      LOG.warn("Cannot show image {} (instance {}) of series {}: {}", event.imageIndex(), sop,
          request.seriesUid(), e.toString());
    }
  }

  private Map<String, Attributes> headers() throws IOException {
    try {
      return metadata.get();
    } catch (ExecutionException e) {
      throw new IOException("cannot read the series metadata: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static SeriesRequest withNode(SeriesRequest request, NodeConfig node) {
    return new SeriesRequest(node, request.studyUid(), request.seriesUid(), request.images(), request.strategy(),
        request.focusIndex());
  }

  /** The instances of a series metadata answer by SOPInstanceUID. */
  static Map<String, Attributes> bySop(List<Attributes> instances) {
    Map<String, Attributes> map = new HashMap<>();
    for (Attributes instance : instances) {
      String sop = instance.getString(Tag.SOPInstanceUID);
      if (sop != null) {
        map.put(sop, instance);
      }
    }
    return map;
  }
}
