package org.weasis.progressive.internal.http;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.TransferSyntax;

/**
 * Everything received so far for one frame URL, across stages, filled by {@link DicomWebClient#fetchFrame}:
 * a later stage asks only for the bytes after these (never downloading twice). Ranges count over the
 * response body as the server sends it — over the multipart body when the server wraps the frame — so
 * the multipart parser keeps its state between responses and only the frame payload is kept.
 */
public final class FrameBody implements FrameBytes {
  /** First buffer size: small frames fit at once, large ones double from here as their bytes arrive. */
  private static final int INITIAL_CAPACITY = 16 * 1024;
  /** The largest array a JVM allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final URI url;
  private final long maxFrameBytes;
  private final LoadBudget budget;
  private final Parts parts = new Parts();

  private long received;
  private long total = -1;
  private String contentType;
  private String partContentType;
  private MultipartReader multipart;
  private byte[] payload = new byte[0];
  private int payloadLength;
  private boolean complete;
  /** Chunk size of the first range request, 0 before one: later ranges count in it (Cornerstone3D). */
  private int chunkSize;
  /** Why the frame is over the node's frame limit, once known: no later stage asks for it again. */
  private String refusal;
  /** True while the answer is a 206 to a bounded range: a parse error waits for the chunk's end. */
  private boolean boundedAnswer;
  /** The parse error of a bounded chunk, reported once its last byte is in. */
  private MultipartException unreadable;

