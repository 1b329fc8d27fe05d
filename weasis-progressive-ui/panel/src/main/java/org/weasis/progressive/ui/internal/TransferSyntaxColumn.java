package org.weasis.progressive.ui.internal;

import java.util.List;
import org.weasis.progressive.api.TransferSyntax;

/**
 * A column of the retrieveType × transfer-syntax table. HTJ2K is one column written under all three
 * HTJ2K UIDs (.201, .202, .203): a server may answer with any of them and the options that matter for
 * progressive loading (byte ranges, decode level) apply to all three alike; the column reads back from .201.
 *
 * @param label shown as the column header
 * @param uids the transfer syntax UIDs the column's options are stored under; empty for the row's own options
 */
public record TransferSyntaxColumn(String label, List<String> uids) {
  public static final TransferSyntaxColumn DEFAULT = new TransferSyntaxColumn("default", List.of());
  public static final TransferSyntaxColumn HTJ2K =
      new TransferSyntaxColumn("HTJ2K", List.of(TransferSyntax.HTJ2K_LOSSLESS,
          TransferSyntax.HTJ2K_LOSSLESS_RPCL, TransferSyntax.HTJ2K));
  public static final TransferSyntaxColumn JPEG_LS =
      new TransferSyntaxColumn("JPEG-LS", List.of(TransferSyntax.JPEG_LS_LOSSLESS));
  public static final TransferSyntaxColumn JPEG_2000 =
      new TransferSyntaxColumn("JPEG 2000", List.of(TransferSyntax.JPEG_2000_LOSSLESS));

  /** The table's columns, in display order. */
  public static final List<TransferSyntaxColumn> ALL = List.of(DEFAULT, HTJ2K, JPEG_LS, JPEG_2000);

  public TransferSyntaxColumn {
    uids = List.copyOf(uids);
  }

  public boolean isDefault() {
    return uids.isEmpty();
  }

  /** The UID the column's options are read from. */
  public String primaryUid() {
    return uids.getFirst();
  }
}
