package org.weasis.progressive.internal.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.fixtures.Fixtures;
import org.weasis.progressive.internal.http.StaticDicomWebFixtures.Mht;

class MultipartReaderTest {
  private static final long LIMIT = 64L << 20;
  private static final List<String> ONE_PART = List.of("partStarted", "partEnded", "bodyEnded");

  @Test
  void readsTheRealStaticDicomWebFrameSplitAtEveryByteOffset() throws Exception {
    assertSplitAtEveryOffsetGivesThePayload(firstFrame(), null);
  }

  @Test
  void readsTheRealFrameSplitAtEveryByteOffsetWhenTheHeaderGaveTheBoundary() throws Exception {
    Mht mht = firstFrame();
    assertSplitAtEveryOffsetGivesThePayload(mht, mht.boundary());
  }

  @Test
  void readsTheRealJlsThumbnailSplitAtEveryByteOffset() throws Exception {
    assertSplitAtEveryOffsetGivesThePayload(
        StaticDicomWebFixtures.read(Fixtures.frameFiles("jlsThumbnail").getFirst()), null);
  }

  @Test
  void readsTheRealFrameFedOneByteAtATime() throws Exception {
    Mht mht = firstFrame();
    for (String boundary : Arrays.asList(null, mht.boundary())) {
      MultipartReader reader = new MultipartReader(boundary, LIMIT);
      Recorder recorder = new Recorder();
      for (int i = 0; i < mht.bytes().length; i++) {
        reader.feed(mht.bytes(), i, 1, recorder);
      }
      reader.finish(recorder);
      assertEquals(ONE_PART, recorder.events);
      assertArrayEquals(mht.payload(), recorder.part(0));
      assertEquals(mht.bytes().length, reader.bytesConsumed());
    }
  }

  @Test
  void readsEveryRealHtj2kFrameAsAWholeCodestream() throws Exception {
    for (var path : Fixtures.frameFiles("frames")) {
      Mht mht = StaticDicomWebFixtures.read(path);
      MultipartReader reader = new MultipartReader(null, LIMIT);
      Recorder recorder = readAll(reader, mht.bytes());
      byte[] payload = recorder.part(0);
      assertArrayEquals(mht.payload(), payload, path.toString());
      assertCodestreamBounds(payload, 0x4F, path + ": HTJ2K starts with SOC FF 4F, ends with EOC FF D9");
      assertEquals(
          List.of(Map.of("content-type", "image/jphc;transfer-syntax=1.2.840.10008.1.2.4.201")),
          recorder.headers);
      assertEquals(mht.boundary(), reader.boundary());
      assertTrue(reader.isComplete());
    }
  }

  @Test
  void readsTheRealJpegLsAlternatesWholeAndOneByteAtATime() throws Exception {
    for (String folder : List.of("jls", "jlsThumbnail")) {
      for (var path : Fixtures.frameFiles(folder)) {
        Mht mht = StaticDicomWebFixtures.read(path);
        byte[] whole = readAll(new MultipartReader(null, LIMIT), mht.bytes()).part(0);
        assertArrayEquals(mht.payload(), whole, path.toString());
        assertCodestreamBounds(whole, 0xD8, path + ": JPEG-LS starts with SOI FF D8, ends with EOI FF D9");

        MultipartReader reader = new MultipartReader(mht.boundary(), LIMIT);
        Recorder recorder = new Recorder();
        for (int i = 0; i < mht.bytes().length; i++) {
          reader.feed(mht.bytes(), i, 1, recorder);
        }
        reader.finish(recorder);
        assertArrayEquals(mht.payload(), recorder.part(0), path.toString());
        assertEquals(mht.contentType(), recorder.headers.getFirst().get("content-type"));
      }
    }
  }

  @Test
  void continuesTheSameBodyAcrossByteRangeResponses() throws Exception {
    Mht mht = firstFrame();
    MultipartReader reader = new MultipartReader(null, LIMIT);
    Recorder recorder = new Recorder();
    int chunkSize = 65536;
    int delimiterLength = ("\r\n--" + mht.boundary()).length();

    feedRange(reader, mht.bytes(), ByteRanges.rangeHeader(reader.bytesConsumed(), 0, chunkSize), recorder);
    assertFalse(reader.isComplete());
    assertEquals(chunkSize, reader.bytesConsumed());
    assertTrue(recorder.size >= chunkSize - mht.payloadStart() - delimiterLength, "delivered " + recorder.size);
    assertTrue(Arrays.equals(recorder.data, 0, recorder.size, mht.payload(), 0, recorder.size));

    feedRange(reader, mht.bytes(), ByteRanges.rangeHeader(reader.bytesConsumed(), 1, chunkSize), recorder);
    assertEquals(2L * chunkSize, reader.bytesConsumed());
    feedRange(reader, mht.bytes(), ByteRanges.rangeHeader(reader.bytesConsumed(), -1, chunkSize), recorder);

    reader.finish(recorder);
    assertEquals(ONE_PART, recorder.events);
    assertArrayEquals(mht.payload(), recorder.part(0));
  }

