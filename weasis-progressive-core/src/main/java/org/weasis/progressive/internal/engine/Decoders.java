package org.weasis.progressive.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.weasis.progressive.api.DecodeException;
import org.weasis.progressive.api.FrameDecoder;

/** The frame decoders available now, by transfer syntax; codec bundles come and go at run time. */
public final class Decoders {
  private final List<FrameDecoder> decoders = new CopyOnWriteArrayList<>();
  private final Map<String, FrameDecoder> bySyntax = new ConcurrentHashMap<>();

  public void add(FrameDecoder decoder) {
    decoders.add(decoder);
    for (String ts : decoder.transferSyntaxes()) {
      bySyntax.putIfAbsent(ts, decoder);
    }
  }

  public void remove(FrameDecoder decoder) {
    decoders.remove(decoder);
    bySyntax.values().removeIf(d -> d == decoder);
    for (FrameDecoder other : decoders) {
      for (String ts : other.transferSyntaxes()) {
        bySyntax.putIfAbsent(ts, other);
      }
    }
  }

  /** The decoder of a transfer syntax, or an error that says what is missing. */
  public FrameDecoder require(String transferSyntaxUid) throws DecodeException {
    FrameDecoder decoder = bySyntax.get(transferSyntaxUid);
    if (decoder == null) {
      throw new DecodeException(
          transferSyntaxUid,
          "no decoder is installed for this transfer syntax (installed: "
              + bySyntax.keySet().stream().sorted().toList() + ")");
    }
    return decoder;
  }
}
