package org.weasis.progressive.weasis.internal.pref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.weasis.dicom.explorer.pref.node.AbstractDicomNode;
import org.weasis.dicom.explorer.pref.node.DicomWebNode;

/** Weasis' own parser reads the nodes of a dicomWebNodes.xml as Weasis writes it; we keep the WADO-RS ones. */
class WeasisNodeListTest {
  private static String node(String description, String webType, String url, String headers, String auth) {
    return "<node description=\"" + description + "\" type=\"WEB\" usageType=\"BOTH\" tsuid=\"\" url=\"" + url
        + "\" webtype=\"" + webType + "\" auth=\"" + auth + "\" headers=\""
        + Base64.getEncoder().encodeToString(headers.getBytes(StandardCharsets.UTF_8)) + "\"/>";
  }

  private static List<AbstractDicomNode> parse(String xml) throws Exception {
    XMLStreamReader reader = XMLInputFactory.newInstance().createXMLStreamReader(new StringReader(xml));
    List<AbstractDicomNode> nodes = new ArrayList<>();
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("node")) {
        nodes.add(DicomWebNode.buildDicomWebNode(reader));
      }
    }
    return nodes;
  }

  @Test
  void dicomWebAndWadoRsNodesAreKeptWithTheirHeadersAndTheOthersLeftOut() throws Exception {
    List<AbstractDicomNode> all = parse("<nodes>"
        + node("Orthanc", "DICOMWEB", "http://127.0.0.1:8042/dicom-web", "X-Api-Key:k1\nX-Site: a:b", "")
        + node("Query only", "QIDORS", "http://q/rs", "", "")
        + node("Retrieve", "WADORS", "http://r/rs", "", "")
        + node("Legacy", "WADO", "http://w/wado", "", "")
        + "</nodes>");

    List<WeasisWebNode> kept = WeasisNodeList.retrieveNodes(all);

    assertEquals(List.of("Orthanc", "Retrieve"), kept.stream().map(WeasisWebNode::description).toList());
    WeasisWebNode orthanc = kept.getFirst();
    assertEquals("http://127.0.0.1:8042/dicom-web", orthanc.url());
    assertEquals(Map.of("X-Api-Key", "k1", "X-Site", "a:b"), orthanc.headers());
    assertFalse(orthanc.usesWeasisAuthMethod());
  }

  @Test
  void aNodeWithAWeasisAuthMethodSaysSo() throws Exception {
    List<WeasisWebNode> kept = WeasisNodeList.retrieveNodes(
        parse("<nodes>" + node("Keycloak", "DICOMWEB", "https://pacs/rs", "", "3f2c-oauth") + "</nodes>"));
    assertTrue(kept.getFirst().usesWeasisAuthMethod());
  }

  @Test
  void headerValuesNeverShowInTheNodesText() {
    WeasisWebNode node = new WeasisWebNode("PACS", "http://pacs/rs", Map.of("Authorization", "Bearer s3cret"), null);
    assertFalse(node.toString().contains("s3cret"), node.toString());
  }
}
