package org.weasis.progressive.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.internal.http.ByteRanges;
import org.weasis.progressive.internal.http.DicomWebClient.FrameResponse;
import org.weasis.progressive.internal.http.MultipartReader;
import org.weasis.progressive.internal.http.PartListener;

/**
 * Everything received so far for one frame URL, across stages: a later stage asks only for the bytes
 * after these (never downloading twice). Ranges count over the response body as the server sends it —
 * over the multipart body when the server wraps the frame — so the multipart parser keeps its state
 * between responses and only the frame payload is kept.
 */
final class FrameResource implements PartListener {
  /** First buffer size: small frames fit at once, large ones double from here as their bytes arrive. */
  private static final int INITIAL_CAPACITY = 16 * 1024;
  /** The largest array a JVM allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final URI url;
  private final long maxFrameBytes;
  private final LoadBudget budget;

  /** Body bytes received (the offset the next range starts at). */
  private long received;
  /** Total body length when known (Content-Range total or a 200's Content-Length), else -1. */
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

  FrameResource(URI url, long maxFrameBytes, LoadBudget budget) {
    this.url = url;
    this.maxFrameBytes = Math.min(maxFrameBytes, MAX_ARRAY);
    this.budget = budget;
  }

  URI url() {
    return url;
  }

  synchronized long received() {
    return received;
  }

  synchronized long total() {
    return total;
  }

  synchronized boolean isComplete() {
    return complete;
  }

  synchronized int payloadLength() {
    return payloadLength;
  }

  /**
   * The chunk size ranges of this URL count in: the one its first range request asked with, as
   * Cornerstone3D keeps it, so that {@code rangeIndex 10} after a 128 KiB chunk 0 means 1408 KiB.
   */
  synchronized int chunkSize(int requested) {
    if (chunkSize == 0) {
      chunkSize = requested;
    }
    return chunkSize;
  }

  /** A read-only view of the frame bytes so far; later appends do not change it. */
  synchronized ByteBuffer payload() {
    return ByteBuffer.wrap(payload, 0, payloadLength).slice().asReadOnlyBuffer();
  }

  /**
   * The frame's transfer syntax: the part's Content-Type, else the response's (when not multipart),
   * else the metadata's, else Explicit VR Little Endian (the DICOMweb default for octet-stream).
   */
  synchronized String transferSyntax(ImageRef image) {
    String fromPart = TransferSyntax.fromContentType(partContentType);
    if (fromPart != null) {
      return fromPart;
    }
    if (multipart == null) {
      String fromResponse = TransferSyntax.fromContentType(contentType);
      if (fromResponse != null) {
        return fromResponse;
      }
    }
    return image.transferSyntaxUid() != null
        ? image.transferSyntaxUid()
        : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  /** True once the part headers (and so the transfer syntax) are known or there are none. */
  synchronized boolean headersKnown() {
    return multipart == null ? contentType != null : partContentType != null;
  }

  /** Fails when the frame already proved larger than the node's frame limit. */
  synchronized void checkNotRefused() throws IOException {
    if (refusal != null) {
      throw new IOException(refusal + "; not asked for again");
    }
  }

  private IOException refuse(String why) {
    refusal = why;
    return new IOException(why);
  }

  /** A response starts: a 200 replaces whatever was there, a 206 must continue it exactly. */
  synchronized void begin(FrameResponse response) throws IOException {
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
    // A declared length may refuse a frame early; it never sizes a buffer (it may be a lie).
    if (total > maxFrameBytes) {
      throw refuse("Frame at " + url + " is " + total + " bytes, over the node's limit of " + maxFrameBytes);
    }
    if (total > budget.limit()) {
      throw new IOException("Frame at " + url + " is " + total + " bytes, over the load's budget of "
          + budget.limit() + " bytes (the node's maxLoadBytes)");
    }
    if (contentType == null) {
      contentType = response.contentType();
      if (isMultipart(contentType)) {
        // No part limit of its own: the payload's limit is checked here, with the load's budget.
        multipart = new MultipartReader(MultipartReader.boundaryOf(contentType), Long.MAX_VALUE);
      }
    }
  }

  synchronized void append(byte[] buffer, int offset, int length) throws IOException {
    received += length;
    if (multipart != null) {
      multipart.feed(buffer, offset, length, this);
    } else {
      addPayload(buffer, offset, length);
    }
  }

  /**
   * The response body ended normally: the resource is complete when all of it is in (a 200, a range
   * to the end, or the known total reached).
   */
  synchronized void end(FrameResponse response, boolean askedForRest) throws IOException {
    boolean all = response.status() == 200 || askedForRest || (total >= 0 && received >= total);
    if (!all) {
      return;
    }
    if (multipart != null) {
      multipart.finish(this);
    }
    complete = true;
  }

  /** Forgets everything: the bytes cannot be continued (garbage, or the server ignored Range). */
  synchronized void reset() {
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

  @Override
  public void partStarted(Map<String, String> headers) throws IOException {
    if (partContentType != null) {
      throw new IOException("More than one part in the answer for one frame at " + url);
    }
    partContentType = headers.getOrDefault("content-type", "application/octet-stream");
  }

  @Override
  public void partData(byte[] buffer, int offset, int length) throws IOException {
    addPayload(buffer, offset, length);
  }

  /** The resource is dropped: its buffer no longer counts against the load's budget. */
  synchronized void discard() {
    reset();
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
   * received and not a length the server announced; the growth is taken from the load's budget.
   */
  private void grow(long needed) throws IOException {
    long doubled = Math.max(INITIAL_CAPACITY, payload.length * 2L);
    if (total > 0) {
      doubled = Math.min(doubled, total);
    }
    long capacity = Math.min(Math.max(needed, doubled), maxFrameBytes);
    // Short of the doubled size, the rest of the budget: growing by what each read needs would copy the
    // whole buffer for every few kilobytes.
    long taken = budget.reserve(this, needed - payload.length, capacity - payload.length, url);
    payload = Arrays.copyOf(payload, (int) (payload.length + taken));
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
