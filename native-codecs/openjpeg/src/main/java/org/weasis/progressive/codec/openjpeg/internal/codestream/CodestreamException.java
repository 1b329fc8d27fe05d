package org.weasis.progressive.codec.openjpeg.internal.codestream;

import org.weasis.progressive.api.decoder.DecodeException;

/**
 * A codestream the inspector refuses, telling a prefix that is merely too short (the engine waits for
 * more bytes) from data that is wrong (nothing more will fix it).
 */
public final class CodestreamException extends DecodeException {
  private static final long serialVersionUID = 1L;

  private final boolean truncated;

  private CodestreamException(String transferSyntaxUid, String reason, boolean truncated) {
    super(transferSyntaxUid, reason);
    this.truncated = truncated;
  }

  static CodestreamException malformed(String transferSyntaxUid, String reason) {
    return new CodestreamException(transferSyntaxUid, reason, false);
  }

  static CodestreamException truncated(String transferSyntaxUid, String reason) {
    return new CodestreamException(transferSyntaxUid, reason, true);
  }

  /** True when the data ends before the main header does: a longer prefix may be fine. */
  public boolean truncated() {
    return truncated;
  }

  /** The reason without the transfer syntax prefix. */
  public String reason() {
    String message = getMessage();
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
