package org.weasis.progressive.weasis.internal.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

/**
 * The retrieve configuration of a URL that no stored node describes: Cornerstone3D's sequential stages
 * (its stack configuration, which fits Weasis' 2D viewer), with options that are safe on any server. The
 * bare preset fetches whole frames, which is not progressive; here every HTJ2K frame first takes a 64 KiB
 * range (Cornerstone3D's default chunk: it holds a 1/8-size level of a 3036² image, where 16 KiB held
 * none), so each image of the series is shown at a reduced resolution early, then the rest of its bytes
 * (a server that ignores Range answers the whole frame, which the engine takes as final). Other syntaxes
 * load whole: alternate paths such as {@code /jlsThumbnail/} exist only on some servers, and a stored node
 * can say so.
 */
public final class AdHocConfiguration {
  static final int FAST_CHUNK = 65536;
  private static final List<String> HTJ2K = List.of(TransferSyntax.HTJ2K_LOSSLESS,
      TransferSyntax.HTJ2K_LOSSLESS_RPCL, TransferSyntax.HTJ2K, TransferSyntax.HTJ2K_PRIVATE);

  private AdHocConfiguration() {}

  public static RetrieveConfiguration sequential() {
    RetrieveOptions firstChunk = RetrieveOptions.builder().rangeIndex(0).chunkSize(FAST_CHUNK).build();
    RetrieveOptions rest = RetrieveOptions.builder().rangeIndex(-1).build();
    return RetrieveConfiguration.sequential().withRetrieveOptions(Map.of(
        "singleFast", forHtj2k(firstChunk),
        "singleFinal", forHtj2k(rest)));
  }

  /** Whole frames, except for HTJ2K frames, which take {@code htj2k}. */
  private static RetrieveOptions forHtj2k(RetrieveOptions htj2k) {
    Map<String, RetrieveOptions> bySyntax = new HashMap<>();
    HTJ2K.forEach(ts -> bySyntax.put(ts, htj2k));
    return RetrieveOptions.builder().transferSyntaxes(bySyntax).build();
  }
}
