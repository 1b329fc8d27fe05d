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
  private final URI url;
  private final long maxFrameBytes;

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

  FrameResource(URI url, long maxFrameBytes) {
    this.url = url;
    this.maxFrameBytes = maxFrameBytes;
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
    if (total > maxFrameBytes) {
      throw new IOException(
          "Frame at " + url + " is " + total + " bytes, over the node's limit of " + maxFrameBytes);
    }
    if (contentType == null) {
      contentType = response.contentType();
      if (isMultipart(contentType)) {
        multipart = new MultipartReader(MultipartReader.boundaryOf(contentType), maxFrameBytes);
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

  private void addPayload(byte[] buffer, int offset, int length) throws IOException {
    long needed = (long) payloadLength + length;
    if (needed > maxFrameBytes) {
      throw new IOException(
          "Frame at " + url + " exceeds the node's limit of " + maxFrameBytes + " bytes");
    }
    if (needed > payload.length) {
      long grown = Math.max(needed, Math.max(total, payload.length * 2L));
      payload = Arrays.copyOf(payload, (int) Math.min(grown, maxFrameBytes));
    }
    System.arraycopy(buffer, offset, payload, payloadLength, length);
    payloadLength += length;
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
