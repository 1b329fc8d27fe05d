package org.weasis.progressive.api.decoder;

/** Data that a decoder cannot decode; the message names the transfer syntax, the size and the reason. */
public class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String transferSyntaxUid;

  public DecodeException(String transferSyntaxUid, String message) {
    this(transferSyntaxUid, message, null);
  }

  public DecodeException(String transferSyntaxUid, String message, Throwable cause) {
    super(transferSyntaxUid + ": " + message, cause);
    this.transferSyntaxUid = transferSyntaxUid;
  }

  public String transferSyntaxUid() {
    return transferSyntaxUid;
  }
}
