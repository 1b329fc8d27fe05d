package org.weasis.progressive.ui.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.api.node.ProbeReport;

/**
 * The state of the progressive-loading preferences page without any Swing, so that editing, validation,
 * apply and reset are tested without a display.
 *
 * <p>Every edit rebuilds the edited node through the core records; when they refuse, the model keeps the
 * message naming the key and value and {@link #apply()} refuses. "Reset to defaults" follows Weasis: it
 * sets the page's values of the selected node back to {@link NodeConfig#of} defaults (progressive off,
 * interleaved preset with no options, default connections, timeouts, TLS verified) while keeping what
 * identifies the node (id, name, base URL, authentication); nothing is stored until Apply.
 */
public final class PreferencesModel {
  public static final String NEW_NODE_NAME = "New node";
  public static final String NEW_NODE_URL = "http://localhost:8080/dicom-web";
  /** The presets offered, {@link NodeConfig#CUSTOM} last. */
  public static final List<String> PRESETS = List.of(RetrieveConfiguration.SINGLE,
      RetrieveConfiguration.SEQUENTIAL, RetrieveConfiguration.INTERLEAVED, NodeConfig.CUSTOM);

  private final NodeStore store;
  private final NodeProbe probe;
  /** The page's nodes in display order; each holds its stored state and its working copy. */
  private final List<Entry> entries = new ArrayList<>();
  /** Ids of stored nodes removed on the page, removed from the store on apply. */
  private final List<String> removedIds = new ArrayList<>();
  private int selected = -1;
  private ProbeReport lastReport;

