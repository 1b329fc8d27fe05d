package org.weasis.progressive.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.ProbeReport;

class PreferencesModelTest {
  private final RetrieveConfiguration proposal = RetrieveConfiguration.sequential().withRetrieveOptions(
      Map.of("singleFast", RetrieveOptions.builder()
          .framesPath("/jlsThumbnail/")
          .imageQualityStatus(ImageQualityStatus.SUBRESOLUTION)
          .build()));
  private final NodeProbe probe = (settings, study, series) -> new ProbeReport(true, null, settings.baseUrl()
      + "/frames/1", null, true, null, null, null, null, null, proposal, List.of("JLS thumbnails exist."));
  private InMemoryNodeStore store;
  private PreferencesModel model;

  @BeforeEach
  void loadTwoStoredNodes() throws IOException {
    store = new InMemoryNodeStore().with(
        NodeConfig.of("Orthanc", "http://orthanc:8042/dicom-web"),
        NodeConfig.of("dcm4chee", "https://pacs.example/dcm4chee-arc/aets/DCM4CHEE/rs"));
    model = new PreferencesModel(store, probe);
    model.load();
  }

  @Test
  void loadingListsTheStoredNodesAndSelectsTheFirst() {
    assertEquals(2, model.size());
    assertEquals(0, model.selectedIndex());
    assertEquals("Orthanc", model.selectedNode().name());
    assertFalse(model.isModified());
  }

  @Test
  void addingANodeSelectsItWithDefaultsAndAUniqueName() {
    model.addNode();
    model.addNode();
    assertEquals(4, model.size());
    assertEquals(3, model.selectedIndex());
    assertEquals(PreferencesModel.NEW_NODE_NAME + " 2", model.selectedNode().name());
    assertFalse(model.selectedNode().progressive());
  }

  @Test
  void removingAStoredNodeRemovesItFromTheStoreOnApplyOnly() throws IOException {
    String id = model.selectedNode().id();
    model.removeSelected();
    assertEquals(1, model.size());
    assertTrue(store.removed.isEmpty());
    model.apply();
    assertEquals(List.of(id), store.removed);
    assertEquals(1, store.list().size());
  }

  @Test
  void togglingTurnsProgressiveLoadingOnAndOffForThatNode() {
    model.toggleProgressive(1);
    assertTrue(model.node(1).progressive());
    assertFalse(model.node(0).progressive());
    model.toggleProgressive(1);
    assertFalse(model.node(1).progressive());
  }

