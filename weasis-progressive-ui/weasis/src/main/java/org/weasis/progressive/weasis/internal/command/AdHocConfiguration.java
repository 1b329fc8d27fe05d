package org.weasis.progressive.weasis.internal.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

/**
 * The retrieve configuration of a URL that no stored node describes: Cornerstone3D's interleaved stages,
 * with options that are safe on any server. The bare preset fetches whole frames, which is not
 * progressive; here HTJ2K frames stream their first stage and take a 16 KiB range then the rest for
 * the others (a server that ignores Range answers the whole frame, which the engine takes as final).
 * Other syntaxes load whole: alternate paths such as {@code /jlsThumbnail/} exist only on some
 * servers, and a stored node can say so.
 */
public final class AdHocConfiguration {
  static final int FAST_CHUNK = 16384;
  private static final List<String> HTJ2K = List.of(TransferSyntax.HTJ2K_LOSSLESS,
      TransferSyntax.HTJ2K_LOSSLESS_RPCL, TransferSyntax.HTJ2K, TransferSyntax.HTJ2K_PRIVATE);

  private AdHocConfiguration() {}

  public static RetrieveConfiguration interleaved() {
    RetrieveOptions streamed = options(true, null, null);
    RetrieveOptions firstChunk = options(null, 0, FAST_CHUNK);
    RetrieveOptions rest = options(null, -1, null);
    return RetrieveConfiguration.interleaved().withRetrieveOptions(Map.of(
        "default", forHtj2k(streamed),
        "multipleFast", forHtj2k(firstChunk),
        "multipleFinal", forHtj2k(rest),
        "singleFast", forHtj2k(firstChunk),
        "singleFinal", forHtj2k(rest)));
  }

  private static RetrieveOptions options(Boolean streaming, Integer rangeIndex, Integer chunkSize) {
    return new RetrieveOptions(null, null, null, null, null, streaming, rangeIndex, chunkSize, null);
  }

  /** Whole frames, except for HTJ2K frames, which take {@code htj2k}. */
  private static RetrieveOptions forHtj2k(RetrieveOptions htj2k) {
    Map<String, RetrieveOptions> bySyntax = new HashMap<>();
    HTJ2K.forEach(ts -> bySyntax.put(ts, htj2k));
    return new RetrieveOptions(null, null, null, null, null, null, null, null, bySyntax);
  }
}
