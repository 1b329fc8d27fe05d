package org.weasis.progressive.ui.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.RetrieveStage;

/**
 * The working copy of one node while it is edited: raw values that may not be valid yet, turned into a
 * {@link NodeConfig} by {@link #build()} so that the core records do all the validating.
 */
final class NodeDraft {
  String id;
  String name;
  String baseUrl;
  Authentication.Type authType;
  String user;
  String secret;
  Map<String, String> headers;
  boolean progressive;
  String strategy;
  String preset;
  /** The stages as typed; parsed by {@link #build()}. */
  final List<StageRow> stages = new ArrayList<>();
  int maxConnections;
  Duration connectTimeout;
  Duration stallTimeout;
  Duration requestTimeout;
  boolean verifyTls;
  long maxLoadBytes;
  long minTransferRate;
  Duration rateWindow;
  boolean otherOriginsAllowed;
  /** The node as loaded: keeps the settings no field shows (retries, frame limit) as a console set them. */
  private NodeConfig loaded;
  /** Per retrieveType, the options as loaded: keeps the transfer-syntax entries no column shows. */
  final Map<String, RetrieveOptions> kept = new HashMap<>();
  /** Per retrieveType, then per column label, what the table shows; a missing cell is empty. */
  final Map<String, Map<String, CellOptions>> cells = new HashMap<>();

  /** A draft holding exactly this node. */
  static NodeDraft of(NodeConfig node) {
    NodeDraft draft = new NodeDraft();
    draft.loaded = node;
    draft.id = node.id();
    draft.name = node.name();
    draft.baseUrl = node.baseUrl();
    draft.setAuthentication(node.authentication());
    draft.progressive = node.progressive();
    draft.strategy = node.strategy();
    draft.maxConnections = node.maxConnections();
    draft.connectTimeout = node.connectTimeout();
    draft.stallTimeout = node.stallTimeout();
    draft.requestTimeout = node.requestTimeout();
    draft.verifyTls = node.verifyTls();
    draft.maxLoadBytes = node.maxLoadBytes();
    draft.minTransferRate = node.minTransferRate();
    draft.rateWindow = node.rateWindow();
    draft.otherOriginsAllowed = node.otherOriginsAllowed();
    draft.loadConfiguration(node.preset(), node.retrieveConfiguration());
    return draft;
  }

  void setAuthentication(Authentication auth) {
    authType = auth.type();
    user = auth.user();
    secret = auth.secret();
    headers = new LinkedHashMap<>(auth.headers());
  }

  /** Replaces preset, stages and every cell with those of {@code configuration}. */
  void loadConfiguration(String presetName, RetrieveConfiguration configuration) {
    preset = presetName;
    setStages(configuration.stages());
    kept.clear();
    cells.clear();
    configuration.retrieveOptions().forEach(this::loadRow);
  }

  void setStages(List<RetrieveStage> newStages) {
    stages.clear();
    newStages.stream().map(StageRow::of).forEach(stages::add);
  }

  /**
   * The options table's rows: the stages' retrieveTypes in stage order, then the retrieveTypes that have
   * options but no stage (sorted) — kept rather than dropped so that removing or renaming a stage loses no
   * options; {@link #isUsed} tells them apart.
   */
  List<String> retrieveTypes() {
    List<String> rows = new ArrayList<>(usedRetrieveTypes());
    Set<String> withOptions = new TreeSet<>(kept.keySet());
    withOptions.addAll(cells.keySet());
    withOptions.stream().filter(type -> !rows.contains(type) && hasOptions(type)).forEach(rows::add);
    return rows;
  }

  /** True when a stage names this retrieveType. */
  boolean isUsed(String retrieveType) {
    return usedRetrieveTypes().contains(retrieveType);
  }

  /** Forgets the options of retrieveTypes no stage names, except {@code default}: it is the fallback of all. */
  void dropUnusedRows() {
    List<String> keep = new ArrayList<>(usedRetrieveTypes());
    keep.add(RetrieveStage.DEFAULT_RETRIEVE_TYPE);
    kept.keySet().retainAll(keep);
    cells.keySet().retainAll(keep);
  }

  private List<String> usedRetrieveTypes() {
    return stages.stream().map(StageRow::retrieveTypeOrDefault).distinct().toList();
  }

  /** Whether a row would store options; an unusable cell counts as options, so its error stays visible. */
  private boolean hasOptions(String retrieveType) {
    try {
      return !buildRow(retrieveType).equals(RetrieveOptions.DEFAULT);
    } catch (InvalidConfigurationException e) {
      return true;
    }
  }