  public PreferencesModel(NodeStore store, NodeProbe probe) {
    this.store = Objects.requireNonNull(store, "store");
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** Reads the stored nodes, dropping every unapplied edit. */
  public void load() throws IOException {
    entries.clear();
    removedIds.clear();
    for (NodeConfig node : store.list()) {
      entries.add(new Entry(node));
    }
    selected = entries.isEmpty() ? -1 : 0;
    lastReport = null;
  }

  // ---- node list ----

  public int size() {
    return entries.size();
  }

  /** The node at {@code index} as last valid (an invalid working copy does not show here). */
  public NodeConfig node(int index) {
    return entries.get(index).node;
  }

  public int selectedIndex() {
    return selected;
  }

  public void select(int index) {
    if (index < -1 || index >= entries.size()) {
      throw new IndexOutOfBoundsException(index);
    }
    selected = index;
    lastReport = null;
  }

  /** Adds a node with the defaults and selects it. */
  public void addNode() {
    entries.add(new Entry(null, NodeConfig.of(uniqueName(), NEW_NODE_URL)));
    selected = entries.size() - 1;
  }

  /** Removes the selected node; a stored one leaves the store on apply. */
  public void removeSelected() {
    Entry entry = selectedEntry();
    entries.remove(selected);
    if (entry.stored != null && entry.stored.id() != null) {
      removedIds.add(entry.stored.id());
    }
    selected = Math.min(selected, entries.size() - 1);
  }

  /** Turns progressive loading of the node at {@code index} on or off. */
  public void toggleProgressive(int index) {
    Entry entry = entries.get(index);
    entry.draft.progressive = !entry.draft.progressive;
    entry.rebuild();
  }

  // ---- the selected node's fields ----

  /** The selected node's working copy as last valid. */
  public NodeConfig selectedNode() {
    return selectedEntry().node;
  }

  public void editName(String name) {
    edit(draft -> draft.name = name);
  }

  public void editBaseUrl(String baseUrl) {
    edit(draft -> draft.baseUrl = baseUrl);
  }

  public void editAuthentication(Authentication.Type type, String user, String secret, Map<String, String> headers) {
    edit(draft -> {
      draft.authType = type;
      draft.user = user;
      draft.secret = secret;
      draft.headers = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
    });
  }

  public void editStrategy(String strategy) {
    edit(draft -> draft.strategy = strategy);
  }

  public void editMaxConnections(int connections) {
    edit(draft -> draft.maxConnections = connections);
  }

  public void editTimeouts(Duration connect, Duration stall, Duration request) {
    edit(draft -> {
      draft.connectTimeout = connect;
      draft.stallTimeout = stall;
      draft.requestTimeout = request;
    });
  }

  public void editVerifyTls(boolean verify) {
    edit(draft -> draft.verifyTls = verify);
  }

  /** The frame bytes one load of this node may hold at once. */
  public void editMaxLoadBytes(long bytes) {
    edit(draft -> draft.maxLoadBytes = bytes);
  }

  /** The transfer rate a response must keep up over {@code window}; 0 turns the check off. */
  public void editMinTransferRate(long bytesPerSecond, Duration window) {
    edit(draft -> {
      draft.minTransferRate = bytesPerSecond;
      draft.rateWindow = window;
    });
  }

  public void editOtherOriginsAllowed(boolean allowed) {
    edit(draft -> draft.otherOriginsAllowed = allowed);
  }

  /**
   * Records a value the page could not even read (text where a number is expected) so that apply refuses
   * until the field is edited again.
   */
  public void rejectInput(String key, String text, String reason) {
    rejectInput(new InvalidConfigurationException(key, text, reason));
  }

  /** The same for a value a form already found unreadable. */
  public void rejectInput(InvalidConfigurationException unreadable) {
    selectedEntry().inputError = Objects.requireNonNull(unreadable, "unreadable");
  }

  // ---- retrieve configuration ----

  /** The selected node's preset name, or {@link NodeConfig#CUSTOM}. */
  public String preset() {
    return selectedEntry().draft.preset;
  }

  /**
   * Switches the selected node to a preset's stages, dropping the options no stage of the preset uses
   * (but {@code default}, the fallback of every row); custom keeps the stages and options it has.
   */
  public void choosePreset(String presetName) {
    edit(draft -> {
      if (!NodeConfig.CUSTOM.equals(presetName)) {
        draft.setStages(RetrieveConfiguration.preset(presetName).stages());
        draft.dropUnusedRows();
      }
      draft.preset = presetName;
    });
  }

  /** The selected node's stages as typed, in order. */
  public List<StageRow> stages() {
    return List.copyOf(selectedEntry().draft.stages);
  }

  /** Appends a stage over every image with retrieveType {@code default}; the preset becomes custom. */
  public void addStage() {
    editStages(stages -> stages.add(StageRow.named(uniqueStageId(stages))));
  }

  /** Removes a stage; its retrieveType's options stay, flagged unused, until dropped. */
  public void removeStage(int index) {
    editStages(stages -> stages.remove(index));
  }

  /**
   * Moves a stage up ({@code -1}) or down ({@code +1}) — the order in which stages are queued.
   *
   * @return where the stage is now (unchanged at either end)
   */
  public int moveStage(int index, int delta) {
    int target = index + delta;
    if (target < 0 || target >= selectedEntry().draft.stages.size()) {
      return index;
    }
    editStages(stages -> stages.add(target, stages.remove(index)));
    return target;
  }

  /** Sets one field of a stage as typed; checked when the node is built. */
  public void editStage(int index, StageRow.Field field, String text) {
    editStages(stages -> stages.set(index, stages.get(index).with(field, text)));
  }

  /** The table's rows: the stages' retrieveTypes in stage order, then unused ones that have options. */
  public List<String> retrieveTypes() {
    return selectedEntry().draft.retrieveTypes();
  }

  /** False for a row whose options no stage uses (kept after its last stage was removed or renamed). */
  public boolean isUsed(String retrieveType) {
    return selectedEntry().draft.isUsed(retrieveType);
  }

  /** Forgets the options of every unused row but {@code default}. */
  public void dropUnusedOptions() {
    edit(NodeDraft::dropUnusedRows);
  }

  public CellOptions cell(String retrieveType, TransferSyntaxColumn column) {
    return selectedEntry().draft.cell(retrieveType, column);
  }

  /** Sets one cell of the table; an empty cell removes that column's options. */
  public void editCell(String retrieveType, TransferSyntaxColumn column, CellOptions cell) {
    Objects.requireNonNull(cell, "cell");
    edit(draft -> draft.setCell(retrieveType, column, cell));
  }

  /** The selected node's retrieve configuration (as last valid) in Cornerstone3D's JSON shape. */
  public String configurationJson() {
    return selectedNode().retrieveConfiguration().toJson();
  }

  /**
   * Replaces the selected node's stages and options with a configuration pasted as JSON (from OHIF, say);
   * the preset is the one whose stages it has, else custom.
   */
  public void editConfigurationJson(String json) {
    edit(draft -> {
      RetrieveConfiguration configuration = parseConfiguration(json);
      draft.loadConfiguration(NodeConfig.presetOf(configuration), configuration);
    });
  }

  /**
   * Reads a configuration with the core's parser and checks Accept and urlArguments as the cells do.
   *
   * @throws InvalidConfigurationException naming the key path and value, e.g. {@code stages[1].decimate}
   */
  public static RetrieveConfiguration parseConfiguration(String json) {
    return RetrieveConfiguration.fromJson(json).checkRequestSyntax();
  }

  // ---- validation, apply, reset ----

  /** Why the page cannot be applied, naming key and value, or null when every node is valid. */
  public String validationMessage() {
    if (selected >= 0 && entries.get(selected).error() != null) {
      return entries.get(selected).error().getMessage();
    }
    return entries.stream().map(Entry::error).filter(Objects::nonNull)
        .map(InvalidConfigurationException::getMessage).findFirst().orElse(null);
  }

  public boolean isValid() {
    return validationMessage() == null;
  }

  /** True when the selected node's edits all hold (another node may still be invalid). */
  public boolean isSelectedValid() {
    return selectedEntry().error() == null;
  }

  /** True when apply would store or remove something. */
  public boolean isModified() {
    return !removedIds.isEmpty() || entries.stream().anyMatch(Entry::isChanged);
  }

  /**
   * Saves every changed node and removes the removed ones.
   *
   * @return the number of nodes saved
   * @throws IllegalStateException while a node is invalid; nothing is stored then
   */
  public int apply() throws IOException {
    String message = validationMessage();
    if (message != null) {
      throw new IllegalStateException(message);
    }
    for (String id : removedIds) {
      store.remove(id);
    }
    removedIds.clear();
    int saved = 0;
    for (Entry entry : entries) {
      if (entry.isChanged()) {
        entry.stored(store.save(entry.node));
        saved++;
      }
    }
    return saved;
  }

  /** Sets the selected node's values back to the defaults, keeping id, name, base URL and authentication. */
  public void resetToDefaults() {
    Entry entry = selectedEntry();
    NodeConfig current = entry.node;
    NodeConfig defaults = NodeConfig.builder().name(current.name()).baseUrl(current.baseUrl())
        .id(current.id())
        .authentication(current.authentication()).build();
    entry.replace(defaults);
  }

  // ---- Test node ----

  /** The settings the probe talks to the selected node with. */
  public NodeConfig probeSettings() {
    return selectedNode();
  }

  /** Probes the selected node in the calling thread; the page calls this off the EDT in two halves. */
  public ProbeReport testNode(String studyUid, String seriesUid) {
    ProbeReport report = probe.probe(probeSettings(), studyUid, seriesUid);
    acceptReport(report);
    return report;
  }

  public void acceptReport(ProbeReport report) {
    lastReport = report;
  }

  /** The last report for the selected node, or null. */
  public ProbeReport lastReport() {
    return lastReport;
  }

  public NodeProbe probe() {
    return probe;
  }

  /** Makes the last report's proposal the selected node's retrieve configuration. */
  public void useProposedConfiguration() {
    if (lastReport == null || lastReport.proposal() == null) {
      throw new IllegalStateException("no proposed configuration: test the node first");
    }
    RetrieveConfiguration proposal = lastReport.proposal();
    edit(draft -> draft.loadConfiguration(NodeConfig.presetOf(proposal), proposal));
  }

  // ---- helpers ----

  private void edit(java.util.function.Consumer<NodeDraft> change) {
    Entry entry = selectedEntry();
    entry.inputError = null;
    try {
      change.accept(entry.draft);
      entry.rebuild();
    } catch (InvalidConfigurationException e) {
      entry.buildError = e;
    }
  }

  /** Any change of the stages makes them the user's own. */
  private void editStages(java.util.function.Consumer<List<StageRow>> change) {
    edit(draft -> {
      change.accept(draft.stages);
      draft.preset = NodeConfig.CUSTOM;
    });
  }

  private static String uniqueStageId(List<StageRow> stages) {
    String id = "stage" + (stages.size() + 1);
    for (int n = stages.size() + 2; idTaken(stages, id); n++) {
      id = "stage" + n;
    }
    return id;
  }

  private static boolean idTaken(List<StageRow> stages, String id) {
    return stages.stream().anyMatch(stage -> stage.id().equals(id));
  }

  private Entry selectedEntry() {
    if (selected < 0) {
      throw new IllegalStateException("no node is selected");
    }
    return entries.get(selected);
  }

  private String uniqueName() {
    String name = NEW_NODE_NAME;
    for (int n = 2; nameTaken(name); n++) {
      name = NEW_NODE_NAME + " " + n;
    }
    return name;
  }

  private boolean nameTaken(String name) {
    return entries.stream().anyMatch(e -> e.node.name().equals(name));
  }

  /** One node of the page. */
  private static final class Entry {
    /** As in the store; null for a node not saved yet. */
    NodeConfig stored;
    /** The working copy as last valid. */
    NodeConfig node;
    NodeDraft draft;
    /** Why the draft cannot be built, or null. */
    InvalidConfigurationException buildError;
    /** A value the page could not read, or null. */
    InvalidConfigurationException inputError;

    Entry(NodeConfig stored) {
      this(stored, stored);
    }

    Entry(NodeConfig stored, NodeConfig working) {
      this.stored = stored;
      replace(working);
    }

    void replace(NodeConfig working) {
      node = working;
      draft = NodeDraft.of(working);
      buildError = null;
      inputError = null;
    }

    void stored(NodeConfig saved) {
      stored = saved;
      replace(saved);
    }

    void rebuild() {
      try {
        node = draft.build();
        buildError = null;
      } catch (InvalidConfigurationException e) {
        buildError = e;
      }
    }

    InvalidConfigurationException error() {
      return inputError != null ? inputError : buildError;
    }

    boolean isChanged() {
      return stored == null || !stored.equals(node);
    }
  }
}
