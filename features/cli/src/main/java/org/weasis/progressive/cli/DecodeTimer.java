package org.weasis.progressive.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.FrameDecoder;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.TransferSyntax;

/**
 * Times, away from any load, the decode that produced a delivered version — the same bytes with the same
 * decoder — because the first-image target allows exactly that decode time on top of the wire time.
 */
final class DecodeTimer {
  private static final int RUNS = 3;
  private static final String CONTENT_TYPE = "Content-Type:";

  private final List<FrameDecoder> decoders;

  DecodeTimer(List<FrameDecoder> decoders) {
    this.decoders = List.copyOf(decoders);
  }

  /**
   * Median milliseconds to decode what the first {@code bodyBytes} of the HTTP body of {@code mht} hold:
   * the whole frame at level 0 when they hold all of it, else that prefix at {@code level}.
   */
  double medianMs(Path mht, long bodyBytes, int level, PixelDescription target) throws IOException, DecodeException {
    byte[] body = Files.readAllBytes(mht);
    byte[] payload = FrameFile.unwrap(body);
    int start = payloadStart(body);
    long inPayload = Math.min(payload.length, Math.max(0, bodyBytes - start));
    boolean complete = inPayload == payload.length;
    ByteBuffer data = ByteBuffer.wrap(Arrays.copyOf(payload, (int) inPayload));
    String ts = transferSyntax(body);
    FrameDecoder decoder = decoderFor(ts);
    DecodeRequest request = new DecodeRequest(ts, target, complete ? 0 : level, complete);
    double[] runs = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      decoder.decode(data.duplicate(), request);
      runs[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(runs);
    return runs[RUNS / 2];
  }

  /** Where the frame starts in a single-part body: after the part's header block. */
  static int payloadStart(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    return text.startsWith("--") && end >= 0 ? end + 4 : 0;
  }

  /** The transfer syntax the part's Content-Type names, read as the engine reads it. */
  static String transferSyntax(byte[] body) throws IOException {
    String head = new String(body, 0, payloadStart(body), StandardCharsets.ISO_8859_1);
    String ts = head.lines()
        .filter(line -> line.regionMatches(true, 0, CONTENT_TYPE, 0, CONTENT_TYPE.length()))
        .findFirst()
        .map(line -> TransferSyntax.fromContentType(line.substring(CONTENT_TYPE.length()).strip()))
        .orElse(null);
    if (ts == null) {
      throw new IOException("frame file without a transfer syntax in its part's Content-Type");
    }
    return ts;
  }

  private FrameDecoder decoderFor(String ts) throws IOException {
    return decoders.stream().filter(d -> d.transferSyntaxes().contains(ts)).findFirst()
        .orElseThrow(() -> new IOException("no decoder for transfer syntax " + ts));
  }
}
