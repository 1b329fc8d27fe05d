package org.weasis.progressive.internal.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.DecodeRequest;
import org.weasis.progressive.api.DecodedFrame;
import org.weasis.progressive.api.FrameDecoder;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.internal.dicom.SeriesMetadata;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient;
import org.weasis.progressive.internal.http.DicomWebClient.FrameResponse;
import org.weasis.progressive.internal.http.InFlight;

/** The retrieval pipeline of one frame for one stage, from options to delivered image. */
final class FrameRetrieval implements StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FrameRetrieval.class);
  private static final long MAX_METADATA_BYTES = 256L * 1024 * 1024;

  private final SeriesLoad load;

  FrameRetrieval(SeriesLoad load) {
    this.load = load;
  }

  /**
   * Choose options → build URL → request (whole, range or the rest, continuing what earlier stages
   * got) → parse multipart as bytes arrive (decoding finer levels on the way when streaming) → decode →
   * grade → deliver.
   */
  @Override
  public void retrieve(ImageState image, RetrieveStage stage) throws IOException, DecodeException {
    RetrieveOptions options = optionsFor(image.ref, stage);
    URI url = FrameUrls.build(image.ref, options);
    FrameResource resource = load.resource(image, url);
    if (!resource.isComplete()) {
      resource.checkNotRefused();
      String range = rangeFor(resource, options);
      if (range != null || resource.received() == 0) {
        fetch(image, stage, options, resource, range);
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
      decoded = decoder.decode(resource.payload(), request(ts, image.ref, level, resource));
    } catch (DecodeException e) {
      // Bytes that do not decode cannot be continued: a later stage fetches the frame from zero.
      resource.reset();
      throw new DecodeException(e.transferSyntaxUid(), e.getMessage().substring(e.transferSyntaxUid().length() + 2)
          + " (from " + url + ")", e);
    }
    deliver(image, stage, options, decoded, resource);
  }

  /** The series' frames in display order, from the node's WADO-RS metadata. */
  @Override
  public List<ImageRef> readSeries() throws IOException {
    SeriesRequest r = load.request;
    URI seriesUrl = URI.create(r.node().baseUrl() + "/studies/" + r.studyUid() + "/series/" + r.seriesUid());
    InFlight inFlight = load.track();
    try {
      byte[] json = load.client.getJson(URI.create(seriesUrl + "/metadata"), MAX_METADATA_BYTES, inFlight);
      List<ImageRef> images =
          SeriesMetadata.parse(new ByteArrayInputStream(json), seriesUrl, r.studyUid(), r.seriesUid());
      if (images.isEmpty()) {
        throw new IOException("The series metadata at " + seriesUrl + " lists no image");
      }
      return images;
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
      return ByteRanges.rangeHeader(have, options.rangeIndex(), options.chunkSizeOrDefault());
    }
    return have > 0 ? ByteRanges.rangeHeader(have, -1, options.chunkSizeOrDefault()) : null;
  }

  private void fetch(ImageState image, RetrieveStage stage, RetrieveOptions options,
      FrameResource resource, String range) throws IOException {
    boolean askedForRest = range != null && range.endsWith("-");
    StreamingDecodes streaming =
        options.isStreaming() ? new StreamingDecodes(image, stage, options, resource) : null;
    InFlight inFlight = load.track();
    try {
      FrameResponse response = load.client.getFrame(resource.url(), options.acceptOrDefault(), range,
          inFlight, new DicomWebClient.BodySink() {
            @Override
            public void start(FrameResponse r) throws IOException {
              resource.begin(r);
            }

            @Override
            public void data(byte[] buffer, int offset, int length) throws IOException {
              load.countBytes(image, stage.id(), length); // counted even if they turn out unusable
              resource.append(buffer, offset, length);
              if (streaming != null) {
                streaming.afterData();
              }
            }
          });
      resource.end(response, askedForRest || range == null);
    } catch (org.weasis.progressive.internal.http.MultipartException e) {
      resource.reset();
      throw new IOException(e.getMessage() + " (GET " + resource.url() + rangeText(range) + ")", e);
    } catch (org.weasis.progressive.internal.http.HttpStatusException e) {
      throw e; // already names the URL and the status
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(reason + " (GET " + resource.url() + rangeText(range) + ")", e);
    } finally {
      load.untrack(inFlight);
    }
  }

  private static String rangeText(String range) {
    return range == null ? "" : ", Range " + range;
  }

  /** For complete data the stage's level; for a prefix the finest level it holds exactly. */
  private static int levelFor(FrameDecoder decoder, FrameResource resource, RetrieveOptions options,
      String ts, ImageRef image) throws DecodeException {
    int wanted = options.decodeLevel() == null ? 0 : options.decodeLevel();
    if (!decoder.supportsReducedResolution()) {
      wanted = 0;
    }
    if (resource.isComplete()) {
      return wanted;
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

  private void deliver(ImageState image, RetrieveStage stage, RetrieveOptions options,
      DecodedFrame decoded, FrameResource resource) {
    int level = Grading.effectiveLevel(image.ref.pixels(), decoded.raster().rows(), decoded.raster().columns());
    ImageQualityStatus status = Grading.grade(options, decoded, resource.isComplete(), level);
    load.deliver(image, stage, status, decoded.raster(), level, resource.total());
  }

  /**
   * Decodes a partial progressive codestream each time a finer resolution level is complete in the
   * received bytes; the decoder's inspector says which, so no decode is wasted on a guess.
   */
  private final class StreamingDecodes {
    private final ImageState image;
    private final RetrieveStage stage;
    private final RetrieveOptions options;
    private final FrameResource resource;
    private int deliveredLevel = Integer.MAX_VALUE;
    private boolean unsupported;

    StreamingDecodes(ImageState image, RetrieveStage stage, RetrieveOptions options, FrameResource resource) {
      this.image = image;
      this.stage = stage;
      this.options = options;
      this.resource = resource;
    }

    void afterData() {
      if (unsupported || !resource.headersKnown() || resource.isComplete()) {
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
        if (level <= 0 || level >= deliveredLevel) {
          return;
        }
        deliveredLevel = level;
        DecodedFrame decoded = decoder.decode(data, request(ts, image.ref, level, resource));
        deliver(image, stage, options, decoded, resource);
      } catch (DecodeException e) {
        // A prefix that does not decode is not an error yet: the final decode will tell.
        LOG.debug("Partial decode of image {} failed: {}", image.index, e.getMessage());
      }
    }
  }
}