  @Test
  void deliversPayloadBytesAsSoonAsTheyCannotBeginTheDelimiter() throws Exception {
    MultipartReader reader = new MultipartReader("BOUNDARY", LIMIT);
    Recorder recorder = new Recorder();
    feed(reader, "--BOUNDARY\r\n\r\nabc\r\n--BOUND", recorder);
    assertEquals("abc", recorder.text());
    feed(reader, "S", recorder);
    assertEquals("abc\r\n--BOUNDS", recorder.text());
    feed(reader, "\r", recorder);
    assertEquals("abc\r\n--BOUNDS", recorder.text());
    feed(reader, "\r\n--BOUNDARY--", recorder);
    assertEquals("abc\r\n--BOUNDS\r", recorder.text());
    assertEquals(ONE_PART, recorder.events);
  }

  @Test
  void keepsPayloadFragmentsThatOnlyResembleTheDelimiter() throws Exception {
    String payload =
        "x--bound\r\n--\r\n-\r\n--bounx\r\n--Bound\r\r\n--\r--bound\n--bound\r\n--boun\r\n-\r";
    byte[] body = ascii("--bound\r\n\r\n" + payload + "\r\n--bound--");
    for (int split = 0; split <= body.length; split++) {
      Recorder recorder = readInTwo(new MultipartReader("bound", LIMIT), body, split);
      assertEquals(ONE_PART, recorder.events, "split at " + split);
      assertEquals(payload, recorder.text(), "split at " + split);
    }
  }

  @Test
  void readsTwoPartsWithTheirOwnHeadersSplitAtEveryByteOffset() throws Exception {
    byte[] body = ascii("--sep\r\nContent-Type: image/jls\r\n\r\nfirst\r\n"
        + "--sep\r\nContent-Type: image/jphc\r\nContent-Location: frames/2\r\n\r\nsecond\r\n--sep--");
    for (int split = 0; split <= body.length; split++) {
      Recorder recorder = readInTwo(new MultipartReader(null, LIMIT), body, split);
      assertEquals(List.of("partStarted", "partEnded", "partStarted", "partEnded", "bodyEnded"),
          recorder.events, "split at " + split);
      assertEquals(List.of(Map.of("content-type", "image/jls"),
          Map.of("content-type", "image/jphc", "content-location", "frames/2")), recorder.headers);
      assertEquals("first", new String(recorder.part(0), ISO_8859_1));
      assertEquals("second", new String(recorder.part(1), ISO_8859_1));
    }
  }

  @Test
  void lowerCasesHeaderNamesAndTrimsHeaderValues() throws Exception {
    Recorder recorder = readAll(new MultipartReader(null, LIMIT),
        ascii("--b\r\nCONTENT-TYPE:   image/jls; transfer-syntax=1.2.840.10008.1.2.4.80  \r\n"
            + "content-LENGTH:3\r\n\r\nabc\r\n--b--"));
    assertEquals(List.of(Map.of("content-type", "image/jls; transfer-syntax=1.2.840.10008.1.2.4.80",
        "content-length", "3")), recorder.headers);
  }

  @Test
  void acceptsHeaderLinesEndedByLineFeedsOnly() throws Exception {
    Recorder recorder = readAll(new MultipartReader(null, LIMIT),
        ascii("--b\nContent-Type: image/jls\n\nabc\r\n--b--\n"));
    assertEquals(List.of(Map.of("content-type", "image/jls")), recorder.headers);
    assertEquals("abc", recorder.text());
  }

