package org.weasis.progressive.weasis.internal.pref;

import java.util.List;
import org.weasis.dicom.explorer.pref.node.AbstractDicomNode;
import org.weasis.dicom.explorer.pref.node.DicomWebNode;
import org.weasis.dicom.explorer.pref.node.DicomWebNode.WebType;

/**
 * Reads Weasis' DICOMweb nodes through Weasis' own loader, so that the nodes an administrator ships in
 * Weasis' resources count as well as those the user added (dicomWebNodes.xml in Weasis' data folder).
 */
public final class WeasisNodeList {
  private WeasisNodeList() {}

  /** The WEB nodes Weasis can retrieve series from with WADO-RS, in Weasis' order. */
  public static List<WeasisWebNode> load() {
    return retrieveNodes(AbstractDicomNode.loadDicomNodes(AbstractDicomNode.Type.WEB, AbstractDicomNode.UsageType.RETRIEVE));
  }

  /** Keeps the DICOMweb and WADO-RS nodes: QIDO-only, STOW-only and WADO-URI nodes retrieve no series by WADO-RS. */
  static List<WeasisWebNode> retrieveNodes(List<AbstractDicomNode> nodes) {
    return nodes.stream()
        .filter(DicomWebNode.class::isInstance)
        .map(DicomWebNode.class::cast)
        .filter(node -> node.getWebType() == WebType.DICOMWEB || node.getWebType() == WebType.WADORS)
        .filter(node -> node.getUrl() != null)
        .map(WeasisNodeList::of)
        .toList();
  }

  static WeasisWebNode of(DicomWebNode node) {
    return new WeasisWebNode(node.getDescription(), node.getUrl().toString(), node.getHeaders(),
        node.getAuthMethodUid());
  }
}
