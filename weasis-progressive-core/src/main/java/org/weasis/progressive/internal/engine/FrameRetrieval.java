package org.weasis.progressive.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Executor;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.dicom.FrameUrls;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.FrameBodies;
import org.weasis.progressive.internal.http.FrameBody;
import org.weasis.progressive.internal.http.FrameBytes;
import org.weasis.progressive.internal.http.InFlight;

/**
 * One frame's life for one stage, from options to delivered image, in {@link #retrieve}. The bytes live
 * in the http layer ({@link FrameBody}, filled by {@link DicomWebClient#fetchFrame}); what is decoded
 * while they arrive is {@link ReceivingDecodes}'.
 */
final class FrameRetrieval implements StageRunner {
  private final SeriesRequest request;
  private final RetrieveConfiguration configuration;
  private final DicomWebClient client;
  private final Decoders decoders;
  /** Where partial (streaming) decodes run: never on the thread that reads the response. */
  private final Executor decodes;
  private final LoadAccounts accounts;
  private final ImageVersions versions;
  private final RunningRequests requests;
  /** Bytes received per frame URL, kept while a later stage may continue them. */
  private final FrameBodies bodies;

  FrameRetrieval(LoadParts parts, SeriesRequest request, RetrieveConfiguration configuration,
      DicomWebClient client, Decoders decoders, Executor decodes) {
    this.request = request;
    this.configuration = configuration;
    this.client = client;
    this.decoders = decoders;
    this.decodes = decodes;
    this.accounts = parts.accounts();
    this.versions = parts.versions();
    this.requests = parts.requests();
    this.bodies = new FrameBodies(request.node().maxFrameBytes(), request.node().maxLoadBytes());
  }

  /**
   * Choose options → build URL → request (whole, range or the rest, continuing what earlier stages got)
   * → parse multipart as bytes arrive (streamed levels are decoded on the way, none delivered after this
   * method's own decode) → decode → grade → deliver. The connection slot is given back as soon as the
   * body is in, so an interleaved load keeps the link full while its frames decode.
   */
  @Override
  public void retrieve(ImageState image, RetrieveStage stage, Runnable bodyIn) throws IOException, DecodeException {
    RetrieveOptions options = configuration.optionsFor(stage.retrieveType())
        .forTransferSyntax(image.ref.transferSyntaxUid());
    FrameBody body = bodies.of(image.index, FrameUrls.build(image.ref, options));
    ReceivingDecodes onTheWay = fetchIfNeeded(image, stage, options, body);
    bodyIn.run(); // the connection slot goes to the next request while this one decodes (issue 11)
    DecodedFrame decoded;
    try {
      decoded = decode(image, options, body, onTheWay);
    } finally {
      if (onTheWay != null) {
        onTheWay.supersede(); // a partial decode still running is not delivered after this version
      }
    }
    gradeAndDeliver(image, stage, options, decoded, body.isComplete(), body);
  }

  /**
   * Fetches what the stage asks for that earlier stages did not get: the whole frame, the stage's
   * chunk, or the rest after a prefix; returns what was decoded on the way, or null when nothing was
   * fetched.
   */
  private ReceivingDecodes fetchIfNeeded(ImageState image, RetrieveStage stage, RetrieveOptions options,
      FrameBody body) throws IOException {
    if (body.isComplete()) {
      return null;
    }
    body.checkNotRefused();
    String range = rangeFor(body, options);
    if (range == null && body.received() > 0) {
      return null; // the stage's chunk is already in
    }
    boolean lastByteComes = range == null || range.endsWith("-");
    boolean fullSize = options.decodeLevel() == null || options.decodeLevel() == 0;
    ReceivingDecodes onTheWay = new ReceivingDecodes(image, body, decoders, decodes, requests::isCancelled,
        options.isStreaming(), fullSize && lastByteComes,
        partial -> gradeAndDeliver(image, stage, options, partial, false, body));
    InFlight inFlight = requests.start();
    try {
      client.fetchFrame(body, options.acceptOrDefault(), range, inFlight,
          n -> accounts.countBytes(image, stage.id(), n), onTheWay::afterRead);
      return onTheWay;
    } finally {
      requests.end(inFlight);
      // Whatever the body's end, no partial decode starts beside the decode that follows in retrieve().
      onTheWay.close();
    }
  }