  @Test
  void skipsAPreambleAndAnEpilogueWhenTheBoundaryIsKnown() throws Exception {
    MultipartReader reader = new MultipartReader("b", LIMIT);
    byte[] body = ascii("This is a preamble --b that mentions\r\n-the boundary\r\n--b \t\r\n"
        + "Content-Type: image/jls\r\n\r\nabc\r\n--b--\r\nepilogue\r\n--b\r\n");
    Recorder recorder = readAll(reader, body);
    assertEquals(ONE_PART, recorder.events);
    assertEquals("abc", recorder.text());
    assertEquals(body.length, reader.bytesConsumed());
  }

  @Test
  void takesTheBoundaryFromQuotedOrUnquotedContentTypeParameters() {
    assertEquals("abc", MultipartReader.boundaryOf("multipart/related; boundary=abc"));
    assertEquals("abc", MultipartReader.boundaryOf(
        "multipart/related; type=\"application/octet-stream\"; boundary=abc; transfer-syntax=*"));
    assertEquals("a b;c=d", MultipartReader.boundaryOf("multipart/related;BOUNDARY=\"a b;c=d\""));
    assertEquals("x\"y", MultipartReader.boundaryOf("multipart/related; Boundary = \"x\\\"y\""));
    assertEquals("real", MultipartReader.boundaryOf(
        "multipart/related; type=\"a; boundary=fake\"; charset; boundary=real"));
  }

  @Test
  void findsNoBoundaryInAContentTypeWithoutOne() {
    assertNull(MultipartReader.boundaryOf("multipart/related"));
    assertNull(MultipartReader.boundaryOf("multipart/related; type=\"application/octet-stream\""));
    assertNull(MultipartReader.boundaryOf("multipart/related; xboundary=abc"));
    assertNull(MultipartReader.boundaryOf("multipart/related; boundary="));
    assertNull(MultipartReader.boundaryOf(null));
  }

  @Test
  void finishReportsATruncatedPayloadWithItsPartAndByteCount() throws Exception {
    Mht mht = firstFrame();
    MultipartReader reader = new MultipartReader(null, LIMIT);
    Recorder recorder = readInTwo(reader, Arrays.copyOf(mht.bytes(), 1000), 500);
    var e = assertThrows(MultipartException.class, () -> reader.finish(recorder));
    assertEquals("truncated multipart body: no closing boundary after " + recorder.size
        + " payload bytes of part 1", e.getMessage());
    assertEquals(List.of("partStarted"), recorder.events);
  }

  @Test
  void finishReportsABodyCutInsideItsCloseDelimiter() throws Exception {
    Mht mht = firstFrame();
    int closeLength = ("\r\n--" + mht.boundary() + "--").length();
    // Cut after "\r\n--BOUND": the held bytes may begin the delimiter, so they are not payload.
    int cut = mht.bytes().length - closeLength + 9;
    MultipartReader reader = new MultipartReader(null, LIMIT);
    Recorder recorder = readAll(reader, Arrays.copyOf(mht.bytes(), cut));
    var e = assertThrows(MultipartException.class, () -> reader.finish(recorder));
    assertEquals("truncated multipart body: no closing boundary after " + mht.payload().length
        + " payload bytes of part 1", e.getMessage());

    for (int missing : new int[] {1, 2}) {
      MultipartReader cutLate = new MultipartReader(null, LIMIT);
      readAll(cutLate, Arrays.copyOf(mht.bytes(), mht.bytes().length - missing));
      var late = assertThrows(MultipartException.class, () -> cutLate.finish(recorder));
      assertEquals("truncated multipart body: no closing boundary after part 1", late.getMessage());
    }
  }

  @Test
  void finishReportsAnEmptyBody() {
    var e = assertThrows(MultipartException.class,
        () -> new MultipartReader(null, LIMIT).finish(new Recorder()));
    assertEquals("empty multipart body", e.getMessage());
  }

  @Test
  void finishReportsAKnownBoundaryThatNeverAppears() throws Exception {
    Mht mht = firstFrame();
    MultipartReader reader = new MultipartReader("other", LIMIT);
    Recorder recorder = readAll(reader, mht.bytes());
    var e = assertThrows(MultipartException.class, () -> reader.finish(recorder));
    assertEquals("truncated multipart body: no delimiter \"--other\" in " + mht.bytes().length
        + " bytes", e.getMessage());
    assertEquals(List.of(), recorder.events);
  }

  @Test
  void rejectsABodyThatIsNotMultipart() {
    for (String body : List.of("<html><body>404</body></html>", "{\"errors\":[]}", "\r\n--b\r\n",
        "-x", "--\r\n", "--" + "x".repeat(300))) {
      var e = assertThrows(MultipartException.class,
          () -> feed(new MultipartReader(null, LIMIT), body, new Recorder()), body);
      assertTrue(e.getMessage().startsWith("body is not multipart"), e.getMessage());
    }
  }

