package org.weasis.progressive.codec.openjpeg.internal.codestream;

/** Packet progression orders of COD/POC, in the order of their code values. */
public enum Progression {
  LRCP,
  RLCP,
  RPCL,
  PCRL,
  CPRL;

  static Progression of(int code) {
    return code >= 0 && code < values().length ? values()[code] : null;
  }
}
