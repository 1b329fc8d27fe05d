package org.weasis.progressive.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.TransferSyntax;

/** A configuration pasted as Cornerstone3D JSON replaces the node's, exactly, or is named and not saved. */
class ConfigurationJsonEditingTest {
  /** As an OHIF user would paste it: status by name, Cornerstone keys this project ignores, no preset. */
  private static final String OHIF_JSON = """
      {
        "stages": [
          {"id": "thumbs", "retrieveType": "fast", "decimate": 2, "offset": 1, "priority": 1,
           "requestType": "thumbnail"},
          {"id": "full", "retrieveType": "final"}
        ],
        "retrieveOptions": {
          "fast": {"framesPath": "/jlsThumbnail/", "imageQualityStatus": "SUBRESOLUTION", "isLossy": true,
                   "accept": "multipart/related; type=\\"image/jls\\"", "urlArguments": "size=128"},
          "final": {"streaming": true, "transferSyntaxes": {
              "1.2.840.10008.1.2.4.201": {"rangeIndex": 0, "chunkSize": 8192},
              "1.2.840.10008.1.2.4.202": {"rangeIndex": -1}}}
        }
      }
      """;
  private InMemoryNodeStore store;
  private PreferencesModel model;

  @BeforeEach
  void loadOneNodeWithTheInterleavedPreset() throws IOException {
    store = new InMemoryNodeStore().with(NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"));
    model = new PreferencesModel(store, (settings, study, series) -> {
      throw new AssertionError("not probed here");
    });
    model.load();
  }

  @Test
  void pastedJsonIsStoredExactlyAsACustomConfiguration() throws IOException {
    model.editConfigurationJson(OHIF_JSON);
    assertEquals(NodeConfig.CUSTOM, model.preset());
    assertEquals(List.of("fast", "final"), model.retrieveTypes());
    model.apply();

    NodeConfig saved = store.saved.getFirst();
    assertEquals(NodeConfig.CUSTOM, saved.preset());
    assertEquals(expectedOhifConfiguration(), saved.retrieveConfiguration());
  }

  @Test
  void editingOneCellKeepsHtj2kEntriesThatDifferPerTransferSyntax() throws IOException {
    model.editConfigurationJson(OHIF_JSON);
    model.editCell("final", TransferSyntaxColumn.JPEG_LS, new CellOptions(null, null, null, null, 1, null, null, null));
    model.apply();

    RetrieveOptions saved = store.saved.getFirst().retrieveConfiguration().retrieveOptions().get("final");
    assertEquals(0, saved.transferSyntaxes().get(TransferSyntax.HTJ2K_LOSSLESS).rangeIndex());
    assertEquals(-1, saved.transferSyntaxes().get(TransferSyntax.HTJ2K_LOSSLESS_RPCL).rangeIndex());
    assertEquals(1, saved.transferSyntaxes().get(TransferSyntax.JPEG_LS_LOSSLESS).decodeLevel());
  }

  @Test
  void theNodesOwnJsonReadsBackUnchanged() {
    model.editCell("multipleFast", TransferSyntaxColumn.HTJ2K,
        new CellOptions(null, true, 0, 4096, null, ImageQualityStatus.LOSSY, null, "a=1"));
    NodeConfig before = model.selectedNode();
    model.editConfigurationJson(model.configurationJson());
    assertEquals(before, model.selectedNode());
    assertEquals(NodeConfig.DEFAULT_PRESET, model.preset());
  }

  @Test
  void jsonWithAPresetsStagesSelectsThatPreset() {
    model.editConfigurationJson(RetrieveConfiguration.sequential().toJson());
    assertEquals(RetrieveConfiguration.SEQUENTIAL, model.preset());
    assertEquals(List.of("singleFast", "singleFinal"), model.retrieveTypes());
  }

  @Test
  void aBadStageValueIsNamedWithItsPathAndNothingChangesOrIsSaved() {
    model.editConfigurationJson("""
        {"stages": [{"id": "a"}, {"id": "b", "decimate": 0}]}""");
    assertEquals("stages[1].decimate = 0: must be 1 or more", model.validationMessage());
    assertEquals(RetrieveConfiguration.interleaved(), model.selectedNode().retrieveConfiguration());
    assertThrows(IllegalStateException.class, model::apply);
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void aBadAcceptInJsonIsNamedWithItsPath() {
    String message = errorOf("""
        {"stages": [{"id": "a", "retrieveType": "fast"}],
         "retrieveOptions": {"fast": {"transferSyntaxes": {"1.2.840.10008.1.2.4.80": {"accept": "jls"}}}}}""");
    assertEquals("retrieveOptions.fast.transferSyntaxes.1.2.840.10008.1.2.4.80.accept = \"jls\": "
        + "\"jls\" is not type/subtype, e.g. multipart/related", message);
  }

  @Test
  void textThatIsNotJsonIsNamedAsSuch() {
    String notJson = errorOf("{\"stages\": [");
    assertTrue(notJson.startsWith("json = \"{\"stages\": [\": not valid JSON"), notJson);
    assertEquals("stages[0].nearbyFrames[0].imageQualityStatus = \"BLURRY\": No ImageQualityStatus is named "
        + "'BLURRY' (known: FAR_REPLICATE, ADJACENT_REPLICATE, SUBRESOLUTION, LOSSY, FULL_RESOLUTION)",
        errorOf("""
            {"stages": [{"id": "a", "nearbyFrames": [{"offset": 1, "imageQualityStatus": "BLURRY"}]}]}"""));
  }

  @Test
  void aRejectedPasteIsForgottenAtTheNextEdit() {
    model.editConfigurationJson("[]");
    assertFalse(model.isValid());
    model.editMaxConnections(4);
    assertTrue(model.isValid());
  }

  private static RetrieveConfiguration expectedOhifConfiguration() {
    RetrieveOptions fast = RetrieveOptions.builder()
        .framesPath("/jlsThumbnail/")
        .urlArguments("size=128")
        .accept("multipart/related; type=\"image/jls\"")
        .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
        .build();
    RetrieveOptions finalOptions = RetrieveOptions.builder()
        .streaming(true)
        .transferSyntaxes(Map.of(
            TransferSyntax.HTJ2K_LOSSLESS, RetrieveOptions.builder().rangeIndex(0).chunkSize(8192).build(),
            TransferSyntax.HTJ2K_LOSSLESS_RPCL, RetrieveOptions.builder().rangeIndex(-1).build()))
        .build();
    return new RetrieveConfiguration(List.of(
        new RetrieveStage("thumbs", "fast", null, 2, 1, 1, RequestType.THUMBNAIL, List.of()),
        RetrieveStage.of("full", "final")),
        Map.of("fast", fast, "final", finalOptions));
  }

  /** The message {@link PreferencesModel#parseConfiguration} refuses a text with. */
  private static String errorOf(String json) {
    return assertThrows(InvalidConfigurationException.class, () -> PreferencesModel.parseConfiguration(json))
        .getMessage();
  }
}
