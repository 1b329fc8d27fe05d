package org.weasis.progressive.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

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
  void aDeclaredLengthWithinTheBudgetSizesNoBuffer() throws IOException {
    LoadBudget budget = new LoadBudget(BUDGET);
    FrameBody body = new FrameBody(URL, Long.MAX_VALUE, budget);

    body.begin(new DicomWebClient.FrameResponse(200, URL, "application/octet-stream", null, BUDGET), false);
    append(body, 200);

    assertEquals(16 * 1024, budget.held(), "the first 16 KiB array, not the declared megabyte");
  }

  private static void append(FrameBody body, int bytes) throws IOException {
    byte[] chunk = new byte[8 * 1024];
    for (int left = bytes; left > 0; left -= chunk.length) {
      body.append(chunk, 0, Math.min(left, chunk.length));
    }
  }
}
