package org.weasis.progressive.api;

/**
 * Names a host or another bundle must know to configure this project's services through ConfigAdmin or
 * to find them in the service registry. Service properties of one service type stay on that type
 * ({@link SeriesLoadingStrategy#NAME}, {@code FrameDecoder.TRANSFER_SYNTAX}).
 */
public final class ProgressiveConstants {
  /** ConfigAdmin PID of the retrieval engine ({@code threads}). */
  public static final String ENGINE_PID = "org.weasis.progressive.engine";

  /** ConfigAdmin factory PID of a DICOMweb node: one factory configuration per node. */
  public static final String NODE_FACTORY_PID = "org.weasis.progressive.node";

  /** ConfigAdmin PID of the node probe ({@code timeoutMs}). */
  public static final String PROBE_PID = "org.weasis.progressive.probe";

  /** Service property of a {@code Supplier<JComponent>}: which page it builds. */
  public static final String PAGE = "org.weasis.progressive.page";

  /** The value of {@link #PAGE} for the progressive-loading preferences page. */
  public static final String PREFERENCES_PAGE = "preferences";

  /** Service property: the page's title, for a host's list of pages. */
  public static final String PAGE_TITLE = "org.weasis.progressive.page.title";

  /** Filter that finds the preferences page service. */
  public static final String PREFERENCES_PAGE_FILTER = "(" + PAGE + "=" + PREFERENCES_PAGE + ")";

  private ProgressiveConstants() {}
}
