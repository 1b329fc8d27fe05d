package org.weasis.progressive.internal.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.weasis.progressive.api.decoder.DecodeException;
import org.weasis.progressive.api.decoder.FrameDecoder;

/**
 * The frame decoders available now; codec bundles come and go at run time. For a transfer syntax the
 * decoder of highest {@code service.ranking} wins, ties going to the lowest {@code service.id}, as OSGi
 * orders services: so a host replaces a codec by registering a higher-ranked decoder, and the next one
 * takes over when it goes.
 */
public final class Decoders {
  private static final String SERVICE_RANKING = "service.ranking";
  private static final String SERVICE_ID = "service.id";
  private static final Comparator<Candidate> PREFERRED =
      Comparator.comparingInt(Candidate::ranking).reversed().thenComparingLong(Candidate::id);

  /**
   * One decoder and what its registration says.
   *
   * @param syntaxes the {@value FrameDecoder#TRANSFER_SYNTAX} property, else the decoder's own list
   */
  private record Candidate(FrameDecoder decoder, Set<String> syntaxes, int ranking, long id) {}

  private final List<Candidate> candidates = new CopyOnWriteArrayList<>();
  /** Order of decoders added without a service id (outside OSGi): first added wins a tie. */
  private final AtomicLong added = new AtomicLong();

  /** A decoder outside OSGi: ranking 0, after those added before it. */
  public void add(FrameDecoder decoder) {
    add(decoder, Map.of());
  }

  /** A decoder service with its service properties. */
  public void add(FrameDecoder decoder, Map<String, ?> properties) {
    long id = properties.get(SERVICE_ID) instanceof Long serviceId ? serviceId : added.incrementAndGet();
    // OSGi: a service.ranking that is not an Integer counts as 0.
    int ranking = properties.get(SERVICE_RANKING) instanceof Integer r ? r : 0;
    candidates.add(new Candidate(decoder, syntaxes(decoder, properties.get(FrameDecoder.TRANSFER_SYNTAX)),
        ranking, id));
  }

  public void remove(FrameDecoder decoder) {
    candidates.removeIf(c -> c.decoder() == decoder);
  }

  /** The decoder of a transfer syntax, or an error that says what is missing. */
  public FrameDecoder require(String transferSyntaxUid) throws DecodeException {
    return candidates.stream()
        .filter(c -> c.syntaxes().contains(transferSyntaxUid))
        .min(PREFERRED)
        .orElseThrow(() -> new DecodeException(transferSyntaxUid,
            "no decoder is installed for this transfer syntax (installed: " + installed() + ")"))
        .decoder();
  }

  private List<String> installed() {
    return candidates.stream().flatMap(c -> c.syntaxes().stream()).distinct().sorted().toList();
  }

  private static Set<String> syntaxes(FrameDecoder decoder, Object property) {
    return switch (property) {
      case String one -> Set.of(one);
      case String[] many -> Set.copyOf(Arrays.asList(many));
      case Collection<?> many -> Set.copyOf(many.stream().map(String::valueOf).toList());
      case null, default -> Set.copyOf(decoder.transferSyntaxes());
    };
  }
}
