package org.weasis.progressive.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.DecodeRequest;
import org.weasis.progressive.api.decoder.DecodedFrame;
import org.weasis.progressive.api.decoder.FrameDecoder;

class DecodersTest {
  private static final String HTJ2K = "1.2.840.10008.1.2.4.201";
  private static final String JLS = "1.2.840.10008.1.2.4.80";

  private final Decoders decoders = new Decoders();

  @Test
  void theHighestServiceRankingWinsWhateverTheOrderOfArrival() throws Exception {
    FrameDecoder codec = new Named(HTJ2K);
    FrameDecoder host = new Named(HTJ2K);
    decoders.add(codec, Map.of("service.id", 5L, "service.ranking", 0));
    decoders.add(host, Map.of("service.id", 9L, "service.ranking", 100));

    assertSame(host, decoders.require(HTJ2K));
  }

  @Test
  void equalRankingsGoToTheLowestServiceId() throws Exception {
    FrameDecoder older = new Named(HTJ2K);
    FrameDecoder newer = new Named(HTJ2K);
    decoders.add(newer, Map.of("service.id", 12L));
    decoders.add(older, Map.of("service.id", 7L));

    assertSame(older, decoders.require(HTJ2K));
  }

  @Test
  void removingTheWinnerFallsBackToTheNextDecoderOfThatSyntax() throws Exception {
    FrameDecoder codec = new Named(HTJ2K);
    FrameDecoder host = new Named(HTJ2K);
    decoders.add(codec, Map.of("service.id", 5L));
    decoders.add(host, Map.of("service.id", 9L, "service.ranking", 100));

    decoders.remove(host);

    assertSame(codec, decoders.require(HTJ2K));
  }

  @Test
  void theTransferSyntaxPropertyDecidesWhatAServiceIsUsedFor() throws Exception {
    FrameDecoder both = new Named(HTJ2K, JLS);
    decoders.add(both, Map.of("service.id", 3L, FrameDecoder.TRANSFER_SYNTAX, new String[] {JLS}));

    assertSame(both, decoders.require(JLS));
    DecodeException e = assertThrows(DecodeException.class, () -> decoders.require(HTJ2K));
    assertEquals(HTJ2K + ": no decoder is installed for this transfer syntax (installed: [" + JLS + "])",
        e.getMessage());
  }

  @Test
  void aRankingThatIsNotAnIntegerCountsAsZeroAsInOsgi() throws Exception {
    FrameDecoder first = new Named(HTJ2K);
    FrameDecoder stringRanked = new Named(HTJ2K);
    decoders.add(first, Map.of("service.id", 1L, FrameDecoder.TRANSFER_SYNTAX, HTJ2K));
    decoders.add(stringRanked, Map.of("service.id", 2L, "service.ranking", "100"));

    assertSame(first, decoders.require(HTJ2K));
  }

  @Test
  void withoutServicePropertiesTheFirstDecoderAddedWinsForItsOwnSyntaxes() throws Exception {
    FrameDecoder first = new Named(HTJ2K);
    FrameDecoder second = new Named(HTJ2K, JLS);
    decoders.add(first);
    decoders.add(second);

    assertSame(first, decoders.require(HTJ2K));
    assertSame(second, decoders.require(JLS));
  }

  /** A decoder that only names its transfer syntaxes; the registry never decodes. */
  private record Named(Set<String> transferSyntaxes) implements FrameDecoder {
    Named(String... syntaxes) {
      this(Set.of(syntaxes));
    }

    @Override
    public boolean supportsReducedResolution() {
      return false;
    }

    @Override
    public boolean supportsPartialData() {
      return false;
    }

    @Override
    public int decodableLevel(ByteBuffer data, DecodeRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DecodedFrame decode(ByteBuffer data, DecodeRequest request) {
      throw new UnsupportedOperationException();
    }
  }
}
