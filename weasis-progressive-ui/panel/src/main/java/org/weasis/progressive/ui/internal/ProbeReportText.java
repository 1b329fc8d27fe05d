package org.weasis.progressive.ui.internal;

import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.ProbeReport;

/** Writes a probe report as the few lines the "Test node" area shows. */
public final class ProbeReportText {
  private static final String YES = "yes";
  private static final String NO = "no";

  private ProbeReportText() {}

  public static String format(ProbeReport report) {
    StringBuilder text = new StringBuilder();
    text.append("Metadata: ").append(report.metadataAnswered() ? YES : NO + " (" + report.metadataError() + ")");
    text.append("\nByte ranges honoured: ").append(report.rangeHonoured() ? YES : NO);
    line(text, "Default Accept", report.defaultAccept());
    line(text, "JPEG-LS Accept", report.jlsAccept());
    line(text, "HTJ2K Accept", report.htj2kAccept());
    line(text, "/jls/ alternate", report.jlsAlternate());
    line(text, "/jlsThumbnail/ alternate", report.jlsThumbnailAlternate());
    report.notes().forEach(note -> text.append("\n• ").append(note));
    if (report.proposal() != null) {
      text.append("\nProposed: ").append(NodeConfig.presetOf(report.proposal()))
          .append('\n').append(report.proposal().toJson());
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String label, ProbeReport.Answer answer) {
    if (answer == null) {
      return;
    }
    text.append('\n').append(label).append(": ");
    if (answer.answered()) {
      text.append(answer.status()).append(answer.transferSyntaxUid() == null ? "" : " " + answer.transferSyntaxUid());
    } else {
      text.append(answer.status() == 0 ? "" : answer.status() + " ").append(answer.error() == null ? "" : answer.error());
    }
  }
}
