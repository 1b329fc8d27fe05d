package org.weasis.progressive.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.TransferSyntax;

/** Accept and urlArguments typed in a cell reach the stored node exactly, and bad ones never do. */
class AcceptAndUrlArgumentsTest {
  private static final String JLS_ACCEPT = "multipart/related; type=\"image/jls\"";
  private InMemoryNodeStore store;
  private PreferencesModel model;

  @BeforeEach
  void loadOneStoredNode() throws IOException {
    store = new InMemoryNodeStore().with(NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"));
    model = new PreferencesModel(store, (settings, study, series) -> {
      throw new AssertionError("not probed here");
    });
    model.load();
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
  }

  @Test
  void acceptAndUrlArgumentsAreStoredInTheRowAndItsTransferSyntaxEntry() throws IOException {
    model.editCell("singleFast", TransferSyntaxColumn.DEFAULT, cell(JLS_ACCEPT, "quality=90&size=256"));
    model.editCell("singleFast", TransferSyntaxColumn.JPEG_LS, cell(null, "lossless=true"));
    model.apply();

    RetrieveOptions jls = RetrieveOptions.builder().urlArguments("lossless=true").build();
    RetrieveOptions singleFast = RetrieveOptions.builder()
        .urlArguments("quality=90&size=256")
        .accept(JLS_ACCEPT)
        .transferSyntaxes(Map.of(TransferSyntax.JPEG_LS_LOSSLESS, jls))
        .build();
    assertEquals(new RetrieveConfiguration(RetrieveConfiguration.sequential().stages(),
        Map.of("singleFast", singleFast)), store.saved.getFirst().retrieveConfiguration());
  }

  @Test
  void acceptAndUrlArgumentsSurviveAReload() throws IOException {
    model.editCell("singleFinal", TransferSyntaxColumn.HTJ2K, cell(JLS_ACCEPT, "a=1"));
    model.apply();
    model.load();
    assertEquals(cell(JLS_ACCEPT, "a=1"), model.cell("singleFinal", TransferSyntaxColumn.HTJ2K));
    assertEquals("accept image/jls · ?a=1", model.cell("singleFinal", TransferSyntaxColumn.HTJ2K).summary());
  }

  @Test
  void anAcceptThatIsNotAMediaRangeIsNamedAndNothingIsSaved() {
    model.editCell("singleFast", TransferSyntaxColumn.DEFAULT, cell("jls", null));
    assertEquals("retrieveOptions.singleFast.accept = \"jls\": \"jls\" is not type/subtype, e.g. multipart/related",
        model.validationMessage());
    assertThrows(IllegalStateException.class, model::apply);
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void aPairWithoutEqualsIsNamedAndNothingIsSaved() {
    model.editCell("singleFast", TransferSyntaxColumn.JPEG_2000, cell(null, "a=1&b"));
    assertEquals("retrieveOptions.singleFast.transferSyntaxes.1.2.840.10008.1.2.4.90.urlArguments = \"a=1&b\": pair \"b\" is not key=value", model.validationMessage());
    assertThrows(IllegalStateException.class, model::apply);
    assertTrue(store.saved.isEmpty());
  }

  private static CellOptions cell(String accept, String urlArguments) {
    return new CellOptions(null, null, null, null, null, null, accept, urlArguments);
  }
}
