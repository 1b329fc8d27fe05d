package org.weasis.progressive.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.NearbyFrame;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RequestType;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveStage;
import org.weasis.progressive.ui.internal.StageRow.Field;

/** Stages added, removed, moved and typed on the page reach the stored node exactly, or are named. */
class StagesEditingTest {
  private static final CellOptions STREAMING = new CellOptions(null, true, null, null, null, null, null, null);
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
  void addingAStageAppendsOneOverEveryImageAndMakesThePresetCustom() throws IOException {
    model.addStage();
    assertEquals(NodeConfig.CUSTOM, model.preset());
    model.apply();

    NodeConfig saved = store.saved.getFirst();
    List<RetrieveStage> expected = new ArrayList<>(RetrieveConfiguration.interleaved().stages());
    expected.add(RetrieveStage.of("stage9", "default"));
    assertEquals(NodeConfig.CUSTOM, saved.preset());
    assertEquals(new RetrieveConfiguration(expected, Map.of()), saved.retrieveConfiguration());
  }

  @Test
  void movingStagesChangesTheOrderTheyAreStoredIn() throws IOException {
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
    assertEquals(0, model.moveStage(1, -1));
    assertEquals(0, model.moveStage(0, -1));
    assertEquals(1, model.moveStage(1, +1));
    model.apply();

    assertEquals(List.of(RetrieveStage.of("finalSequential", "singleFinal"),
        RetrieveStage.of("lossySequential", "singleFast")),
        store.saved.getFirst().retrieveConfiguration().stages());
    assertEquals(NodeConfig.CUSTOM, store.saved.getFirst().preset());
  }

  @Test
  void everyFieldTypedInAStageIsStoredParsed() throws IOException {
    model.choosePreset(RetrieveConfiguration.SINGLE);
    model.editStage(0, Field.ID, " first ");
    model.editStage(0, Field.RETRIEVE_TYPE, "fast");
    model.editStage(0, Field.POSITIONS, "0.5, 0, -1");
    model.editStage(0, Field.PRIORITY, "3");
    model.editStage(0, Field.REQUEST_TYPE, "prefetch");
    model.editStage(0, Field.NEARBY_FRAMES, "-1:3, 2:FAR_REPLICATE");
    model.addStage();
    model.editStage(1, Field.DECIMATE, "4");
    model.editStage(1, Field.OFFSET, "2");
    model.apply();

    RetrieveStage first = new RetrieveStage("first", "fast", List.of(0.5, 0.0, -1.0), 1, 0, 3, RequestType.PREFETCH,
        List.of(new NearbyFrame(-1, ImageQualityStatus.ADJACENT_REPLICATE),
            new NearbyFrame(2, ImageQualityStatus.FAR_REPLICATE)));
    RetrieveStage second = new RetrieveStage("stage2", "default", null, 4, 2, RetrieveStage.DEFAULT_PRIORITY,
        RequestType.INTERACTION, List.of());
    assertEquals(List.of(first, second), store.saved.getFirst().retrieveConfiguration().stages());
    assertEquals("0.5, 0, -1", model.stages().getFirst().positions());
    assertEquals("-1:3, 2:1", model.stages().getFirst().nearbyFrames());
  }

  @Test
  void aRetrieveTypeNamedByAStageGetsARow() {
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
    model.editStage(1, Field.RETRIEVE_TYPE, "jlsFull");
    assertEquals(List.of("singleFast", "jlsFull"), model.retrieveTypes());
  }

  @Test
  void removingTheLastStageOfARetrieveTypeWithoutOptionsRemovesItsRow() {
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);
    model.removeStage(0);
    assertEquals(List.of("singleFinal"), model.retrieveTypes());
  }

  @Test
  void removingTheLastStageOfARetrieveTypeWithOptionsKeepsItsRowFlaggedUnusedUntilDropped() throws IOException {
    model.editCell("multipleFast", TransferSyntaxColumn.DEFAULT, STREAMING);
    model.removeStage(2);
    model.removeStage(1);
    assertEquals(List.of("default", "multipleFinal", "multipleFast"), model.retrieveTypes());
    assertFalse(model.isUsed("multipleFast"));
    assertTrue(model.isUsed("multipleFinal"));

    model.dropUnusedOptions();
    assertEquals(List.of("default", "multipleFinal"), model.retrieveTypes());
    model.apply();
    assertEquals(Map.of(), store.saved.getFirst().retrieveConfiguration().retrieveOptions());
  }

  @Test
  void choosingAPresetAgainReplacesTheCustomStagesAndKeepsTheDefaultRow() {
    model.editCell("default", TransferSyntaxColumn.DEFAULT, STREAMING);
    model.editCell("multipleFast", TransferSyntaxColumn.DEFAULT, STREAMING);
    model.removeStage(0);
    model.choosePreset(RetrieveConfiguration.SEQUENTIAL);

    assertEquals(RetrieveConfiguration.SEQUENTIAL, model.preset());
    assertEquals(RetrieveConfiguration.sequential().stages(), model.selectedNode().retrieveConfiguration().stages());
    assertEquals(List.of("singleFast", "singleFinal", "default"), model.retrieveTypes());
    assertFalse(model.isUsed("default"));
    assertEquals(Map.of("default", STREAMING.toOptions(null)),
        model.selectedNode().retrieveConfiguration().retrieveOptions());
  }

  @Test
  void resetToDefaultsRestoresThePresetStages() {
    model.addStage();
    model.removeStage(0);
    model.editStage(0, Field.DECIMATE, "0");
    model.resetToDefaults();

    assertEquals(NodeConfig.DEFAULT_PRESET, model.preset());
    assertEquals(RetrieveConfiguration.interleaved().stages().stream().map(StageRow::of).toList(), model.stages());
    assertEquals(null, model.validationMessage());
    assertFalse(model.isModified());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "POSITIONS     | 0.5, a        | stages[2].positions = \"a\": not a number",
      "POSITIONS     | 1.5           | stages[2].positions = 1.5: a position is an index (whole number), a fraction"
          + " in [0, 1) or negative",
      "DECIMATE      | 0             | stages[2].decimate = 0: must be 1 or more",
      "DECIMATE      | x             | stages[2].decimate = \"x\": not a whole number",
      "OFFSET        | -1            | stages[2].offset = -1: must be 0 or more",
      "ID            | ''            | stages[2].id = \"\": a stage needs a non-empty id",
      "ID            | initialImages | stages[2].id = \"initialImages\": stage ids must be unique",
      "REQUEST_TYPE  | soon          | stages[2].requestType = \"soon\": must be interaction, thumbnail or prefetch",
      "NEARBY_FRAMES | -1            | stages[2].nearbyFrames = \"-1\": not offset:imageQualityStatus, e.g. -1:3, 2:1"})
  void anUnusableStageValueIsNamedWithItsStageAndNothingIsSaved(Field field, String text, String message) {
    model.editStage(2, field, text);
    assertEquals(message, model.validationMessage());
    assertThrows(IllegalStateException.class, model::apply);
    assertTrue(store.saved.isEmpty());
    assertEquals(RetrieveConfiguration.interleaved(), model.selectedNode().retrieveConfiguration());
  }

  @Test
  void removingEveryStageIsNamed() {
    model.choosePreset(RetrieveConfiguration.SINGLE);
    model.removeStage(0);
    assertEquals("stages = []: at least one stage is needed", model.validationMessage());
  }

  @Test
  void aStagesRowReadsItsStageBack() {
    for (RetrieveStage stage : RetrieveConfiguration.interleaved().stages()) {
      assertEquals(stage, StageRow.of(stage).build(0));
    }
  }
}