  CellOptions cell(String retrieveType, TransferSyntaxColumn column) {
    return cells.getOrDefault(retrieveType, Map.of()).getOrDefault(column.label(), CellOptions.EMPTY);
  }

  void setCell(String retrieveType, TransferSyntaxColumn column, CellOptions cell) {
    cells.computeIfAbsent(retrieveType, k -> new HashMap<>()).put(column.label(), cell);
  }

  /**
   * The node this draft stands for.
   *
   * @throws org.weasis.progressive.api.InvalidConfigurationException naming the first unusable key and value
   */
  NodeConfig build() {
    Authentication auth = new Authentication(authType, user, secret, headers);
    RetrieveConfiguration configuration = new RetrieveConfiguration(buildStages(), buildOptions());
    return (loaded == null ? NodeConfig.builder() : loaded.toBuilder())
        .id(id)
        .name(name)
        .baseUrl(baseUrl)
        .authentication(auth)
        .progressive(progressive)
        .strategy(strategy)
        .retrieveConfiguration(preset, configuration)
        .maxConnections(maxConnections)
        .connectTimeout(connectTimeout)
        .stallTimeout(stallTimeout)
        .requestTimeout(requestTimeout)
        .verifyTls(verifyTls)
        .maxLoadBytes(maxLoadBytes)
        .minTransferRate(minTransferRate)
        .rateWindow(rateWindow)
        .otherOriginsAllowed(otherOriginsAllowed)
        .build();
  }

  /** The retrieve options of one row: its default cell, with the other cells as transfer-syntax entries. */
  RetrieveOptions buildRow(String retrieveType) {
    RetrieveOptions base = kept.getOrDefault(retrieveType, RetrieveOptions.DEFAULT);
    Map<String, RetrieveOptions> bySyntax = new HashMap<>(base.transferSyntaxes());
    for (TransferSyntaxColumn column : TransferSyntaxColumn.ALL) {
      CellOptions cell = cell(retrieveType, column);
      // An untouched cell leaves the loaded entries as they are: HTJ2K's three UIDs may differ when
      // they come from JSON, and rewriting them from the one cell would lose that.
      if (!column.isDefault() && !cell.equals(CellOptions.of(base.transferSyntaxes().get(column.primaryUid())))) {
        try {
          putColumn(bySyntax, column, cell);
        } catch (InvalidConfigurationException e) {
          throw e.under(optionsPath(retrieveType) + ".transferSyntaxes." + column.primaryUid());
        }
      }
    }
    RetrieveOptions syntaxesOnly = RetrieveOptions.builder().transferSyntaxes(bySyntax).build();
    try {
      return cell(retrieveType, TransferSyntaxColumn.DEFAULT).toOptions(syntaxesOnly);
    } catch (InvalidConfigurationException e) {
      throw e.under(optionsPath(retrieveType));
    }
  }

  /** Where a cell's options sit in the JSON, so that an error names the same path as a pasted configuration's. */
  private static String optionsPath(String retrieveType) {
    return "retrieveOptions." + retrieveType;
  }

  private List<RetrieveStage> buildStages() {
    List<RetrieveStage> built = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      built.add(stages.get(i).build(i));
    }
    return built;
  }

  private Map<String, RetrieveOptions> buildOptions() {
    Map<String, RetrieveOptions> options = new HashMap<>();
    for (String retrieveType : retrieveTypes()) {
      RetrieveOptions row = buildRow(retrieveType);
      if (!row.equals(RetrieveOptions.DEFAULT)) {
        options.put(retrieveType, row);
      }
    }
    return options;
  }

  private static void putColumn(Map<String, RetrieveOptions> bySyntax, TransferSyntaxColumn column, CellOptions cell) {
    RetrieveOptions kept = bySyntax.get(column.primaryUid());
    List<String> uids = new ArrayList<>(column.uids());
    uids.forEach(bySyntax::remove);
    RetrieveOptions options = cell.toOptions(kept);
    if (!options.equals(RetrieveOptions.DEFAULT)) {
      uids.forEach(uid -> bySyntax.put(uid, options));
    }
  }

  private void loadRow(String retrieveType, RetrieveOptions options) {
    kept.put(retrieveType, options);
    for (TransferSyntaxColumn column : TransferSyntaxColumn.ALL) {
      RetrieveOptions source = column.isDefault() ? options : options.transferSyntaxes().get(column.primaryUid());
      CellOptions cell = CellOptions.of(source);
      if (!cell.isEmpty()) {
        setCell(retrieveType, column, cell);
      }
    }
  }
}
