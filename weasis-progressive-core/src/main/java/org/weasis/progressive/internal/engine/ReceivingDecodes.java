package org.weasis.progressive.internal.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.FrameDecoding;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.internal.http.FrameBytes;

/**
 * What is decoded of one frame while its bytes arrive, after each read ({@link #afterRead}).
 *
 * <p>Streaming: a partial progressive codestream is decoded each time a finer resolution level is
 * complete in the received bytes; the decoder's inspector says which, so no decode is wasted on a guess.
 * The decodes run on the engine's decode threads (as Cornerstone3D decodes in web workers) because a
 * decode on the reading thread leaves the socket unread and delays the final by its duration. At most one
 * partial decode of the frame is queued or running: levels completed meanwhile wait as one pending decode
 * of the finest, coarser ones are skipped. {@link #close} stops it when the body is over (no partial
 * decode starts beside the stage's own decode), {@link #supersede} once the stage's own version is
 * decoded: a partial decode still running then is not delivered after it — {@link Grading#mayReplace}
 * alone would let a late partial of the same grade through — but one that ends before it is (on a busy
 * machine the last byte can come while the first partial decodes, which was then lost). {@link
 * StreamingPace} spaces the inspections and skips a level whose decode would end after the last byte.
 *
 * <p>The final, when this response brings the frame's last byte at full size: a decoder that can (JPEG-LS,
 * line by line) decodes on the reading thread as the bytes come — it keeps up with any link, and after the
 * last byte only the last lines are left, so the final costs little more than that byte (issue 11).
 */
