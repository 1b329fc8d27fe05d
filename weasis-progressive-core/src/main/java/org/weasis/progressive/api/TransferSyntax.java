package org.weasis.progressive.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Transfer syntax UIDs the engine knows, and how a frame's media type maps to one. */
public final class TransferSyntax {
  public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
  public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
  public static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
  public static final String HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
  public static final String HTJ2K = "1.2.840.10008.1.2.4.203";
  /** Private UID some tools used for HTJ2K before .201-.203 were assigned. */
  public static final String HTJ2K_PRIVATE = "3.2.840.10008.1.2.4.96";

  private static final Map<String, String> BY_MEDIA_TYPE =
      Map.of(
          "image/jls", JPEG_LS_LOSSLESS,
          "image/x-jls", JPEG_LS_LOSSLESS,
          "image/jphc", HTJ2K_LOSSLESS,
          "image/jhc", HTJ2K_LOSSLESS,
          "image/jp2", JPEG_2000_LOSSLESS,
          "image/jpx", JPEG_2000_LOSSLESS,
          "image/j2c", JPEG_2000_LOSSLESS);

  /** Syntaxes whose data may be lossy: JPEG baseline/extended, JPEG-LS near-lossless, JPEG 2000, HTJ2K. */
  private static final Set<String> MAY_BE_LOSSY = Set.of(
      "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", JPEG_LS_NEAR_LOSSLESS, JPEG_2000,
      "1.2.840.10008.1.2.4.93", HTJ2K);

  private TransferSyntax() {}

  /**
   * True for a syntax that may hold lossy data ({@code .91}, {@code .203}, {@code .81}, JPEG); whether a
   * frame is lossy is for its codestream to say (a {@code .81} frame with NEAR 0 is lossless).
   */
  public static boolean mayBeLossy(String uid) {
    return uid != null && MAY_BE_LOSSY.contains(uid);
  }

  /**
   * The transfer syntax of a frame part: its {@code transfer-syntax=} parameter, else its media type, else
   * null.
   */
  public static String fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String mediaType = null;
    for (String piece : contentType.split(";")) {
      String p = piece.trim();
      if (mediaType == null) {
        mediaType = p.toLowerCase(Locale.ROOT);
        continue;
      }
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("transfer-syntax")) {
        String value = p.substring(eq + 1).trim().replace("\"", "");
        if (!value.isEmpty() && !value.equals("*")) {
          return value;
        }
      }
    }
    return mediaType == null ? null : BY_MEDIA_TYPE.get(mediaType);
  }
}
