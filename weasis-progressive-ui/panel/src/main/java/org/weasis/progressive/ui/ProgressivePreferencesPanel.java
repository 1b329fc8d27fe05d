package org.weasis.progressive.ui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.node.NodeProbe;
import org.weasis.progressive.api.node.NodeStore;
import org.weasis.progressive.api.node.ProbeReport;
import org.weasis.progressive.ui.internal.NodeForm;
import org.weasis.progressive.ui.internal.NodeTableModel;
import org.weasis.progressive.ui.internal.PreferencesModel;
import org.weasis.progressive.ui.internal.ProbeReportText;
import org.weasis.progressive.ui.internal.RetrieveEditor;
import org.weasis.progressive.ui.internal.StatusLabel;

/**
 * The progressive-loading preferences of every DICOMweb node as one Swing panel built in its constructor,
 * so that a Weasis preferences page can host it as is and call {@link #apply()} and
 * {@link #resetToDefaultValues()}.
 */
public class ProgressivePreferencesPanel extends JPanel {
  private static final long serialVersionUID = 1L;

  // Component names, for tests and for a host that wants to reach a component.
  public static final String NODE_TABLE = "nodes";
  public static final String ADD = "add";
  public static final String UPDATE = "update";
  public static final String REMOVE = "remove";
  public static final String PRESET = RetrieveEditor.PRESET;
  public static final String OPTIONS_TABLE = RetrieveEditor.OPTIONS_TABLE;
  public static final String SET_CELL = RetrieveEditor.SET_CELL;
  public static final String VALIDATION = "validation";
  public static final String APPLY = "apply";
  public static final String RESET = "reset";
  public static final String STUDY_UID = "studyUid";
  public static final String SERIES_UID = "seriesUid";
  public static final String TEST_NODE = "testNode";
  public static final String USE_PROPOSAL = "useProposal";
  public static final String REPORT = "report";

  // User-visible text.
  public static final String TEXT_ADD = "Add";
  public static final String TEXT_UPDATE = "Edit";
  public static final String TEXT_REMOVE = "Remove";
  public static final String TEXT_PRESET = RetrieveEditor.TEXT_PRESET;
  public static final String TEXT_OPTIONS = RetrieveEditor.TEXT_OPTIONS;
  public static final String TEXT_SET_CELL = RetrieveEditor.TEXT_SET_CELL;
  public static final String TEXT_APPLY = "Apply";
  public static final String TEXT_RESET = "Reset to defaults";
  public static final String TEXT_STUDY = "Study UID";
  public static final String TEXT_SERIES = "Series UID";
  public static final String TEXT_TEST_NODE = "Test node";
  public static final String TEXT_TESTING = "Testing the node…";
  public static final String TEXT_USE_PROPOSAL = "Use the proposed configuration";
  public static final String TEXT_APPLIED = "Saved %d node(s).";
  public static final String TEXT_STORE_FAILED = "The node settings could not be stored: %s";
  public static final String TEXT_PROBE_FAILED = "The test failed: %s";
  static final String TEXT_NODE_TAB = "Node";
  static final String TEXT_RETRIEVE_TAB = "Retrieve configuration";

  private final transient PreferencesModel model;
  private final NodeTableModel nodeTableModel;
  private final JTable nodeTable;
  private final NodeForm nodeForm = new NodeForm();
  private final RetrieveEditor retrieveEditor;
  private final StatusLabel validationLabel = new StatusLabel(VALIDATION);
  private final JButton applyButton = button(TEXT_APPLY, APPLY, this::apply);
  private final JTextField studyUid = new JTextField(18);
  private final JTextField seriesUid = new JTextField(18);
  private final JButton testButton = new JButton(TEXT_TEST_NODE);
  private final JButton useProposalButton = new JButton(TEXT_USE_PROPOSAL);
  private final JTextArea reportArea = new JTextArea(5, 40);
  /** True when the host owns the node list: no Add/Remove, identity and authentication shown read-only. */
  private final boolean hostNodes;
  /** True while the panel itself updates components, so their listeners do not edit the model. */
  private boolean refreshing;

  public ProgressivePreferencesPanel(NodeStore store, NodeProbe probe) {
    this(store, probe, false);
  }

