package org.weasis.progressive.ui.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.SeriesLoadingStrategy;

/** The fields of the selected node, read from and written to the model as one edit. */
public final class NodeForm {
  public static final String NAME = "node.name";
  public static final String BASE_URL = "node.baseUrl";
  public static final String AUTH_TYPE = "node.authType";
  public static final String USER = "node.user";
  public static final String SECRET = "node.secret";
  public static final String HEADERS = "node.headers";
  public static final String STRATEGY = "node.strategy";
  public static final String MAX_CONNECTIONS = "node.maxConnections";
  public static final String CONNECT_TIMEOUT = "node.connectTimeout";
  public static final String STALL_TIMEOUT = "node.stallTimeout";
  public static final String REQUEST_TIMEOUT = "node.requestTimeout";
  public static final String VERIFY_TLS = "node.verifyTls";
  public static final String MAX_LOAD_BYTES = "node.maxLoadBytes";
  public static final String MIN_TRANSFER_RATE = "node.minTransferRate";
  public static final String RATE_WINDOW = "node.rateWindow";
  public static final String OTHER_ORIGINS_ALLOWED = "node.otherOriginsAllowed";

  static final String LABEL_NAME = "Name";
  static final String LABEL_BASE_URL = "DICOMweb base URL";
  static final String LABEL_AUTH = "Authentication";
  static final String LABEL_USER = "User";
  static final String LABEL_SECRET = "Password / token";
  static final String LABEL_HEADERS = "Headers (Name: value; …)";
  static final String LABEL_STRATEGY = "Loading order";
  static final String LABEL_CONNECTIONS = "Connections";
  static final String LABEL_CONNECT = "Connect timeout (s)";
  static final String LABEL_STALL = "Stall timeout (s)";
  static final String LABEL_REQUEST = "Request timeout (s)";
  static final String LABEL_TLS = "Verify TLS certificates";
  static final String LABEL_LOAD_BUDGET = "Load budget (MiB)";
  static final String LABEL_MIN_RATE = "Minimum rate (KiB/s, 0 = off)";
  static final String LABEL_RATE_WINDOW = "Rate window (s)";
  static final String LABEL_OTHER_ORIGINS = "Allow frames from other origins";

  private static final long MIB = 1024 * 1024;
  private static final long KIB = 1024;
  private static final long MILLIS_PER_SECOND = 1000;

  private final JTextField name = new JTextField(20);
  private final JTextField baseUrl = new JTextField(28);
  private final JComboBox<Authentication.Type> authType = new JComboBox<>(Authentication.Type.values());
  private final JTextField user = new JTextField(12);
  private final JPasswordField secret = new JPasswordField(12);
  private final JTextField headers = new JTextField(20);
  private final JComboBox<String> strategy = new JComboBox<>(new String[] {
      SeriesLoadingStrategy.INTERLEAVED, SeriesLoadingStrategy.SEQUENTIAL, SeriesLoadingStrategy.NEAREST});
  private final JTextField maxConnections = new JTextField(4);
  private final JTextField connectTimeout = new JTextField(4);
  private final JTextField stallTimeout = new JTextField(4);
  private final JTextField requestTimeout = new JTextField(4);
  private final JCheckBox verifyTls = new JCheckBox();
  private final JTextField maxLoadBytes = new JTextField(6);
  private final JTextField minTransferRate = new JTextField(6);
  private final JTextField rateWindow = new JTextField(4);
  private final JCheckBox otherOriginsAllowed = new JCheckBox();
  private final JPanel panel;
  /** True when the host owns name, URL and authentication: shown (header values masked), never written. */
  private boolean identityLocked;

  public NodeForm() {
    panel = new FormLayout()
        .add(LABEL_NAME, NAME, name)
        .add(LABEL_BASE_URL, BASE_URL, baseUrl)
        .add(LABEL_AUTH, AUTH_TYPE, authType)
        .add(LABEL_USER, USER, user)
        .add(LABEL_SECRET, SECRET, secret)
        .add(LABEL_HEADERS, HEADERS, headers)
        .add(LABEL_STRATEGY, STRATEGY, strategy)
        .add(LABEL_CONNECTIONS, MAX_CONNECTIONS, maxConnections)
        .add(LABEL_CONNECT, CONNECT_TIMEOUT, connectTimeout)
        .add(LABEL_STALL, STALL_TIMEOUT, stallTimeout)
        .add(LABEL_REQUEST, REQUEST_TIMEOUT, requestTimeout)
        .add(LABEL_TLS, VERIFY_TLS, verifyTls)
        .add(LABEL_LOAD_BUDGET, MAX_LOAD_BYTES, maxLoadBytes)
        .add(LABEL_MIN_RATE, MIN_TRANSFER_RATE, minTransferRate)
        .add(LABEL_RATE_WINDOW, RATE_WINDOW, rateWindow)
        .add(LABEL_OTHER_ORIGINS, OTHER_ORIGINS_ALLOWED, otherOriginsAllowed)
        .panel();
  }