  FrameBody(URI url, long maxFrameBytes, LoadBudget budget) {
    this.url = url;
    this.maxFrameBytes = Math.min(maxFrameBytes, MAX_ARRAY);
    this.budget = budget;
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public synchronized long received() {
    return received;
  }

  @Override
  public synchronized long total() {
    return total;
  }

  @Override
  public synchronized boolean isComplete() {
    return complete;
  }

  @Override
  public synchronized int payloadLength() {
    return payloadLength;
  }

  @Override
  public synchronized ByteBuffer payload() {
    return ByteBuffer.wrap(payload, 0, payloadLength).slice().asReadOnlyBuffer();
  }

  @Override
  public synchronized String transferSyntax(ImageRef image) {
    String fromPart = TransferSyntax.fromContentType(partContentType);
    if (fromPart != null) {
      return fromPart;
    }
    String fromResponse = multipart == null ? TransferSyntax.fromContentType(contentType) : null;
    if (fromResponse != null) {
      return fromResponse;
    }
    return image.transferSyntaxUid() != null
        ? image.transferSyntaxUid()
        : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  @Override
  public synchronized boolean headersKnown() {
    return multipart == null ? contentType != null : partContentType != null;
  }

  /**
   * The chunk size ranges of this URL count in: the one its first range request asked with, as
   * Cornerstone3D keeps it, so that {@code rangeIndex 10} after a 128 KiB chunk 0 means 1408 KiB.
   */
  public synchronized int chunkSize(int requested) {
    if (chunkSize == 0) {
      chunkSize = requested;
    }
    return chunkSize;
  }

  /** Fails when the frame already proved larger than the node's frame limit. */
  public synchronized void checkNotRefused() throws IOException {
    if (refusal != null) {
      throw new IOException(refusal + "; not asked for again");
    }
  }

  /** Forgets everything: the bytes cannot be continued (garbage, or the server ignored Range). */
  public synchronized void reset() {
    budget.releaseAll(this);
    received = 0;
    total = -1;
    contentType = null;
    partContentType = null;
    multipart = null;
    payload = new byte[0];
    payloadLength = 0;
    complete = false;
    chunkSize = 0;
  }

  /**
   * A response starts: a 200 replaces whatever was there, a 206 must continue it exactly.
   *
   * @param boundedRequest true when a bounded range {@code bytes=a-b} was asked for
   */
  synchronized void begin(DicomWebClient.FrameResponse response, boolean boundedRequest) throws IOException {
    unreadable = null;
    boundedAnswer = boundedRequest && response.status() == 206;
    if (response.status() == 200) {
      reset();
      total = response.contentLength();
    } else {
      ByteRanges.ContentRange range = response.contentRange();
      try {
        ByteRanges.checkContinues(range, received, total);
      } catch (IOException e) {
        throw new IOException("Content-Range bytes " + range.first() + "-" + range.last() + "/"
            + (range.total() < 0 ? "*" : range.total()) + " from " + url + ": " + e.getMessage(), e);
      }
      total = range.total();
    }
    // A multipart body's length bounds its frame's from above, delimiters included, as for the frame limit.
    refuseIfDeclaredTooLarge(total);
    if (contentType == null) {
      contentType = response.contentType();
      if (isMultipart(contentType)) {
        // No part limit of its own: the payload's limit is checked here, with the load's budget.
        multipart = new MultipartReader(MultipartReader.boundaryOf(contentType), Long.MAX_VALUE);
      }
    }
  }

  /**
   * Appends the next body bytes; false when they were dropped unread. A bounded chunk whose bytes stop
   * parsing is still read to its end and its error reported by {@link #end}: reporting it at once made
   * the count of bytes received depend on how the socket reads happened to split the answer (the rest
   * was read by HttpClient while closing the response, uncounted — a garbage 8 KiB chunk counted 8048
   * or 8192 bytes from run to run). The rest of a chunk we asked for is at most the chunk, and it is on
   * its way anyway; an open-ended body is abandoned at the error.
   */
  synchronized boolean append(byte[] buffer, int offset, int length) throws IOException {
    if (unreadable != null) {
      return false;
    }
    received += length;
    if (multipart == null) {
      addPayload(buffer, offset, length);
      return true;
    }
    try {
      multipart.feed(buffer, offset, length, parts);
      return true;
    } catch (MultipartException e) {
      if (!boundedAnswer) {
        throw e;
      }
      unreadable = e;
      return false;
    }
  }

  /**
   * The response body ended normally: the body is complete when all of it is in (a 200, a range to the
   * end, or the known total reached).
   */
  synchronized void end(DicomWebClient.FrameResponse response, boolean askedForRest) throws IOException {
    if (unreadable != null) {
      throw unreadable;
    }
    boolean all = response.status() == 200 || askedForRest || (total >= 0 && received >= total);
    if (!all) {
      return;
    }
    if (multipart != null) {
      multipart.finish(parts);
    }
    complete = true;
  }

  /**
   * Refuses a frame whose declared length it can never reach, before any of its bytes is read. A declared
   * length may refuse a frame early; it never sizes a buffer (it may be a lie).
   */
  private void refuseIfDeclaredTooLarge(long declared) throws IOException {
    if (declared > maxFrameBytes) {
      throw refuse("Frame at " + url + " is " + declared + " bytes, over the node's limit of " + maxFrameBytes);
    }
    long growable = largestFrame(budget.limit());
    if (declared > growable) {
      throw refuse("Frame at " + url + " is declared " + declared + " bytes, over the load's budget of "
          + budget.limit() + " bytes for one frame: a frame grows to " + growable + " bytes at most in it, its "
          + "old buffer counted until copied (the node's maxLoadBytes)");
    }
  }

  /**
   * The largest frame that {@link #grow} brings to its end alone in a budget of {@code budget} bytes. The
   * buffer doubles from {@link #INITIAL_CAPACITY}; growing from {@code p} bytes takes the new array while
   * the old one is held, so it reaches at most {@code min(2p, budget - p)}, and needs {@code p < budget / 2}.
   * A frame of at most the best of these grows there along the same doublings, its last step cut to its
   * length; a larger one fails on the way, whatever it sent before.
   */
  static long largestFrame(long budget) {
    long largest = Math.min(INITIAL_CAPACITY, budget);
    for (long p = INITIAL_CAPACITY; 2 * p < budget; p *= 2) {
      largest = Math.max(largest, Math.min(2 * p, budget - p));
    }
    return largest;
  }

  private IOException refuse(String why) {
    refusal = why;
    return new IOException(why);
  }

  private void addPayload(byte[] buffer, int offset, int length) throws IOException {
    long needed = (long) payloadLength + length;
    if (needed > maxFrameBytes) {
      reset(); // the frame cannot be completed: its bytes are only a weight now
      throw refuse("Frame at " + url + " exceeds the node's limit of " + maxFrameBytes + " bytes");
    }
    if (needed > payload.length) {
      try {
        grow(needed);
      } catch (IOException e) {
        reset();
        throw e;
      }
    }
    System.arraycopy(buffer, offset, payload, payloadLength, length);
    payloadLength += length;
  }

  /**
   * Doubles the buffer, never past the declared total or the frame limit, so memory follows the bytes
   * received and not a length the server announced. The new array is taken from the load's budget whole
   * and the old one given back only once copied: both are alive during the copy. Taking only the growth
   * let two frames each copy a 32 MiB buffer into a new one at once under a 64 MiB budget, 128 MiB of
   * frame arrays alive (heap dumps of HostileServersTest's endless bodies). So a frame grows to about
   * half the budget when it is alone in it.
   */
  private void grow(long needed) throws IOException {
    long doubled = Math.max(INITIAL_CAPACITY, payload.length * 2L);
    if (total > 0) {
      doubled = Math.min(doubled, total);
    }
    long capacity = Math.min(Math.max(needed, doubled), maxFrameBytes);
    // Short of the doubled size, the rest of the budget: growing by what each read needs would copy the
    // whole buffer for every few kilobytes.
    long taken = budget.reserve(this, needed, capacity, url);
    byte[] grown = Arrays.copyOf(payload, (int) taken);
    budget.release(this, payload.length);
    payload = grown;
  }

  /** A part's Content-Length, or -1 when it has none that parses (the part's delimiter ends it anyway). */
  private static long declaredLength(String value) {
    try {
      return value == null ? -1 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  /** The one part a frame answer holds; its payload is the frame. Called under the body's lock. */
  private final class Parts implements PartListener {
    @Override
    public void partStarted(Map<String, String> headers) throws IOException {
      if (partContentType != null) {
        throw new IOException("More than one part in the answer for one frame at " + url);
      }
      partContentType = headers.getOrDefault("content-type", "application/octet-stream");
      refuseIfDeclaredTooLarge(declaredLength(headers.get("content-length")));
    }

    @Override
    public void partData(byte[] buffer, int offset, int length) throws IOException {
      addPayload(buffer, offset, length);
    }
  }
}
