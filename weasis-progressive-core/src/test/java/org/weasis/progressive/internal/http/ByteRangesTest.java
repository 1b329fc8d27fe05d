package org.weasis.progressive.internal.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.internal.http.ByteRanges.ContentRange;

class ByteRangesTest {
  private static final int CHUNK = 65536;

  @Test
  void firstChunkAsksForTheFirstChunkSizeBytes() {
    assertEquals("bytes=0-65535", ByteRanges.rangeHeader(0, 0, CHUNK));
  }

  @Test
  void secondChunkStartsWhereTheBytesAlreadyReceivedEnd() {
    assertEquals("bytes=65536-131071", ByteRanges.rangeHeader(65536, 1, CHUNK));
    // A server that answered the first range short: ask again from what really arrived.
    assertEquals("bytes=1000-131071", ByteRanges.rangeHeader(1000, 1, CHUNK));
    assertEquals("bytes=1000-65535", ByteRanges.rangeHeader(1000, 0, CHUNK));
  }

  @Test
  void restAsksFromTheBytesAlreadyReceivedToTheEnd() {
    assertEquals("bytes=131072-", ByteRanges.rangeHeader(131072, -1, CHUNK));
    assertEquals("bytes=0-", ByteRanges.rangeHeader(0, -1, 0));
  }

  @Test
  void asksForNothingWhenTheChunkIsAlreadyIn() {
    assertNull(ByteRanges.rangeHeader(65536, 0, CHUNK));
    assertNull(ByteRanges.rangeHeader(200_000, 1, CHUNK));
    assertEquals("bytes=65535-65535", ByteRanges.rangeHeader(65535, 0, CHUNK));
  }

  @Test
  void asksForTheRestWhenLessThanAChunkWouldBeLeftAsCornerstoneDoes() {
    assertEquals("bytes=65536-", ByteRanges.rangeHeader(65536, 1, CHUNK, 100_000));
    assertEquals("bytes=65536-131071", ByteRanges.rangeHeader(65536, 1, CHUNK, 200_000));
    assertEquals("bytes=0-65535", ByteRanges.rangeHeader(0, 0, CHUNK, 100_000));
    assertNull(ByteRanges.rangeHeader(70_000, 0, CHUNK, 100_000), "chunk 0 is already in");
  }

  @Test
  void computesFarChunkEndsInLongArithmetic() {
    assertEquals("bytes=0-11811160063", ByteRanges.rangeHeader(0, 10, 1 << 30));
    assertEquals("bytes=5000000000-" + (2147483647L * 2147483647L - 1),
        ByteRanges.rangeHeader(5_000_000_000L, Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
  }

  @Test
  void refusesImpossibleRangeRequests() {
    assertThrows(IllegalArgumentException.class, () -> ByteRanges.rangeHeader(-1, 0, CHUNK));
    assertThrows(IllegalArgumentException.class, () -> ByteRanges.rangeHeader(0, -2, CHUNK));
    assertThrows(IllegalArgumentException.class, () -> ByteRanges.rangeHeader(0, 0, 0));
  }

  @Test
  void parsesContentRangesWithAKnownOrUnknownTotal() {
    assertEquals(new ContentRange(0, 65535, 200000), ContentRange.parse("bytes 0-65535/200000"));
    assertEquals(new ContentRange(0, 9, -1), ContentRange.parse("bytes 0-9/*"));
    assertEquals(new ContentRange(65536, 153390, 153391),
        ContentRange.parse("  Bytes 65536-153390/153391 "));
    assertEquals(65536, ContentRange.parse("bytes 0-65535/200000").length());
  }

  @Test
  void rejectsMalformedContentRangesNamingTheHeaderValue() {
    for (String value : Arrays.asList("bytes 9-0/100", "bytes 0-100/100", "bytes 0-200/100",
        "0-9/100", "items 0-9/100", "bytes0-9/100", "garbage", "", "bytes -1-9/100", "bytes 0--9/100",
        "bytes 0-9/-100", "bytes */100", "bytes 0-9/100x", "bytes 0-9", "bytes 0-99999999999999999999/*",
        "bytes ０-9/100", null)) {
      var e = assertThrows(IllegalArgumentException.class, () -> ContentRange.parse(value), value);
      assertTrue(e.getMessage().contains("\"" + value + "\""), e.getMessage());
    }
  }

  @Test
  void acceptsARangeThatContinuesTheBytesAlreadyIn() {
    assertDoesNotThrow(() -> ByteRanges.checkContinues(new ContentRange(65536, 131071, 153391), 65536, -1));
    assertDoesNotThrow(
        () -> ByteRanges.checkContinues(new ContentRange(65536, 131071, 153391), 65536, 153391));
    assertDoesNotThrow(() -> ByteRanges.checkContinues(new ContentRange(65536, 131071, -1), 65536, 153391));
  }

  @Test
  void rejectsARangeThatDoesNotStartAtTheBytesAlreadyIn() {
    var e = assertThrows(IOException.class,
        () -> ByteRanges.checkContinues(new ContentRange(0, 65535, 153391), 65536, 153391));
    assertEquals("206 answer starts at byte 0 but 65536 bytes are already in: it does not continue them",
        e.getMessage());
    assertThrows(IOException.class,
        () -> ByteRanges.checkContinues(new ContentRange(70000, 80000, 153391), 65536, 153391));
  }

  @Test
  void rejectsARangeThatContradictsTheKnownTotal() {
    var total = assertThrows(IOException.class,
        () -> ByteRanges.checkContinues(new ContentRange(65536, 131071, 200000), 65536, 153391));
    assertEquals("206 answer gives a total of 200000 bytes but an earlier answer gave 153391",
        total.getMessage());
    var past = assertThrows(IOException.class,
        () -> ByteRanges.checkContinues(new ContentRange(65536, 160000, -1), 65536, 153391));
    assertEquals("206 answer ends at byte 160000, past the known total of 153391 bytes", past.getMessage());
  }
}