  /**
   * A panel over nodes the host keeps in its own list (Weasis' DICOMweb nodes): {@code store.list()} is that
   * list, so nodes are neither added nor removed here, and their name, base URL and authentication, which
   * the host edits, are shown but not editable.
   */
  public static ProgressivePreferencesPanel forHostNodes(NodeStore store, NodeProbe probe) {
    return new ProgressivePreferencesPanel(store, probe, true);
  }

  private ProgressivePreferencesPanel(NodeStore store, NodeProbe probe, boolean hostNodes) {
    super(new BorderLayout(6, 6));
    this.hostNodes = hostNodes;
    model = new PreferencesModel(Objects.requireNonNull(store, "store"), Objects.requireNonNull(probe, "probe"));
    nodeTableModel = new NodeTableModel(model);
    nodeTable = new JTable(nodeTableModel);
    retrieveEditor = new RetrieveEditor(model, this::showValidation);
    // A host's page is narrow (Weasis' preferences dialog is about 600 pixels wide): the node list goes above.
    add(buildNodeList(), hostNodes ? BorderLayout.NORTH : BorderLayout.WEST);
    add(buildNodeEditor(), BorderLayout.CENTER);
    add(buildFooter(), BorderLayout.SOUTH);
    loadFromStore();
  }

  /** Stores every changed node; refused, with the message shown, while a value is invalid. */
  public void apply() {
    if (!model.isValid()) {
      showValidation();
      return;
    }
    try {
      int saved = model.apply();
      refreshAll();
      validationLabel.showInfo(String.format(TEXT_APPLIED, saved));
    } catch (IOException e) {
      validationLabel.showError(String.format(TEXT_STORE_FAILED, e.getMessage()));
    }
  }

  /** Sets the selected node's values back to the defaults (kept: id, name, base URL, authentication). */
  public void resetToDefaultValues() {
    if (model.selectedIndex() >= 0) {
      model.resetToDefaults();
      refreshAll();
    }
  }

  // ---- building ----

