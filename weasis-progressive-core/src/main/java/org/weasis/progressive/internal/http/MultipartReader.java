package org.weasis.progressive.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicHeaderValueParser;
import org.apache.hc.core5.http.message.ParserCursor;

/**
 * Parses a multipart/related frame response while it arrives, so that a codestream can be decoded
 * before the body is complete and a later byte-range response can continue the same body — which
 * whole-body MIME parsers cannot do, and which must also work when the server sends no boundary.
 */
public final class MultipartReader {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  /** RFC 2046 allows 70 characters; longer ones are tolerated, a longer first line is not a boundary line. */
  private static final int MAX_BOUNDARY_LENGTH = 256;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private enum State {
    /** Boundary unknown: reading the body's first line, which must be "--boundary". */
    FIRST_LINE,
    /** Boundary known: skipping anything before the first delimiter. */
    PREAMBLE,
    /** Just after "--boundary": "--" closes the body, a line end starts a part. */
    AFTER_DELIMITER,
    /** One '-' of the close delimiter's "--" seen. */
    CLOSE_DASH,
    /** Skipping transport padding up to the end of the delimiter line. */
    PADDING,
    HEADERS,
    PAYLOAD,
    /** After the close delimiter: the rest is ignored. */
    EPILOGUE,
    FAILED
  }

  private final long maxPartBytes;
  private String boundary;
  private Delimiter delimiter;
  /** Where held-back bytes are copied before delivery, so a listener never sees {@link #delimiter}. */
  private byte[] heldCopy;
  /** The last {@code held} bytes fed equal {@code delimiter[0..held)}: not delivered, they may begin it. */
  private int held;
  /** The first line or the current part's header block, as read so far. */
  private byte[] line = new byte[256];
  private int lineLength;
  /** Length of the current header line without CRs; 0 at a line end means the blank line. */
  private int headerLineLength;
  private State state;
  /** 1-based number of the current part, 0 before the first. */
  private int partNumber;
  /** Payload bytes of the current part delivered so far. */
  private long partBytes;
  private long consumed;
  private boolean complete;

  /**
   * @param boundary the Content-Type's boundary parameter, or null to take it from the body's first line
   * @param maxPartBytes largest payload accepted for one part
   */
  public MultipartReader(String boundary, long maxPartBytes) {
    if (maxPartBytes <= 0) {
      throw new IllegalArgumentException("maxPartBytes must be positive: " + maxPartBytes);
    }
    this.maxPartBytes = maxPartBytes;
    if (boundary == null) {
      state = State.FIRST_LINE;
      return;
    }
    if (!isUsableBoundary(boundary)) {
      throw new IllegalArgumentException("not a usable multipart boundary: \"" + ServerText.clean(boundary) + '"');
    }
    adopt(boundary);
    state = State.PREAMBLE;
    // As if a CR LF preceded the body: a delimiter on the first line is then found like any other.
    held = 2;
  }