  /**
   * The Range to ask for: the stage's chunk, or the rest when earlier stages left a prefix; null means
   * "everything" for a fresh body and "nothing left to fetch" for a started one.
   */
  private static String rangeFor(FrameBody body, RetrieveOptions options) {
    long have = body.received();
    if (options.isRange()) {
      int chunk = body.chunkSize(options.chunkSizeOrDefault());
      return ByteRanges.rangeHeader(have, options.rangeIndex(), chunk, body.total());
    }
    return have > 0 ? ByteRanges.rangeHeader(have, -1, options.chunkSizeOrDefault()) : null;
  }

  /** Decodes what the frame holds now, at the level {@link #levelFor} says; bytes that fail are dropped. */
  private DecodedFrame decode(ImageState image, RetrieveOptions options, FrameBody body,
      ReceivingDecodes onTheWay) throws IOException, DecodeException {
    String ts = body.transferSyntax(image.ref);
    FrameDecoder decoder = decoders.require(ts);
    try {
      int level = levelFor(decoder, body, options, ts, image);
      if (level < 0) {
        throw new IOException("The " + body.payloadLength() + " bytes received from " + body.url()
            + " are not enough to decode any resolution");
      }
      DecodeRequest decodeRequest = new DecodeRequest(ts, image.ref.pixels(), level, body.isComplete());
      return onTheWay != null && level == 0 && body.isComplete()
          ? onTheWay.finishFinal(decoder, body.payload(), decodeRequest)
          : decoder.decode(body.payload(), decodeRequest);
    } catch (DecodeException e) {
      // Bytes that do not decode cannot be continued: a later stage fetches the frame from zero.
      body.reset();
      throw new DecodeException(e.transferSyntaxUid(),
          e.getMessage().substring(e.transferSyntaxUid().length() + 2) + " (from " + body.url() + ")", e);
    }
  }

  /**
   * For complete data full size, or the stage's level when the stage says it brings less than full
   * resolution (a thumbnail); for a prefix the finest level it holds exactly, never finer than the
   * stage's level. As in Cornerstone3D, decodeLevel limits partial decodes, not the final one.
   */
  private static int levelFor(FrameDecoder decoder, FrameBytes frame, RetrieveOptions options, String ts,
      ImageState image) throws DecodeException {
    int wanted = options.decodeLevel() == null ? 0 : options.decodeLevel();
    if (!decoder.supportsReducedResolution()) {
      wanted = 0;
    }
    if (frame.isComplete()) {
      return options.statusOrDefault() == ImageQualityStatus.FULL_RESOLUTION ? 0 : wanted;
    }
    if (!decoder.supportsPartialData()) {
      return -1;
    }
    int possible = decoder.decodableLevel(frame.payload(), new DecodeRequest(ts, image.ref.pixels(), wanted, false));
    return possible < 0 ? -1 : Math.max(possible, wanted);
  }

  /**
   * Grades a decoded version honestly and delivers it; {@code complete} is whether the decoded bytes were
   * the whole frame, not whether they are now.
   */
  private void gradeAndDeliver(ImageState image, RetrieveStage stage, RetrieveOptions options,
      DecodedFrame decoded, boolean complete, FrameBytes frame) {
    int level = Grading.effectiveLevel(image.ref.pixels(), decoded.raster().rows(), decoded.raster().columns());
    ImageQualityStatus status = Grading.grade(options, decoded, complete, level);
    if (Grading.isStoredLossyFinal(image.ref, frame.transferSyntax(image.ref), options, decoded, complete, level)) {
      versions.markStoredLossy(image);
    }
    versions.deliver(image, stage, status, decoded.raster(), level, frame.total());
  }

  /** The series' frames in display order, from the node's WADO-RS metadata; malformed instances apart. */
  @Override
  public SeriesMetadata.Series readSeries() throws IOException {
    SeriesRequest r = request;
    URI seriesUrl = URI.create(r.node().baseUrl() + "/studies/" + r.studyUid() + "/series/" + r.seriesUid());
    InFlight inFlight = requests.start();
    try {
      byte[] json = client.getJson(URI.create(seriesUrl + "/metadata"), inFlight);
      SeriesMetadata.Series series =
          SeriesMetadata.read(new ByteArrayInputStream(json), seriesUrl, r.studyUid(), r.seriesUid());
      if (series.images().isEmpty()) {
        String why = series.rejected().isEmpty() ? "" : ": " + series.rejected().getFirst().getMessage();
        throw new IOException("The series metadata at " + seriesUrl + " lists no usable image" + why);
      }
      return series;
    } finally {
      requests.end(inFlight);
    }
  }

  @Override
  public void imageEnded(ImageState image) {
    bodies.dropImage(image.index);
  }

  @Override
  public void loadEnded() {
    bodies.clear();
  }
}