  @Test
  void editingFieldsChangesTheWorkingCopy() {
    model.editName("Main PACS");
    model.editBaseUrl("https://pacs.local/dicom-web/");
    model.editAuthentication(Authentication.Type.BEARER, null, "t0ken", Map.of());
    model.editStrategy("nearest");
    model.editMaxConnections(12);
    model.editTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5));
    model.editVerifyTls(false);

    NodeConfig node = model.selectedNode();
    assertNull(model.validationMessage());
    assertEquals("Main PACS", node.name());
    assertEquals("https://pacs.local/dicom-web", node.baseUrl());
    assertEquals(Authentication.bearer("t0ken"), node.authentication());
    assertEquals("nearest", node.strategy());
    assertEquals(12, node.maxConnections());
    assertEquals(Duration.ofSeconds(4), node.stallTimeout());
    assertFalse(node.verifyTls());
  }

  @Test
  void theLimitsAgainstHostileServersAreEditedStoredAndReachTheEngine() throws IOException {
    model.editMaxLoadBytes(32L * 1024 * 1024);
    model.editMinTransferRate(0, Duration.ofSeconds(5));
    model.editOtherOriginsAllowed(true);
    assertNull(model.validationMessage());
    assertEquals(1, model.apply());

    NodeConfig stored = store.find("pid-1").orElseThrow();
    assertEquals(32L * 1024 * 1024, stored.maxLoadBytes());
    assertEquals(0, stored.minTransferRate());
    assertEquals(Duration.ofSeconds(5), stored.rateWindow());
    assertTrue(stored.otherOriginsAllowed());
    assertEquals(32L * 1024 * 1024, model.probeSettings().maxLoadBytes());
    assertTrue(model.probeSettings().otherOriginsAllowed());
  }

  @Test
  void settingsThePageDoesNotShowSurviveAnEditAndApply() throws IOException {
    NodeConfig tuned = store.find("pid-1").orElseThrow().toBuilder()
        .maxRetries(5).retryBackoff(Duration.ofSeconds(1)).maxFrameBytes(1024).build();
    store.save(tuned);
    model.load();
    model.editName("Renamed");
    assertEquals(1, model.apply());

    NodeConfig stored = store.find("pid-1").orElseThrow();
    assertEquals("Renamed", stored.name());
    assertEquals(List.of(5, Duration.ofSeconds(1), 1024L),
        List.of(stored.maxRetries(), stored.retryBackoff(), stored.maxFrameBytes()));
  }

  @Test
  void anUnusableLoadBudgetOrRateIsNamedWithItsValue() {
    model.editMaxLoadBytes(0);
    assertEquals("maxLoadBytes = 0: must be positive", model.validationMessage());
    model.editMaxLoadBytes(1024);
    model.editMinTransferRate(-1024, Duration.ofSeconds(20));
    assertEquals("minTransferRate = -1024: must be 0 (off) or more", model.validationMessage());
    model.editMinTransferRate(1024, Duration.ZERO);
    assertEquals("rateWindow = PT0S: must be a positive duration", model.validationMessage());
    model.editMinTransferRate(1024, Duration.ofSeconds(20));
    assertNull(model.validationMessage());
  }

  @Test
  void aValueTypedInLargerUnitsComesBackExactlyAndAHugeOneIsRefused() {
    assertEquals(1000, TextInput.scaled("maxLoadBytes", TextInput.inUnits(1000, 1024 * 1024), 1024 * 1024));
    assertEquals("0.5", TextInput.inUnits(512, 1024));
    assertEquals(1536, TextInput.scaled("minTransferRate", " 1.5 ", 1024));
    InvalidConfigurationException huge = assertThrows(InvalidConfigurationException.class,
        () -> TextInput.scaled("maxLoadBytes", "1e999999999", 1024 * 1024));
    assertEquals("maxLoadBytes = \"1e999999999\": too large", huge.getMessage());
  }

  @Test
  void aChunkSizeOfZeroIsNamedWithItsValue() {
    model.editCell("default", TransferSyntaxColumn.DEFAULT, new CellOptions(null, null, 0, 0, null, null, null, null));
    assertTrue(model.validationMessage().startsWith("retrieveOptions.default.chunkSize = 0: "), model.validationMessage());
  }

  @Test
  void aFramesPathWithoutSlashesIsNamedWithItsValue() {
    model.editCell("multipleFast", TransferSyntaxColumn.JPEG_LS,
        new CellOptions("jls", null, null, null, null, null, null, null));
    assertTrue(model.validationMessage().startsWith(
        "retrieveOptions.multipleFast.transferSyntaxes.1.2.840.10008.1.2.4.80.framesPath = \"jls\": "), model.validationMessage());
  }

  @Test
  void anFtpBaseUrlIsNamedWithItsValue() {
    model.editBaseUrl("ftp://pacs.local/dicom-web");
    assertTrue(model.validationMessage().startsWith("baseUrl = \"ftp://pacs.local/dicom-web\": "),
        model.validationMessage());
  }

  @Test
  void anUnreadableNumberIsNamedUntilTheFieldIsEditedAgain() {
    model.rejectInput("maxConnections", "six", "not a whole number");
    assertEquals("maxConnections = \"six\": not a whole number", model.validationMessage());
    model.editMaxConnections(6);
    assertNull(model.validationMessage());
  }

  @Test
  void applyRefusesWhileInvalidAndStoresNothing() {
    model.editName("Renamed");
    model.editBaseUrl("ftp://x");
    assertThrows(IllegalStateException.class, model::apply);
    assertTrue(store.saved.isEmpty());
  }

  @Test
  void applyRefusesWhenAnotherNodeThanTheSelectedOneIsInvalid() {
    model.editBaseUrl("ftp://x");
    model.select(1);
    assertTrue(model.validationMessage().startsWith("baseUrl"));
    assertThrows(IllegalStateException.class, model::apply);
  }

  @Test
  void applySavesExactlyTheChangedNodes() throws IOException {
    model.select(1);
    model.editMaxConnections(3);
    model.addNode();
    assertEquals(2, model.apply());
    assertEquals(List.of("dcm4chee", PreferencesModel.NEW_NODE_NAME),
        store.saved.stream().map(NodeConfig::name).toList());
    assertEquals(3, store.find("pid-2").orElseThrow().maxConnections());
    assertFalse(model.isModified());
    assertEquals(0, model.apply());
  }

  @Test
  void resetToDefaultsKeepsIdentityAndRestoresEverythingElse() {
    NodeConfig before = model.selectedNode();
    model.toggleProgressive(0);
    model.editMaxConnections(20);
    model.choosePreset(RetrieveConfiguration.SINGLE);
    model.editCell("single", TransferSyntaxColumn.DEFAULT,
        new CellOptions(null, true, null, null, null, null, null, null));
    model.resetToDefaults();
    assertEquals(before, model.selectedNode());
    assertEquals(NodeConfig.DEFAULT_PRESET, model.preset());
    assertFalse(model.isModified());
  }

  @Test
  void resetToDefaultsClearsAValidationMessage() {
    model.editCell("default", TransferSyntaxColumn.DEFAULT,
        new CellOptions(null, null, null, 0, null, null, null, null));
    model.resetToDefaults();
    assertNull(model.validationMessage());
  }

  @Test
  void switchingPresetShowsThePresetsRetrieveTypesAsRows() {
    assertEquals(List.of("default", "multipleFast", "multipleFinal"), model.retrieveTypes());
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
    assertEquals(List.of("singleFast", "singleFinal"), model.retrieveTypes());
    assertEquals(RetrieveConfiguration.sequential().stages(), model.selectedNode().retrieveConfiguration().stages());
    model.choosePreset(RetrieveConfiguration.SINGLE);
    assertEquals(List.of("single"), model.retrieveTypes());
  }

  @Test
  void switchingPresetDropsOptionsOfRowsNoLongerShown() {
    model.editCell("multipleFast", TransferSyntaxColumn.DEFAULT,
        new CellOptions(null, true, null, null, null, null, null, null));
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
    assertTrue(model.selectedNode().retrieveConfiguration().retrieveOptions().isEmpty());
  }

  @Test
  void anHtj2kCellIsStoredUnderEveryHtj2kTransferSyntax() {
    CellOptions cell = new CellOptions(null, true, 0, 8192, 2, ImageQualityStatus.SUBRESOLUTION, null, null);
    model.editCell("multipleFast", TransferSyntaxColumn.HTJ2K, cell);

    RetrieveOptions row = model.selectedNode().retrieveConfiguration().retrieveOptions().get("multipleFast");
    assertEquals(3, row.transferSyntaxes().size());
    RetrieveOptions htj2k = row.transferSyntaxes().get(TransferSyntax.HTJ2K);
    assertEquals(8192, htj2k.chunkSize());
    assertEquals(0, htj2k.rangeIndex());
    assertEquals(2, htj2k.decodeLevel());
    assertEquals(row.transferSyntaxes().get(TransferSyntax.HTJ2K_LOSSLESS), htj2k);
    assertEquals(cell, model.cell("multipleFast", TransferSyntaxColumn.HTJ2K));
  }

  @Test
  void defaultAndJpegLsCellsEndUpInTheRowAndItsJlsEntry() {
    model.editCell("multipleFinal", TransferSyntaxColumn.DEFAULT,
        new CellOptions(null, true, null, null, null, null, null, null));
    model.editCell("multipleFinal", TransferSyntaxColumn.JPEG_LS,
        new CellOptions("/jls/", null, null, null, null, ImageQualityStatus.LOSSY, null, null));
    RetrieveOptions row = model.selectedNode().retrieveConfiguration().retrieveOptions().get("multipleFinal");
    assertTrue(row.isStreaming());
    assertEquals(List.of(TransferSyntax.JPEG_LS_LOSSLESS), List.copyOf(row.transferSyntaxes().keySet()));
    assertEquals("/jls/", row.forTransferSyntax(TransferSyntax.JPEG_LS_LOSSLESS).framesPath());
    assertTrue(row.forTransferSyntax(TransferSyntax.JPEG_LS_LOSSLESS).isStreaming());
  }

  @Test
  void emptyingACellRemovesItsTransferSyntaxEntry() {
    model.editCell("default", TransferSyntaxColumn.JPEG_2000,
        new CellOptions(null, null, null, null, 1, null, null, null));
    model.editCell("default", TransferSyntaxColumn.JPEG_2000, CellOptions.EMPTY);
    assertTrue(model.selectedNode().retrieveConfiguration().retrieveOptions().isEmpty());
  }

  @Test
  void cellEditsSurviveApplyAndReload() throws IOException {
    model.editCell("multipleFast", TransferSyntaxColumn.HTJ2K,
        new CellOptions(null, null, 0, 4096, null, null, null, null));
    model.apply();
    model.load();
    assertEquals(new CellOptions(null, null, 0, 4096, null, null, null, null),
        model.cell("multipleFast", TransferSyntaxColumn.HTJ2K));
  }

  @Test
  void testingANodeExposesTheReportAndItsProposalCanBeUsed() {
    ProbeReport report = model.testNode("1.2.3", "1.2.3.4");
    assertEquals(report, model.lastReport());
    model.useProposedConfiguration();
    assertEquals(RetrieveConfiguration.SEQUENTIAL, model.preset());
    assertEquals(List.of("singleFast", "singleFinal"), model.retrieveTypes());
    assertEquals(proposal, model.selectedNode().retrieveConfiguration());
    assertEquals("/jlsThumbnail/", model.cell("singleFast", TransferSyntaxColumn.DEFAULT).framesPath());
  }

  @Test
  void aCustomProposalIsKeptAsCustom() throws IOException {
    RetrieveConfiguration custom = new RetrieveConfiguration(List.of(RetrieveStage.of("only", "mine")), Map.of());
    model = new PreferencesModel(store, (s, a, b) ->
        new ProbeReport(true, null, null, null, false, null, null, null, null, null, custom, List.of()));
    model.load();
    model.testNode("1", "2");
    model.useProposedConfiguration();
    assertEquals(NodeConfig.CUSTOM, model.preset());
    assertEquals(List.of("mine"), model.retrieveTypes());
    assertNull(model.validationMessage());
  }

  @Test
  void usingAProposalBeforeTestingIsRefused() {
    assertThrows(IllegalStateException.class, model::useProposedConfiguration);
  }
}