  @Test
  void rejectsADeclaredBoundaryThatIsOnlyAPrefixOfTheBodysOne() throws Exception {
    Mht mht = firstFrame();
    var e = assertThrows(MultipartException.class,
        () -> readAll(new MultipartReader("BOUNDARY", LIMIT), mht.bytes()));
    assertEquals("unexpected byte 0x5f after the delimiter \"--BOUNDARY\" before part 1",
        e.getMessage());
  }

  @Test
  void rejectsAPartLargerThanTheLimit() throws Exception {
    byte[] body = ascii("--b\r\n\r\n0123456789\r\n--b--");
    assertEquals("0123456789", readAll(new MultipartReader(null, 10), body).text());
    var e = assertThrows(MultipartException.class,
        () -> readAll(new MultipartReader(null, 9), body));
    assertEquals("part 1 is larger than the limit of 9 bytes", e.getMessage());

    Mht mht = firstFrame();
    var real = assertThrows(MultipartException.class,
        () -> readAll(new MultipartReader(null, 100_000), mht.bytes()));
    assertTrue(real.getMessage().contains("limit of 100000 bytes"), real.getMessage());
  }

  @Test
  void rejectsAHeaderLineWithoutAColon() {
    var e = assertThrows(MultipartException.class,
        () -> readAll(new MultipartReader(null, LIMIT), ascii("--b\r\nnot a header\r\n\r\nx\r\n--b--")));
    assertEquals("malformed header line in part 1: \"not a header\"", e.getMessage());
  }

  @Test
  void refusesMoreInputAfterAnError() {
    MultipartReader reader = new MultipartReader(null, LIMIT);
    Recorder recorder = new Recorder();
    assertThrows(MultipartException.class, () -> feed(reader, "<html>", recorder));
    assertThrows(IllegalStateException.class, () -> feed(reader, "--b\r\n", recorder));
  }

  @Test
  void refusesAnUnusableBoundaryOrLimit() {
    assertThrows(IllegalArgumentException.class, () -> new MultipartReader("", LIMIT));
    assertThrows(IllegalArgumentException.class, () -> new MultipartReader("a\r\nb", LIMIT));
    assertThrows(IllegalArgumentException.class, () -> new MultipartReader("b", 0));
  }

  @Test
  void readsA30MegabyteBodyFedIn64KiBChunksWithoutPerByteCallbacks() throws IOException {
    byte[] payload = new byte[30 << 20];
    new Random(42).nextBytes(payload);
    assertReadsIn64KiBChunksWithoutPerByteCallbacks(payload);
  }

  @Test
  void deliversANearMissDelimiterPayloadWithoutPerByteCallbacks() throws IOException {
    // Each piece differs from the delimiter only in its second-to-last byte: every window compares.
    byte[] piece = ascii("\r\n--" + BIG_BOUNDARY.substring(0, BIG_BOUNDARY.length() - 2) + "?"
        + BIG_BOUNDARY.charAt(BIG_BOUNDARY.length() - 1));
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    while (payload.size() < 30 << 20) {
      payload.write(piece, 0, piece.length);
    }
    assertReadsIn64KiBChunksWithoutPerByteCallbacks(payload.toByteArray());
  }

  private static final String BIG_BOUNDARY = "BOUNDARY_ab1adc49-8bc4-4a51-ba3d-817f55a7e175";

