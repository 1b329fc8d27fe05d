package org.weasis.progressive.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameBodyTest {
  private static final URI URL = URI.create("http://127.0.0.1/studies/1/series/2/instances/3/frames/1");
  private static final int BUDGET = 1024 * 1024;
  /** A 200 without Content-Length: the buffer follows the bytes as they come. */
  private static final DicomWebClient.FrameResponse UNDECLARED =
      new DicomWebClient.FrameResponse(200, URL, "application/octet-stream", null, -1);

  @Test
  void aGrowingBufferHoldsOnlyItsCurrentArrayOnceTheCopyIsDone() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);
    body.begin(UNDECLARED, false);

    append(body, 300 * 1024);

    assertEquals(300 * 1024, body.payloadLength());
    assertEquals(512 * 1024, budget.held(), "the 512 KiB array alone, the arrays it was copied from given back");
  }

  @Test
  void aFrameAloneInTheBudgetStopsAtHalfOfItSinceItsOldArrayCountsWhileCopied() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);
    body.begin(UNDECLARED, false);
    append(body, BUDGET / 2);

    IOException refused = assertThrows(IOException.class, () -> body.append(new byte[1], 0, 1));

    assertTrue(refused.getMessage().contains("needs " + (BUDGET / 2 + 1) + " more bytes, over the load's budget of "
        + BUDGET + " bytes"), refused.getMessage());
    assertEquals(0, budget.held(), "the refused frame dropped its bytes");
    assertEquals(0, body.payloadLength());
  }

  @Test
  void aDeclaredLengthWithinWhatAFrameGrowsToSizesNoBuffer() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);

    body.begin(declared(BUDGET / 2), false);
    append(body, 200);

    assertEquals(16 * 1024, budget.held(), "the first 16 KiB array, not the declared half megabyte");
  }

  @ParameterizedTest
  @ValueSource(longs = {1000, 40_000, BUDGET, 1_500_000, 3_000_000})
  void aFrameOfTheLargestSizeGrowsToItsEndAloneInTheBudgetAndNoLargerOneDoes(long limit) throws IOException {
    long largest = FrameBody.largestFrame(limit);
    assertTrue(largest >= limit / 2 && largest <= limit, largest + " of " + limit);

    LoadBudget fits = new LoadBudget(limit);
    FrameBody whole = new FrameBody(URL, Long.MAX_VALUE, fits);
    whole.begin(declared(largest), false);
    append(whole, largest);
    assertEquals(largest, whole.payloadLength());

    LoadBudget undeclared = new LoadBudget(limit);
    FrameBody growing = new FrameBody(URL, Long.MAX_VALUE, undeclared);
    growing.begin(UNDECLARED, false);
    assertThrows(IOException.class, () -> append(growing, largest + 1), "one byte more fails while growing");
    assertEquals(0, undeclared.held());
  }

  @Test
  void aFrameDeclaredLargerThanAFrameGrowsToIsRefusedBeforeAnyByteAndNotAskedForAgain() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);

    IOException refused = assertThrows(IOException.class, () -> body.begin(declared(BUDGET / 2 + 1), false));

    assertTrue(refused.getMessage().contains("is declared " + (BUDGET / 2 + 1) + " bytes, over the load's budget of "
        + BUDGET + " bytes for one frame: a frame grows to " + BUDGET / 2 + " bytes at most"), refused.getMessage());
    assertEquals(0, budget.held());
    assertTrue(assertThrows(IOException.class, body::checkNotRefused).getMessage().contains("not asked for again"));
  }

  @Test
  void aPartDeclaringMoreThanAFrameGrowsToIsRefusedAtItsHeaders() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);
    body.begin(new DicomWebClient.FrameResponse(200, URL, "multipart/related; boundary=b", null, -1), false);
    byte[] head = ("--b\r\nContent-Type: application/octet-stream\r\nContent-Length: 600000\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);

    IOException refused = assertThrows(IOException.class, () -> body.append(head, 0, head.length));

    assertTrue(refused.getMessage().contains("is declared 600000 bytes"), refused.getMessage());
    assertEquals(0, body.payloadLength());
    assertEquals(0, budget.held());
  }

  private static DicomWebClient.FrameResponse declared(long length) {
    return new DicomWebClient.FrameResponse(200, URL, "application/octet-stream", null, length);
  }

  private static void append(FrameBody body, long bytes) throws IOException {
    byte[] chunk = new byte[8 * 1024];
    for (long left = bytes; left > 0; left -= chunk.length) {
      body.append(chunk, 0, (int) Math.min(left, chunk.length));
    }
  }
}