  public JPanel panel() {
    return panel;
  }

  /**
   * Shows name, base URL and authentication without letting them be edited: the host owns them, and shows
   * its header values itself; here they are masked.
   */
  public void lockIdentity() {
    identityLocked = true;
    for (JComponent field : new JComponent[] {name, baseUrl, authType, user, secret, headers}) {
      field.setEnabled(false);
    }
  }

  /** Fills the fields with a node's values. */
  public void show(NodeConfig node) {
    name.setText(node.name());
    baseUrl.setText(node.baseUrl());
    Authentication auth = node.authentication();
    authType.setSelectedItem(auth.type());
    user.setText(auth.user() == null ? "" : auth.user());
    secret.setText(auth.secret() == null ? "" : auth.secret());
    headers.setText(identityLocked ? maskedHeaders(auth.headers()) : formatHeaders(auth.headers()));
    strategy.setSelectedItem(node.strategy());
    maxConnections.setText(Integer.toString(node.maxConnections()));
    connectTimeout.setText(Long.toString(node.connectTimeout().toSeconds()));
    stallTimeout.setText(Long.toString(node.stallTimeout().toSeconds()));
    requestTimeout.setText(Long.toString(node.requestTimeout().toSeconds()));
    verifyTls.setSelected(node.verifyTls());
    maxLoadBytes.setText(TextInput.inUnits(node.maxLoadBytes(), MIB));
    minTransferRate.setText(TextInput.inUnits(node.minTransferRate(), KIB));
    rateWindow.setText(TextInput.inUnits(node.rateWindow().toMillis(), MILLIS_PER_SECOND));
    otherOriginsAllowed.setSelected(node.otherOriginsAllowed());
  }

  /** Writes every field into the selected node; a field that is not a number is reported, not thrown. */
  public void writeTo(PreferencesModel model) {
    if (!identityLocked) {
      model.editName(name.getText());
      model.editBaseUrl(baseUrl.getText());
      model.editAuthentication((Authentication.Type) authType.getSelectedItem(), user.getText(),
          new String(secret.getPassword()), parseHeaders(headers.getText()));
    }
    model.editStrategy((String) strategy.getSelectedItem());
    model.editVerifyTls(verifyTls.isSelected());
    model.editOtherOriginsAllowed(otherOriginsAllowed.isSelected());
    try {
      model.editMaxConnections(TextInput.requiredInt("maxConnections", maxConnections.getText()));
      model.editTimeouts(seconds("connectTimeout", connectTimeout), seconds("stallTimeout", stallTimeout),
          seconds("requestTimeout", requestTimeout));
      model.editMaxLoadBytes(TextInput.scaled("maxLoadBytes", maxLoadBytes.getText(), MIB));
      model.editMinTransferRate(TextInput.scaled("minTransferRate", minTransferRate.getText(), KIB),
          Duration.ofMillis(TextInput.scaled("rateWindow", rateWindow.getText(), MILLIS_PER_SECOND)));
    } catch (InvalidConfigurationException e) {
      model.rejectInput(e);
    }
  }

  private static Duration seconds(String key, JTextField field) {
    return Duration.ofSeconds(TextInput.requiredInt(key, field.getText()));
  }

  private static String formatHeaders(Map<String, String> values) {
    return values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
  }

  private static String maskedHeaders(Map<String, String> values) {
    return values.keySet().stream().map(key -> key + ": ••••").collect(Collectors.joining("; "));
  }

  /** "Name: value; Other: value" as a map; a part without ':' becomes a header with an empty value. */
  static Map<String, String> parseHeaders(String text) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      parsed.put(colon < 0 ? part.strip() : part.substring(0, colon).strip(),
          colon < 0 ? "" : part.substring(colon + 1).strip());
    }
    return parsed;
  }
}