  private static void assertReadsIn64KiBChunksWithoutPerByteCallbacks(byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 200);
    out.writeBytes(ascii("--" + BIG_BOUNDARY + "\r\nContent-Type: image/jphc\r\n\r\n"));
    out.writeBytes(payload);
    out.writeBytes(ascii("\r\n--" + BIG_BOUNDARY + "--"));
    byte[] body = out.toByteArray();
    Recorder recorder = new Recorder();
    int chunk = 64 << 10;
    MultipartReader reader = new MultipartReader(null, LIMIT);
    for (int off = 0; off < body.length; off += chunk) {
      reader.feed(body, off, Math.min(chunk, body.length - off), recorder);
    }
    reader.finish(recorder);
    assertEquals(ONE_PART, recorder.events);
    assertTrue(recorder.payloadEquals(payload), "payload differs");
    // Held-back bytes can add at most one delivery per chunk: no per-byte callbacks.
    assertTrue(recorder.dataCalls <= 2 * (body.length / chunk + 1), recorder.dataCalls + " deliveries");
  }

  private static void assertSplitAtEveryOffsetGivesThePayload(Mht mht, String boundary)
      throws IOException {
    Map<String, String> headers = Map.of("content-type", mht.contentType());
    Recorder recorder = new Recorder();
    for (int split = 0; split <= mht.bytes().length; split++) {
      recorder.clear();
      MultipartReader reader = new MultipartReader(boundary, LIMIT);
      reader.feed(mht.bytes(), 0, split, recorder);
      reader.feed(mht.bytes(), split, mht.bytes().length - split, recorder);
      reader.finish(recorder);
      if (!recorder.events.equals(ONE_PART)
          || !recorder.headers.equals(List.of(headers))
          || !recorder.payloadEquals(mht.payload())) {
        fail("split at byte " + split + " of " + mht.path() + ": events " + recorder.events
            + ", headers " + recorder.headers + ", " + recorder.size + " payload bytes, expected "
            + mht.payload().length);
      }
    }
  }

  private static void assertCodestreamBounds(byte[] payload, int secondMarkerByte, String what) {
    int n = payload.length;
    assertTrue(n > 4 && (payload[0] & 0xFF) == 0xFF && (payload[1] & 0xFF) == secondMarkerByte
        && (payload[n - 2] & 0xFF) == 0xFF && (payload[n - 1] & 0xFF) == 0xD9, what);
  }

  private static Mht firstFrame() {
    return StaticDicomWebFixtures.read(Fixtures.frameFiles("frames").getFirst());
  }

  /** Feeds what a server honouring {@code Range} answers: the range is over the whole body. */
  private static void feedRange(MultipartReader reader, byte[] body, String range, Recorder recorder)
      throws IOException {
    String[] bounds = range.substring("bytes=".length()).split("-", -1);
    int first = Integer.parseInt(bounds[0]);
    int last = bounds[1].isEmpty() ? body.length - 1 : Math.min(Integer.parseInt(bounds[1]), body.length - 1);
    reader.feed(body, first, last - first + 1, recorder);
  }

  private static Recorder readAll(MultipartReader reader, byte[] body) throws IOException {
    Recorder recorder = new Recorder();
    reader.feed(body, 0, body.length, recorder);
    return recorder;
  }

  private static Recorder readInTwo(MultipartReader reader, byte[] body, int split)
      throws IOException {
    Recorder recorder = new Recorder();
    reader.feed(body, 0, split, recorder);
    reader.feed(body, split, body.length - split, recorder);
    return recorder;
  }

  private static void feed(MultipartReader reader, String text, Recorder recorder)
      throws IOException {
    byte[] b = ascii(text);
    reader.feed(b, 0, b.length, recorder);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(ISO_8859_1);
  }

  /** Records what a reader reports; reusable without reallocating its payload buffer. */
  private static final class Recorder implements PartListener {
    final List<String> events = new ArrayList<>();
    final List<Map<String, String>> headers = new ArrayList<>();
    final List<Integer> partEnds = new ArrayList<>();
    byte[] data = new byte[1 << 16];
    int size;
    int dataCalls;

    void clear() {
      events.clear();
      headers.clear();
      partEnds.clear();
      size = 0;
      dataCalls = 0;
    }

    @Override
    public void partStarted(Map<String, String> partHeaders) {
      events.add("partStarted");
      headers.add(partHeaders);
    }

    @Override
    public void partData(byte[] b, int off, int len) {
      if (len <= 0) {
        throw new AssertionError("partData with " + len + " bytes");
      }
      if (size + len > data.length) {
        data = Arrays.copyOf(data, Math.max(2 * data.length, size + len));
      }
      System.arraycopy(b, off, data, size, len);
      size += len;
      dataCalls++;
    }

    @Override
    public void partEnded() {
      events.add("partEnded");
      partEnds.add(size);
    }

    @Override
    public void bodyEnded() {
      events.add("bodyEnded");
    }

    byte[] part(int index) {
      int start = index == 0 ? 0 : partEnds.get(index - 1);
      return Arrays.copyOfRange(data, start, partEnds.get(index));
    }

    String text() {
      return new String(data, 0, size, ISO_8859_1);
    }

    boolean payloadEquals(byte[] expected) {
      return Arrays.equals(data, 0, size, expected, 0, expected.length);
    }
  }
}