  /** The boundary parameter of a Content-Type header value, quoted or not, or null if it has none. */
  public static String boundaryOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    // HttpCore's own parser: quoted strings, escapes and parameters without a value as RFC 9110 has them.
    NameValuePair boundary = BasicHeaderValueParser.INSTANCE
        .parseHeaderElement(contentType, new ParserCursor(0, contentType.length()))
        .getParameterByName("boundary");
    String value = boundary == null ? null : boundary.getValue();
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * Parses the next bytes of the body, in any split, and tells the listener what they complete.
   *
   * @throws IOException if the body is not multipart, malformed or has a part over the limit;
   *     the reader cannot be used afterwards
   */
  public void feed(byte[] b, int off, int len, PartListener listener) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    Objects.requireNonNull(listener, "listener");
    checkUsable();
    int end = off + len;
    try {
      for (int pos = off; pos < end; ) {
        pos = readFrom(b, pos, end, listener);
      }
    } catch (MultipartException e) {
      state = State.FAILED;
      throw e;
    }
    consumed += len;
  }

  /**
   * Declares the end of the input. Every event of a well-formed body was already delivered by
   * {@link #feed}; bytes held back at a truncation are not delivered, as they may begin the
   * delimiter. The reader is left as it was, so a byte-range response may still continue the body.
   *
   * @throws IOException if the body was empty or ended before its close delimiter
   */
  public void finish(PartListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    checkUsable();
    if (!complete) {
      throw new MultipartException(incompleteBodyMessage());
    }
  }

  /** Whether the close delimiter has been read. */
  public boolean isComplete() {
    return complete;
  }

  /** Bytes fed so far, preamble and epilogue included: where a byte-range request continues. */
  public long bytesConsumed() {
    return consumed;
  }

  /** The boundary, or null while it is still to be read from the body. */
  public String boundary() {
    return boundary;
  }

  private int readFrom(byte[] b, int pos, int end, PartListener listener)
      throws IOException {
    return switch (state) {
      case FIRST_LINE -> readFirstLine(b, pos, end);
      case PREAMBLE, PAYLOAD -> scanToDelimiter(b, pos, end, listener);
      case AFTER_DELIMITER, CLOSE_DASH, PADDING -> {
        readDelimiterLine(b[pos], listener);
        yield pos + 1;
      }
      case HEADERS -> readHeaders(b, pos, end, listener);
      case EPILOGUE -> end;
      case FAILED -> throw new IllegalStateException("multipart reader already failed");
    };
  }

  private int readFirstLine(byte[] b, int pos, int end) throws IOException {
    for (int i = pos; i < end; i++) {
      byte c = b[i];
      if (lineLength < 2 && c != '-') {
        throw new MultipartException(
            "body is not multipart: it does not begin with a \"--boundary\" line");
      }
      if (c == LF) {
        adoptFirstLineBoundary();
        startHeaders();
        return i + 1;
      }
      appendToLine(c, MAX_BOUNDARY_LENGTH + 8);
    }
    return end;
  }

  private void adoptFirstLineBoundary() throws IOException {
    String found = new String(line, 2, lineLength - 2, ISO_8859_1).stripTrailing();
    if (!isUsableBoundary(found)) {
      throw new MultipartException(
          "body is not multipart: its first line \"--" + found + "\" is not a boundary line");
    }
    adopt(found);
  }

  /** Delivers the bytes before the next delimiter (drops them in the preamble) and reads past it. */
  private int scanToDelimiter(byte[] b, int pos, int end, PartListener listener)
      throws IOException {
    if (held > 0) {
      int n = Math.min(end - pos, delimiter.length() - held);
      if (delimiter.continuesAt(b, pos, n, held)) {
        held += n;
        return held == delimiter.length() ? passDelimiter(pos + n, listener) : end;
      }
      // Only index 0 of the held bytes is a CR, so no delimiter can start inside them.
      deliverHeld(listener);
    }
    int found = delimiter.indexIn(b, pos, end);
    if (found >= 0) {
      deliver(b, pos, found - pos, listener);
      return passDelimiter(found + delimiter.length(), listener);
    }
    int tail = delimiter.partialStartIn(b, pos, end);
    deliver(b, pos, tail - pos, listener);
    held = end - tail;
    return end;
  }

  private int passDelimiter(int next, PartListener listener) {
    held = 0;
    if (state == State.PAYLOAD) {
      listener.partEnded();
    }
    state = State.AFTER_DELIMITER;
    return next;
  }

  private void deliverHeld(PartListener listener) throws IOException {
    int n = held;
    held = 0;
    delimiter.copyStart(heldCopy, n);
    deliver(heldCopy, 0, n, listener);
  }

  private void deliver(byte[] b, int off, int len, PartListener listener)
      throws IOException {
    if (len == 0 || state != State.PAYLOAD) {
      return;
    }
    if (partBytes + len > maxPartBytes) {
      throw new MultipartException(
          "part " + partNumber + " is larger than the limit of " + maxPartBytes + " bytes");
    }
    partBytes += len;
    listener.partData(b, off, len);
  }

  private void readDelimiterLine(byte c, PartListener listener) throws IOException {
    if (state == State.AFTER_DELIMITER && c == '-') {
      state = State.CLOSE_DASH;
    } else if (state == State.CLOSE_DASH) {
      if (c != '-') {
        throw unexpectedAfterDelimiter(c);
      }
      complete = true;
      state = State.EPILOGUE;
      listener.bodyEnded();
    } else if (c == LF) {
      startHeaders();
    } else if (c == CR || c == ' ' || c == '\t') {
      state = State.PADDING;
    } else {
      throw unexpectedAfterDelimiter(c);
    }
  }

  private MultipartException unexpectedAfterDelimiter(byte c) {
    // Typically the declared boundary is only a prefix of the one the body uses.
    return new MultipartException(String.format(
        "unexpected byte 0x%02x after the delimiter \"--%s\" before part %d",
        c & 0xFF, ServerText.clean(boundary), partNumber + 1));
  }

  private void startHeaders() {
    partNumber++;
    lineLength = 0;
    headerLineLength = 0;
    state = State.HEADERS;
  }

  private int readHeaders(byte[] b, int pos, int end, PartListener listener)
      throws IOException {
    for (int i = pos; i < end; i++) {
      byte c = b[i];
      if (c == LF && headerLineLength == 0) {
        startPayload(listener);
        return i + 1;
      }
      headerLineLength = c == LF ? 0 : c == CR ? headerLineLength : headerLineLength + 1;
      appendToLine(c, MAX_HEADER_BYTES);
    }
    return end;
  }

  private void startPayload(PartListener listener) throws IOException {
    Map<String, String> headers = parseHeaders();
    state = State.PAYLOAD;
    partBytes = 0;
    listener.partStarted(headers);
  }

  private Map<String, String> parseHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String headerLine : new String(line, 0, lineLength, ISO_8859_1).lines().toList()) {
      if (headerLine.isBlank()) {
        continue;
      }
      int colon = headerLine.indexOf(':');
      if (colon <= 0) {
        throw new MultipartException(
            "malformed header line in part " + partNumber + ": \"" + ServerText.clean(headerLine) + '"');
      }
      String name = headerLine.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = headerLine.substring(colon + 1).strip();
      headers.merge(name, value, (first, second) -> first + ", " + second);
    }
    return Collections.unmodifiableMap(headers);
  }

  private void appendToLine(byte c, int limit) throws IOException {
    if (lineLength == limit) {
      throw new MultipartException(state == State.FIRST_LINE
          ? "body is not multipart: its first line is longer than a boundary line can be"
          : "malformed multipart body: the headers of part " + partNumber + " pass " + limit + " bytes");
    }
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, Math.min(limit, line.length * 2));
    }
    line[lineLength++] = c;
  }

  private String incompleteBodyMessage() {
    if (consumed == 0) {
      return "empty multipart body";
    }
    return "truncated multipart body: " + switch (state) {
      case FIRST_LINE -> "its first line has no line end";
      case PREAMBLE -> "no delimiter \"--" + ServerText.clean(boundary) + "\" in " + consumed + " bytes";
      case HEADERS -> "the headers of part " + partNumber + " do not end";
      case PAYLOAD -> "no closing boundary after " + partBytes + " payload bytes of part " + partNumber;
      default -> "no closing boundary after part " + partNumber;
    };
  }

  private void checkUsable() {
    if (state == State.FAILED) {
      throw new IllegalStateException("multipart reader already failed");
    }
  }

  private void adopt(String newBoundary) {
    boundary = newBoundary;
    delimiter = new Delimiter(newBoundary);
    heldCopy = new byte[delimiter.length()];
  }

  /** Printable ASCII only: the delimiter search relies on a boundary having no CR. */
  private static boolean isUsableBoundary(String candidate) {
    if (candidate.isEmpty() || candidate.length() > MAX_BOUNDARY_LENGTH) {
      return false;
    }
    return candidate.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
  }
}
