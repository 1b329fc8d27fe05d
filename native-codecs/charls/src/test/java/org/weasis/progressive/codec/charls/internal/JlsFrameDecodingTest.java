package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.lang.management.ManagementFactory;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weasis.progressive.testsupport.charls.CharlsEncoder;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoding;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.testsupport.charls.ffm.InterleaveMode;
import org.weasis.progressive.testsupport.charls.RestartIntervals;

/** Decoding line by line while the bytes arrive gives what the whole decode gives, and fails where it fails. */
class JlsFrameDecodingTest {
  private static final CharlsEncoder ENCODER = CharlsEncoder.create();
  private static final JpegLsFrameDecoder DECODER = new JpegLsFrameDecoder();

  record Encoded(String name, TestImage image, byte[] data) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Encoded> frames() throws Exception {
    TestImage grey8 = TestImage.generate(1, 301, 97, 1, 8, true);
    TestImage grey12 = TestImage.generate(2, 515, 301, 1, 12, false);
    TestImage grey16 = TestImage.blocks(3, 257, 129, 1, 16);
    TestImage colour = TestImage.generate(4, 67, 45, 3, 8, false);
    return Stream.of(
        new Encoded("8-bit signed", grey8, ENCODER.encode(grey8.bytes(), 301, 97, 8, 1, 0)),
        new Encoded("12-bit", grey12, ENCODER.encode(grey12.shorts(), 515, 301, 12, 1, 0)),
        new Encoded("12-bit NEAR 2", grey12, ENCODER.encode(grey12.shorts(), 515, 301, 12, 1, 2)),
        new Encoded("16-bit blocks", grey16, ENCODER.encode(grey16.shorts(), 257, 129, 16, 1, 0)),
        new Encoded("colour by sample", colour, ENCODER.encode(colour.bytes(), 67, 45, 8, 3, 0, InterleaveMode.SAMPLE)),
        new Encoded("colour by line", colour, ENCODER.encode(colour.bytes(), 67, 45, 8, 3, 0, InterleaveMode.LINE)),
        new Encoded("colour, one scan each", colour,
            ENCODER.encode(colour.bytes(), 67, 45, 8, 3, 0, InterleaveMode.NONE)),
        new Encoded("16-bit, restart every 9 lines", grey16,
            RestartIntervals.encode(ENCODER, grey16.shorts(), 257, 129, 16, 1, 0, InterleaveMode.NONE, 9)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void decodingWhileTheBytesArriveGivesWhatTheWholeDecodeGives(Encoded frame) throws Exception {
    DecodedFrame whole = DECODER.decode(ByteBuffer.wrap(frame.data()), request(frame.image()));
    for (int chunk : new int[] {61, 1000, 16_384}) {
      DecodedFrame streamed = decodeInChunks(frame, chunk);

      assertArrayEquals(samples(whole.raster().samples()), samples(streamed.raster().samples()),
          frame + " in chunks of " + chunk);
      assertEquals(whole.lossless(), streamed.lossless());
      assertEquals(whole.decodeLevel(), streamed.decodeLevel());
    }
  }

  /**
   * The engine hands over the frame body as it grows: a read-only view of an array that is replaced by
   * one twice as big when full. The decoder reads each view where it is; the old arrays are scribbled
   * over once replaced, so a decoder that kept one (or assumed the view starts its array) decodes garbage.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void decodingReadsEachCallsBytesWhereTheyAreWhileTheBodyMovesToBiggerArrays(Encoded frame) throws Exception {
    DecodedFrame whole = DECODER.decode(ByteBuffer.wrap(frame.data()), request(frame.image()));
    byte[] data = frame.data();
    int lead = 7; // the payload does not start its array
    byte[] body = new byte[lead + 256];
    FrameDecoding decoding = DECODER.startDecoding(request(frame.image()));

    for (int end = 97; end < data.length; end += 97 + end / 5) {
      if (lead + end > body.length) {
        byte[] bigger = Arrays.copyOf(body, Math.max(lead + end, body.length * 2));
        Arrays.fill(body, (byte) 0xFF);
        body = bigger;
      }
      System.arraycopy(data, 0, body, lead, end);
      decoding.advance(ByteBuffer.wrap(body, lead, end).slice().asReadOnlyBuffer());
    }
    byte[] last = new byte[lead + data.length];
    System.arraycopy(data, 0, last, lead, data.length);
    Arrays.fill(body, (byte) 0xFF);
    DecodedFrame streamed = decoding.finish(ByteBuffer.wrap(last, lead, data.length).asReadOnlyBuffer());

    assertArrayEquals(samples(whole.raster().samples()), samples(streamed.raster().samples()), frame.name());
    assertEquals(whole.lossless(), streamed.lossless());
  }

  /**
   * The received body is counted in the load's byte budget; a copy of it by the decoder is not. Measured
   * as bytes allocated by this thread (not time): once the decoder has started, the rest of the frame's
   * bytes go through it allocating a small fraction of their size (a copy that grows would be all of it).
   */
  @Test
  void decodingWhileTheBytesArriveAllocatesNoCopyOfThem() throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "this JVM measures the bytes a thread allocates");
    TestImage image = TestImage.generate(8, 1024, 1024, 1, 12, false);
    byte[] data = ENCODER.encode(image.shorts(), 1024, 1024, 12, 1, 0);
    JlsFrameDecoding decoding = (JlsFrameDecoding) DECODER.startDecoding(request(image));
    int chunk = 8192;
    decoding.advance(readOnlyPrefix(data, 4 * chunk));
    assertTrue(decoding.decodedRows() > 0, "the first call set the decoder up and decoded some rows");
    List<ByteBuffer> prefixes = new ArrayList<>();
    for (int end = 5 * chunk; end < data.length; end += chunk) {
      prefixes.add(readOnlyPrefix(data, end));
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (ByteBuffer prefix : prefixes) {
      decoding.advance(prefix);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertTrue(allocated < data.length / 8, allocated + " bytes allocated while " + data.length
        + " bytes of frame arrived in " + prefixes.size() + " calls");
    assertTrue(decoding.decodedRows() >= 1024 * 9 / 10, "rows decoded: " + decoding.decodedRows());
    assertEquals(0, image.maxError(decoding.finish(readOnlyPrefix(data, data.length)).raster()));
  }

  @Test
  void fewerBytesThanTheLastCallAreRefusedRatherThanReadAsTheSameBody() throws Exception {
    TestImage image = TestImage.generate(9, 515, 301, 1, 12, false);
    byte[] data = ENCODER.encode(image.shorts(), 515, 301, 12, 1, 0);
    FrameDecoding decoding = DECODER.startDecoding(request(image));
    decoding.advance(ByteBuffer.wrap(data, 0, data.length / 2));

    DecodeException shrunk = assertThrows(DecodeException.class,
        () -> decoding.advance(ByteBuffer.wrap(data, 0, data.length / 4)));

    assertTrue(shrunk.getMessage().contains("shrank from " + data.length / 2), shrunk.getMessage());
  }

  @Test
  void mostLinesAreDecodedBeforeTheLastByteArrives() throws Exception {
    TestImage image = TestImage.generate(5, 515, 301, 1, 16, false);
    byte[] data = ENCODER.encode(image.shorts(), 515, 301, 16, 1, 0);
    JlsFrameDecoding decoding = (JlsFrameDecoding) DECODER.startDecoding(request(image));

    for (int end = 4096; end < data.length * 9 / 10; end += 4096) {
      decoding.advance(ByteBuffer.wrap(data, 0, end));
    }

    assertTrue(decoding.decodedRows() >= 301 * 8 / 10, "rows decoded with 90 % of the bytes: "
        + decoding.decodedRows());
    assertEquals(0, image.maxError(decoding.finish(ByteBuffer.wrap(data)).raster()));
  }

  @Test
  void aTruncatedFrameFailsAtItsEndWithTheWholeDecodesMessage() throws Exception {
    TestImage image = TestImage.generate(6, 515, 301, 1, 12, false);
    byte[] data = Arrays.copyOf(ENCODER.encode(image.shorts(), 515, 301, 12, 1, 0), 20_000);
    DecodeException whole = assertThrows(DecodeException.class,
        () -> DECODER.decode(ByteBuffer.wrap(data), request(image)));

    DecodeException streamed = assertThrows(DecodeException.class,
        () -> decodeInChunks(new Encoded("cut", image, data), 1000));

    assertEquals(whole.getMessage(), streamed.getMessage());
  }

  @Test
  void garbageInTheMiddleIsRefusedWhileTheBytesArriveOrAtTheEnd() throws Exception {
    TestImage image = TestImage.generate(7, 515, 301, 1, 12, false);
    byte[] data = ENCODER.encode(image.shorts(), 515, 301, 12, 1, 0);
    Arrays.fill(data, data.length / 3, data.length / 3 + 500, (byte) 0x7F);
    assertThrows(DecodeException.class, () -> DECODER.decode(ByteBuffer.wrap(data), request(image)));

    assertThrows(DecodeException.class, () -> decodeInChunks(new Encoded("garbage", image, data), 1000));
  }

  /** Orthanc 1.10 pads an odd JPEG-LS frame to even length with a byte it leaves uninitialised. */
  @Test
  void anOddFramePaddedWithANonZeroByteDecodesWholeAndWhileTheBytesArrive() throws Exception {
    TestImage image = null;
    byte[] data = new byte[0];
    for (int seed = 20; data.length % 2 == 0; seed++) {
      image = TestImage.generate(seed, 515, 301, 1, 12, false);
      data = ENCODER.encode(image.shorts(), 515, 301, 12, 1, 0);
    }
    byte[] padded = Arrays.copyOf(data, data.length + 1);
    padded[data.length] = (byte) 0xC0;

    assertEquals(0, image.maxError(DECODER.decode(ByteBuffer.wrap(padded), request(image)).raster()));
    assertEquals(0, image.maxError(decodeInChunks(new Encoded("padded", image, padded), 1000).raster()));
  }

  private static DecodedFrame decodeInChunks(Encoded frame, int chunk) throws DecodeException {
    FrameDecoding decoding = DECODER.startDecoding(request(frame.image()));
    for (int end = chunk; end < frame.data().length; end += chunk) {
      decoding.advance(ByteBuffer.wrap(frame.data(), 0, end));
    }
    return decoding.finish(ByteBuffer.wrap(frame.data()));
  }

  /** What the engine hands over: a read-only view of the body received so far. */
  private static ByteBuffer readOnlyPrefix(byte[] data, int end) {
    return ByteBuffer.wrap(data, 0, end).slice().asReadOnlyBuffer();
  }

  private static DecodeRequest request(TestImage image) {
    return new DecodeRequest(TransferSyntax.JPEG_LS_LOSSLESS, image.pixels(), 0, true);
  }

  private static int[] samples(Buffer buffer) {
    if (buffer instanceof ShortBuffer s) {
      int[] out = new int[s.remaining()];
      for (int i = 0; i < out.length; i++) {
        out[i] = s.get(s.position() + i);
      }
      return out;
    }
    ByteBuffer b = (ByteBuffer) buffer;
    int[] out = new int[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(b.position() + i);
    }
    return out;
  }
}
