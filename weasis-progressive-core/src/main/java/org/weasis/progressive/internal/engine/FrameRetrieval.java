package org.weasis.progressive.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.DecodeRequest;
import org.weasis.progressive.api.DecodedFrame;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.api.FrameDecoding;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.PixelDescription;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.dicom.FrameUrls;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.DicomWebClient.FrameResponse;
import org.weasis.progressive.internal.http.HttpStatusException;
import org.weasis.progressive.internal.http.InFlight;
import org.weasis.progressive.internal.http.MultipartException;

/** The retrieval pipeline of one frame for one stage, from options to delivered image. */
final class FrameRetrieval implements StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FrameRetrieval.class);
  private static final long MAX_METADATA_BYTES = 256L * 1024 * 1024;

  private final SeriesLoad load;
  /** Where partial (streaming) decodes run: never on the thread that reads the response. */
  private final Executor decodes;

  FrameRetrieval(SeriesLoad load, Executor decodes) {
    this.load = load;
    this.decodes = decodes;
  }

  /**
   * Choose options → build URL → request (whole, range or the rest, continuing what earlier stages
   * got) → parse multipart as bytes arrive (when streaming, finer levels go to the decode threads on
   * the way, and none is delivered after this method's own decode; a decoder that can, such as
   * JPEG-LS, decodes the final on the way too) → decode → grade → deliver.
   */
  @Override
  public void retrieve(ImageState image, RetrieveStage stage) throws IOException, DecodeException {
    RetrieveOptions options = optionsFor(image.ref, stage);
    URI url = FrameUrls.build(image.ref, options);
    FrameResource resource = load.resource(image, url);
    FrameDecoding decoding = null;
    if (!resource.isComplete()) {
      resource.checkNotRefused();
      String range = rangeFor(resource, options);
      if (range != null || resource.received() == 0) {
        decoding = fetch(image, stage, options, resource, range);
      }
    }
    String ts = resource.transferSyntax(image.ref);
    FrameDecoder decoder = load.decoders.require(ts);
    DecodedFrame decoded;
    try {
      int level = levelFor(decoder, resource, options, ts, image.ref);
      if (level < 0) {
        throw new IOException(
            "The " + resource.payloadLength() + " bytes received from " + url
                + " are not enough to decode any resolution");
      }
      DecodeRequest request = request(ts, image.ref, level, resource);
      decoded = decoding != null && level == 0 && resource.isComplete()
          ? finish(decoding, decoder, resource.payload(), request)
          : decoder.decode(resource.payload(), request);
    } catch (DecodeException e) {
      // Bytes that do not decode cannot be continued: a later stage fetches the frame from zero.
      resource.reset();
      throw new DecodeException(e.transferSyntaxUid(), e.getMessage().substring(e.transferSyntaxUid().length() + 2)
          + " (from " + url + ")", e);
    }
    deliver(image, stage, options, decoded, resource.isComplete(), resource);
  }

  /**
   * The decode that went on while the bytes arrived, finished; if it gave up on the way, the whole decode,
   * which is the one that decides and names what is wrong.
   */
  private static DecodedFrame finish(FrameDecoding decoding, FrameDecoder decoder, ByteBuffer data,
      DecodeRequest request) throws DecodeException {
    try {
      return decoding.finish(data);
    } catch (DecodeException | RuntimeException e) {
      LOG.debug("Decoding while receiving failed ({}); decoding the whole frame", e.toString());
      return decoder.decode(data, request);
    }
  }

  /** The series' frames in display order, from the node's WADO-RS metadata; malformed instances apart. */
  @Override
  public SeriesMetadata.Series readSeries() throws IOException {
    SeriesRequest r = load.request;
    URI seriesUrl = URI.create(r.node().baseUrl() + "/studies/" + r.studyUid() + "/series/" + r.seriesUid());
    InFlight inFlight = load.track();
    try {
      byte[] json = load.client.getJson(URI.create(seriesUrl + "/metadata"), MAX_METADATA_BYTES, inFlight);
      SeriesMetadata.Series series =
          SeriesMetadata.read(new ByteArrayInputStream(json), seriesUrl, r.studyUid(), r.seriesUid());
      if (series.images().isEmpty()) {
        String why = series.rejected().isEmpty() ? "" : ": " + series.rejected().getFirst().getMessage();
        throw new IOException("The series metadata at " + seriesUrl + " lists no usable image" + why);
      }
      return series;
    } finally {
      load.untrack(inFlight);
    }
  }

  private RetrieveOptions optionsFor(ImageRef image, RetrieveStage stage) {
    return load.configuration.optionsFor(stage.retrieveType()).forTransferSyntax(image.transferSyntaxUid());
  }

  /**
   * The Range to ask for: the stage's chunk, or the rest when earlier stages left a prefix; null means
   * "everything" for a fresh resource and "nothing left to fetch" for a started one.
   */
  private static String rangeFor(FrameResource resource, RetrieveOptions options) {
    long have = resource.received();
    if (options.isRange()) {
      int chunk = resource.chunkSize(options.chunkSizeOrDefault());
      return ByteRanges.rangeHeader(have, options.rangeIndex(), chunk, resource.total());
    }
    return have > 0 ? ByteRanges.rangeHeader(have, -1, options.chunkSizeOrDefault()) : null;
  }

  /** Fetches into the resource; returns the decode that went on meanwhile, or null. */
  private FrameDecoding fetch(ImageState image, RetrieveStage stage, RetrieveOptions options,
      FrameResource resource, String range) throws IOException {
    boolean askedForRest = range != null && range.endsWith("-");
    StreamingDecodes streaming =
        options.isStreaming() ? new StreamingDecodes(image, stage, options, resource) : null;
    boolean fullSize = options.decodeLevel() == null || options.decodeLevel() == 0;
    FrameSink sink = new FrameSink(image, stage, resource, streaming, range != null && !askedForRest,
        fullSize && (askedForRest || range == null));
    InFlight inFlight = load.track();
    try {
      FrameResponse response =
          load.client.getFrame(resource.url(), options.acceptOrDefault(), range, inFlight, sink);
      sink.throwIfUnreadable();
      resource.end(response, askedForRest || range == null);
      return sink.decoding;
    } catch (MultipartException e) {
      resource.reset();
      throw new IOException(e.getMessage() + " (GET " + resource.url() + rangeText(range) + ")", e);
    } catch (HttpStatusException e) {
      throw e; // already names the URL and the status
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(reason + " (GET " + resource.url() + rangeText(range) + ")", e);
    } finally {
      load.untrack(inFlight);
      if (streaming != null) {
        // Whatever the body's end, the decode that follows in retrieve() is newer than any partial one.
        streaming.close();
      }
    }
  }

  /**
   * Counts the body's bytes for the image and keeps them in the resource as they arrive.
   *
   * <p>A bounded chunk (a 206 to {@code bytes=a-b}) whose bytes stop parsing is still read to its end,
   * counted and dropped, and the error is reported after it. Reporting it at once made the count depend
   * on how the socket reads happened to split the answer: the bytes that came in the same read as the
   * headers were counted, the rest was then read by HttpClient while closing the response (to keep the
   * connection), uncounted — a garbage 8 KiB chunk counted 8048 or 8192 bytes from run to run, and any
   * change of thread timing (the decode pool) changed how often. The rest of a chunk we asked for is at
   * most the chunk, and it is on its way anyway; an open-ended body is abandoned at the error.
   */
  private final class FrameSink implements DicomWebClient.BodySink {
    private final ImageState image;
    private final RetrieveStage stage;
    private final FrameResource resource;
    private final StreamingDecodes streaming;
    private final boolean boundedRequest;
    private boolean boundedAnswer;
    /** True when this response brings the frame's last byte and its final is decoded at full size. */
    private final boolean decodeWhileReceiving;
    /** The decode that goes on as the bytes come, once started; null if the decoder has none. */
    private FrameDecoding decoding;
    private boolean gaveUp;
    /** The parse error of a bounded chunk, reported once its last byte is in. */
    private MultipartException unreadable;

    FrameSink(ImageState image, RetrieveStage stage, FrameResource resource, StreamingDecodes streaming,
        boolean boundedRequest, boolean decodeWhileReceiving) {
      this.image = image;
      this.stage = stage;
      this.resource = resource;
      this.streaming = streaming;
      this.boundedRequest = boundedRequest;
      this.decodeWhileReceiving = decodeWhileReceiving;
    }

    @Override
    public void start(FrameResponse response) throws IOException {
      resource.begin(response);
      boundedAnswer = boundedRequest && response.status() == 206;
    }

    @Override
    public void data(byte[] buffer, int offset, int length) throws IOException {
      load.countBytes(image, stage.id(), length); // counted even if they turn out unusable
      if (unreadable != null) {
        return;
      }
      try {
        resource.append(buffer, offset, length);
      } catch (MultipartException e) {
        if (!boundedAnswer) {
          throw e;
        }
        unreadable = e;
        return;
      }
      if (streaming != null) {
        streaming.afterData();
      }
      if (decodeWhileReceiving) {
        advanceDecoding();
      }
    }

    /**
     * On the reading thread: a JPEG-LS line decode keeps up with any link (tens of MB/s), and after the
     * last byte only the last lines are left, so the final costs little more than that byte (issue 11).
     */
    private void advanceDecoding() {
      if (gaveUp || !resource.headersKnown()) {
        return;
      }
      try {
        if (decoding == null) {
          String ts = resource.transferSyntax(image.ref);
          decoding = load.decoders.require(ts).startDecoding(new DecodeRequest(ts, image.ref.pixels(), 0, true));
          gaveUp = decoding == null;
          if (gaveUp) {
            return;
          }
        }
        decoding.advance(resource.payload());
      } catch (DecodeException | RuntimeException e) {
        // The whole decode after the last byte decides, and names what is wrong.
        LOG.debug("Image {}: no decoding while receiving: {}", image.index, e.toString());
        decoding = null;
        gaveUp = true;
      }
    }

    void throwIfUnreadable() throws MultipartException {
      if (unreadable != null) {
        throw unreadable;
      }
    }
  }

  private static String rangeText(String range) {
    return range == null ? "" : ", Range " + range;
  }

  /**
   * For complete data full size, or the stage's level when the stage says it brings less than full
   * resolution (a thumbnail); for a prefix the finest level it holds exactly, never finer than the
   * stage's level. As in Cornerstone3D, decodeLevel limits partial decodes, not the final one.
   */
  private static int levelFor(FrameDecoder decoder, FrameResource resource, RetrieveOptions options,
      String ts, ImageRef image) throws DecodeException {
    int wanted = options.decodeLevel() == null ? 0 : options.decodeLevel();
    if (!decoder.supportsReducedResolution()) {
      wanted = 0;
    }
    if (resource.isComplete()) {
      return options.statusOrDefault() == ImageQualityStatus.FULL_RESOLUTION ? 0 : wanted;
    }
    if (!decoder.supportsPartialData()) {
      return -1;
    }
    int possible = decoder.decodableLevel(resource.payload(), request(ts, image, wanted, resource));
    return possible < 0 ? -1 : Math.max(possible, wanted);
  }

  private static DecodeRequest request(String ts, ImageRef image, int level, FrameResource resource) {
    return new DecodeRequest(ts, image.pixels(), level, resource.isComplete());
  }

  /** {@code complete} is whether the decoded bytes were the whole frame, not whether they are now. */
  private void deliver(ImageState image, RetrieveStage stage, RetrieveOptions options,
      DecodedFrame decoded, boolean complete, FrameResource resource) {
    int level = Grading.effectiveLevel(image.ref.pixels(), decoded.raster().rows(), decoded.raster().columns());
    ImageQualityStatus status = Grading.grade(options, decoded, complete, level);
    if (Grading.isStoredLossyFinal(image.ref, resource.transferSyntax(image.ref), options, decoded,
        complete, level)) {
      load.markStoredLossy(image);
    }
    load.deliver(image, stage, status, decoded.raster(), level, resource.total());
  }

  /**
   * Decodes a partial progressive codestream each time a finer resolution level is complete in the
   * received bytes; the decoder's inspector says which, so no decode is wasted on a guess. The decodes
   * run on the engine's decode threads (as Cornerstone3D decodes in web workers) because a decode on
   * the reading thread leaves the socket unread and delays the final by its duration. At most one
   * partial decode of the frame is queued or running: levels completed meanwhile wait as one pending
   * decode of the finest, coarser ones are skipped. {@link #close} ends it when the body is over, so
   * that no partial version is delivered after the stage's own decode — {@link Grading#mayReplace}
   * alone would let a late partial of the same grade through. {@link StreamingPace} spaces the
   * inspections and skips a level whose decode would end after the last byte.
   */
  private final class StreamingDecodes {
    /** A decode of a prefix, prepared on the reading thread. */
    private record Partial(FrameDecoder decoder, ByteBuffer data, DecodeRequest request) {}

    private final ImageState image;
    private final RetrieveStage stage;
    private final RetrieveOptions options;
    private final FrameResource resource;
    /** Finest level handed over so far; read and written by the reading thread only. */
    private int offeredLevel = Integer.MAX_VALUE;
    private boolean unsupported;
    private final StreamingPace pace = new StreamingPace();
    /** The next decode, replaced by a finer one while a decode runs. Guarded by this. */
    private Partial pending;
    /** True while a decode task is queued or running. Guarded by this. */
    private boolean decoding;
    /** True once the body is over. Guarded by this; a partial version is delivered under this lock. */
    private boolean closed;

    StreamingDecodes(ImageState image, RetrieveStage stage, RetrieveOptions options, FrameResource resource) {
      this.image = image;
      this.stage = stage;
      this.options = options;
      this.resource = resource;
    }

    /** On the reading thread after each chunk: cheap, the decode itself runs elsewhere. */
    void afterData() {
      // After level 1 only level 0 is left, which the final decode gives: inspecting the longer and
      // longer prefix after each chunk would cost the reading thread for nothing.
      long received = resource.received();
      pace.arrived(received, System.nanoTime());
      if (unsupported || offeredLevel <= 1 || !resource.headersKnown() || resource.isComplete()
          || !pace.shouldInspect(received)) {
        return;
      }
      String ts = resource.transferSyntax(image.ref);
      try {
        FrameDecoder decoder = load.decoders.require(ts);
        if (!decoder.supportsPartialData()) {
          unsupported = true;
          return;
        }
        ByteBuffer data = resource.payload();
        int level = decoder.decodableLevel(data, request(ts, image.ref, 0, resource));
        // Level 0 means every byte is in: the final decode after the body ends grades it.
        if (level <= 0 || level >= offeredLevel
            || !pace.worthDecoding(samplesAt(level), received, resource.total(), System.nanoTime())) {
          return;
        }
        offeredLevel = level;
        offer(new Partial(decoder, data, new DecodeRequest(ts, image.ref.pixels(), level, false)));
      } catch (DecodeException e) {
        // A prefix that does not decode is not an error yet: the final decode will tell.
        LOG.debug("Partial data of image {} not inspectable: {}", image.index, e.getMessage());
      }
    }

    private long samplesAt(int level) {
      PixelDescription p = image.ref.pixels();
      return (long) DecodeRequest.reducedSize(p.columns(), level) * DecodeRequest.reducedSize(p.rows(), level)
          * p.samplesPerPixel();
    }

    /** The body is over: nothing pending is decoded, nothing decoded from now on is delivered. */
    synchronized void close() {
      closed = true;
      pending = null;
    }

    private synchronized void offer(Partial partial) {
      if (closed) {
        return;
      }
      pending = partial; // supersedes a coarser level still waiting
      if (!decoding) {
        decoding = true;
        submit();
      }
    }

    /** Called holding the lock, with {@code decoding} set. */
    private void submit() {
      try {
        decodes.execute(this::decodeNext);
      } catch (RejectedExecutionException e) {
        // The engine is closing: its loads are cancelled, partial versions are moot.
        decoding = false;
        pending = null;
      }
    }

    /** On a decode thread: the latest pending level, delivered unless the body ended meanwhile. */
    private void decodeNext() {
      Partial partial;
      synchronized (this) {
        partial = pending;
        pending = null;
        if (closed || partial == null || load.isCancelled()) {
          decoding = false;
          return;
        }
      }
      try {
        DecodedFrame decoded = partial.decoder().decode(partial.data(), partial.request());
        synchronized (this) {
          if (!closed) {
            deliver(image, stage, options, decoded, false, resource);
          }
        }
      } catch (DecodeException e) {
        // A prefix that does not decode is not an error yet: the final decode will tell.
        LOG.debug("Partial decode of image {} failed: {}", image.index, e.getMessage());
      } catch (RuntimeException e) {
        // Same for a decoder bug on a prefix; nobody else would see it on this thread.
        LOG.warn("Partial decode of image {} failed unexpectedly", image.index, e);
      } finally {
        synchronized (this) {
          if (pending != null && !closed) {
            submit(); // a fresh task, so other frames' decodes take turns on the threads
          } else {
            decoding = false;
          }
        }
      }
    }
  }
}