  private JPanel buildNodeList() {
    nodeTable.setName(NODE_TABLE);
    nodeTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    nodeTable.setPreferredScrollableViewportSize(
        hostNodes ? new Dimension(320, nodeTable.getRowHeight() * 4) : new Dimension(320, 300));
    nodeTable.getSelectionModel().addListSelectionListener(e -> {
      if (!e.getValueIsAdjusting()) {
        selectNode(nodeTable.getSelectedRow());
      }
    });
    nodeTableModel.addTableModelListener(e -> showValidation());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEADING));
    if (!hostNodes) {
      buttons.add(button(TEXT_ADD, ADD, this::addNode));
    }
    buttons.add(button(TEXT_UPDATE, UPDATE, this::updateNode));
    if (!hostNodes) {
      buttons.add(button(TEXT_REMOVE, REMOVE, this::removeNode));
    }
    JPanel list = new JPanel(new BorderLayout());
    list.add(new JScrollPane(nodeTable), BorderLayout.CENTER);
    list.add(buttons, BorderLayout.SOUTH);
    return list;
  }

  /** Two tabs: what identifies and reaches the node, and how its series are retrieved. */
  private JTabbedPane buildNodeEditor() {
    if (hostNodes) {
      nodeForm.lockIdentity();
    }
    JPanel node = new JPanel(new BorderLayout());
    node.add(nodeForm.panel(), BorderLayout.NORTH);
    JTabbedPane tabs = new JTabbedPane();
    tabs.addTab(TEXT_NODE_TAB, node);
    tabs.addTab(TEXT_RETRIEVE_TAB, retrieveEditor.panel());
    return tabs;
  }

  private JPanel buildFooter() {
    studyUid.setName(STUDY_UID);
    seriesUid.setName(SERIES_UID);
    testButton.setName(TEST_NODE);
    testButton.addActionListener(e -> testNode());
    useProposalButton.setName(USE_PROPOSAL);
    useProposalButton.addActionListener(e -> useProposal());
    reportArea.setName(REPORT);
    reportArea.setEditable(false);
    JPanel test = new JPanel(new FlowLayout(FlowLayout.LEADING));
    test.add(new JLabel(TEXT_STUDY));
    test.add(studyUid);
    test.add(new JLabel(TEXT_SERIES));
    test.add(seriesUid);
    test.add(testButton);
    test.add(useProposalButton);
    JPanel actions = new JPanel(new FlowLayout(FlowLayout.TRAILING));
    actions.add(button(TEXT_RESET, RESET, this::resetToDefaultValues));
    actions.add(applyButton);
    JPanel footer = new JPanel(new BorderLayout());
    footer.add(test, BorderLayout.NORTH);
    footer.add(new JScrollPane(reportArea), BorderLayout.CENTER);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.add(validationLabel, BorderLayout.CENTER);
    bottom.add(actions, BorderLayout.EAST);
    footer.add(bottom, BorderLayout.SOUTH);
    return footer;
  }

  private static JButton button(String text, String name, Runnable action) {
    JButton button = new JButton(text);
    button.setName(name);
    button.addActionListener(e -> action.run());
    return button;
  }

  // ---- actions ----

  private void loadFromStore() {
    try {
      model.load();
      refreshAll();
    } catch (IOException e) {
      validationLabel.showError(String.format(TEXT_STORE_FAILED, e.getMessage()));
    }
  }

  private void selectNode(int row) {
    if (!refreshing && row >= 0 && row != model.selectedIndex()) {
      model.select(row);
      refreshSelectedNode();
    }
  }

  private void addNode() {
    model.addNode();
    refreshAll();
  }

  private void updateNode() {
    if (model.selectedIndex() >= 0) {
      nodeForm.writeTo(model);
      refreshNodeList();
      showValidation();
    }
  }

  private void removeNode() {
    if (model.selectedIndex() >= 0) {
      model.removeSelected();
      refreshAll();
    }
  }

  /** Asks the probe in a worker thread: it makes HTTP requests that must not freeze the page. */
  private void testNode() {
    if (model.selectedIndex() < 0) {
      return;
    }
    NodeConfig settings = model.probeSettings();
    String study = studyUid.getText().strip();
    String series = seriesUid.getText().strip();
    NodeProbe probe = model.probe();
    testButton.setEnabled(false);
    reportArea.setText(TEXT_TESTING);
    new SwingWorker<ProbeReport, Void>() {
      @Override
      protected ProbeReport doInBackground() {
        return probe.probe(settings, study, series);
      }

      @Override
      protected void done() {
        showReport(this);
      }
    }.execute();
  }

  private void showReport(SwingWorker<ProbeReport, Void> worker) {
    testButton.setEnabled(true);
    try {
      ProbeReport report = worker.get();
      model.acceptReport(report);
      reportArea.setText(ProbeReportText.format(report));
    } catch (ExecutionException e) {
      reportArea.setText(String.format(TEXT_PROBE_FAILED, e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    useProposalButton.setEnabled(model.lastReport() != null && model.lastReport().proposal() != null);
  }

  private void useProposal() {
    if (model.lastReport() != null && model.lastReport().proposal() != null) {
      model.useProposedConfiguration();
      refreshSelectedNode();
    }
  }

  // ---- refreshing ----

  private void refreshAll() {
    refreshNodeList();
    refreshSelectedNode();
  }

  private void refreshNodeList() {
    refreshing = true;
    try {
      nodeTableModel.fireTableDataChanged();
      int selected = model.selectedIndex();
      if (selected >= 0) {
        nodeTable.setRowSelectionInterval(selected, selected);
      }
    } finally {
      refreshing = false;
    }
  }

  private void refreshSelectedNode() {
    refreshing = true;
    try {
      boolean hasNode = model.selectedIndex() >= 0;
      if (hasNode) {
        nodeForm.show(model.selectedNode());
      }
      testButton.setEnabled(hasNode);
      useProposalButton.setEnabled(model.lastReport() != null && model.lastReport().proposal() != null);
      retrieveEditor.refresh();
      reportArea.setText(model.lastReport() == null ? "" : ProbeReportText.format(model.lastReport()));
    } finally {
      refreshing = false;
    }
    showValidation();
  }

  /** The first error in red, and Apply only while every node holds and no JSON edit is pending. */
  private void showValidation() {
    String message = model.validationMessage();
    if (message == null) {
      validationLabel.showInfo(" ");
    } else {
      validationLabel.showError(message);
    }
    applyButton.setEnabled(message == null && !retrieveEditor.isEditingJson());
  }
}