final class ReceivingDecodes {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivingDecodes.class);

  /** A decode of a prefix, prepared on the reading thread. */
  private record Partial(FrameDecoder decoder, ByteBuffer data, DecodeRequest request) {}

  private final ImageState image;
  private final FrameBytes frame;
  private final Decoders decoders;
  private final Executor decodes;
  private final BooleanSupplier cancelled;
  private final Consumer<DecodedFrame> deliverPartial;
  private final boolean streaming;
  private final boolean finalOnTheWay;

  /** Finest level handed over so far; read and written by the reading thread only. */
  private int offeredLevel = Integer.MAX_VALUE;
  private boolean unsupported;
  private final StreamingPace pace = new StreamingPace();
  /** The next decode, replaced by a finer one while a decode runs. Guarded by this. */
  private Partial pending;
  /** True while a decode task is queued or running. Guarded by this. */
  private boolean decoding;
  /** True once the body is over: no partial decode starts from then on. Guarded by this. */
  private boolean closed;
  /**
   * True once the stage's own version is decoded: no partial version is delivered from then on. Guarded
   * by this; a partial version is delivered under this lock.
   */
  private boolean superseded;

  /** The final's decode going on as the bytes come, once started; reading thread only. */
  private FrameDecoding finalDecoding;
  private boolean gaveUp;

  /**
   * @param streaming whether partial versions are decoded on the way (the stage's {@code streaming})
   * @param finalOnTheWay whether this response brings the frame's last byte and its final is full size
   * @param deliverPartial grades and delivers a partial version; called on a decode thread
   */
  ReceivingDecodes(ImageState image, FrameBytes frame, Decoders decoders, Executor decodes,
      BooleanSupplier cancelled, boolean streaming, boolean finalOnTheWay, Consumer<DecodedFrame> deliverPartial) {
    this.image = image;
    this.frame = frame;
    this.decoders = decoders;
    this.decodes = decodes;
    this.cancelled = cancelled;
    this.streaming = streaming;
    this.finalOnTheWay = finalOnTheWay;
    this.deliverPartial = deliverPartial;
  }

  /** On the reading thread after each read whose bytes reached the frame: cheap, or on the way anyway. */
  void afterRead() {
    if (streaming) {
      offerPartial();
    }
    if (finalOnTheWay) {
      advanceFinal();
    }
  }

  /**
   * The decode that went on while the bytes arrived, finished; if it gave up on the way (or there was
   * none), the whole decode, which is the one that decides and names what is wrong.
   */
  DecodedFrame finishFinal(FrameDecoder decoder, ByteBuffer data, DecodeRequest request) throws DecodeException {
    if (finalDecoding == null) {
      return decoder.decode(data, request);
    }
    try {
      return finalDecoding.finish(data);
    } catch (DecodeException | RuntimeException e) {
      LOG.debug("Decoding while receiving failed ({}); decoding the whole frame", e.toString());
      return decoder.decode(data, request);
    }
  }

  /**
   * The body is over: nothing pending is decoded (it would take a core from the stage's own decode); a
   * partial decode already running is delivered if it ends before that decode.
   */
  synchronized void close() {
    closed = true;
    pending = null;
  }

  /**
   * The stage's own decode has ended: nothing partial is delivered from now on, so no partial version
   * comes after it — {@link Grading#mayReplace} alone would let a late partial of the same grade through.
   * Returns once a partial being delivered is.
   */
  synchronized void supersede() {
    close();
    superseded = true;
  }

  private void offerPartial() {
    // After level 1 only level 0 is left, which the final decode gives: inspecting the longer and
    // longer prefix after each chunk would cost the reading thread for nothing.
    long received = frame.received();
    long now = System.nanoTime();
    pace.arrived(received, now);
    if (unsupported || offeredLevel <= 1 || !frame.headersKnown() || frame.isComplete()
        || !nextLevelWorthDecoding(received, now) || !pace.shouldInspect(received)) {
      return;
    }
    String ts = frame.transferSyntax(image.ref);
    try {
      FrameDecoder decoder = decoders.require(ts);
      if (!decoder.supportsPartialData()) {
        unsupported = true;
        return;
      }
      ByteBuffer data = frame.payload();
      int level = decoder.decodableLevel(data, new DecodeRequest(ts, image.ref.pixels(), 0, false));
      // Level 0 means every byte is in: the final decode after the body ends grades it.
      if (level <= 0 || level >= offeredLevel
          || !pace.worthDecoding(samplesAt(image.ref, level), received, frame.total(), System.nanoTime())) {
        return;
      }
      offeredLevel = level;
      offer(new Partial(decoder, data, new DecodeRequest(ts, image.ref.pixels(), level, false)));
    } catch (DecodeException e) {
      // A prefix that does not decode is not an error yet: the final decode will tell.
      LOG.debug("Partial data of image {} not inspectable: {}", image.index, e.getMessage());
    }
  }

  /**
   * Whether a decode of the next finer level than the one offered, the cheapest still worth showing,
   * could end before the last byte; if not, no finer one could, and inspecting the prefix is wasted.
   * Before the first offer the coarsest level is next, which is unknown yet and small: always worth it.
   */
  private boolean nextLevelWorthDecoding(long received, long now) {
    return offeredLevel == Integer.MAX_VALUE
        || pace.worthDecoding(samplesAt(image.ref, offeredLevel - 1), received, frame.total(), now);
  }

  private static long samplesAt(ImageRef image, int level) {
    PixelDescription p = image.pixels();
    return (long) DecodeRequest.reducedSize(p.columns(), level) * DecodeRequest.reducedSize(p.rows(), level)
        * p.samplesPerPixel();
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
      if (closed || partial == null || cancelled.getAsBoolean()) {
        decoding = false;
        return;
      }
    }
    try {
      DecodedFrame decoded = partial.decoder().decode(partial.data(), partial.request());
      synchronized (this) {
        if (!superseded) {
          deliverPartial.accept(decoded);
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

  private void advanceFinal() {
    if (gaveUp || !frame.headersKnown()) {
      return;
    }
    try {
      if (finalDecoding == null) {
        String ts = frame.transferSyntax(image.ref);
        finalDecoding = decoders.require(ts).startDecoding(new DecodeRequest(ts, image.ref.pixels(), 0, true));
        gaveUp = finalDecoding == null;
        if (gaveUp) {
          return;
        }
      }
      finalDecoding.advance(frame.payload());
    } catch (DecodeException | RuntimeException e) {
      // The whole decode after the last byte decides, and names what is wrong.
      LOG.debug("Image {}: no decoding while receiving: {}", image.index, e.toString());
      finalDecoding = null;
      gaveUp = true;
    }
  }
}
