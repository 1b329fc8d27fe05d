package org.weasis.progressive.ui.internal;

import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.InvalidConfigurationException;
import org.weasis.progressive.api.RetrieveOptions;

/** Edits the one table cell the user selected: the options a transfer syntax gets for a retrieveType. */
public final class CellForm {
  public static final String FRAMES_PATH = "cell.framesPath";
  public static final String STREAMING = "cell.streaming";
  public static final String RANGE_INDEX = "cell.rangeIndex";
  public static final String CHUNK_SIZE = "cell.chunkSize";
  public static final String DECODE_LEVEL = "cell.decodeLevel";
  public static final String QUALITY = "cell.imageQualityStatus";
  public static final String ACCEPT = "cell.accept";
  public static final String URL_ARGUMENTS = "cell.urlArguments";

  static final String LABEL_FRAMES_PATH = "Frames path (e.g. /jls/)";
  static final String LABEL_STREAMING = "Decode while streaming";
  static final String LABEL_RANGE_INDEX = "Byte range chunk (0, 1 …, -1 = rest)";
  static final String LABEL_CHUNK_SIZE = "Chunk size (bytes)";
  static final String LABEL_DECODE_LEVEL = "Decode level (0 = full)";
  static final String LABEL_QUALITY = "Quality once complete";
  static final String LABEL_ACCEPT = "Accept (blank = any transfer syntax)";
  static final String LABEL_URL_ARGUMENTS = "URL arguments (a=1&b=2)";
  /** The quality combo's entry for "not set". */
  static final String NOT_SET = "";

  private final JTextField framesPath = new JTextField(10);
  private final JCheckBox streaming = new JCheckBox();
  private final JTextField rangeIndex = new JTextField(4);
  private final JTextField chunkSize = new JTextField(8);
  private final JTextField decodeLevel = new JTextField(4);
  private final JComboBox<Object> quality = new JComboBox<>();
  private final JTextField accept = new JTextField(24);
  private final JTextField urlArguments = new JTextField(16);
  private final JPanel panel;

  public CellForm() {
    accept.setToolTipText("<html>Blank sends " + RetrieveOptions.DEFAULT_ACCEPT.replace("\"", "&quot;")
        + "<br>e.g. multipart/related; type=&quot;image/jls&quot;</html>");
    urlArguments.setToolTipText("Appended to the frame URL, e.g. quality=90&size=256");
    quality.addItem(NOT_SET);
    for (ImageQualityStatus status : ImageQualityStatus.values()) {
      quality.addItem(status);
    }
    // Two pairs per line, Accept and URL arguments on their own: the form sits under the options table
    // and must leave it room, and those two run long.
    panel = new FormLayout(2)
        .add(LABEL_FRAMES_PATH, FRAMES_PATH, framesPath)
        .add(LABEL_STREAMING, STREAMING, streaming)
        .add(LABEL_RANGE_INDEX, RANGE_INDEX, rangeIndex)
        .add(LABEL_CHUNK_SIZE, CHUNK_SIZE, chunkSize)
        .add(LABEL_DECODE_LEVEL, DECODE_LEVEL, decodeLevel)
        .add(LABEL_QUALITY, QUALITY, quality)
        .addWide(LABEL_ACCEPT, ACCEPT, accept)
        .addWide(LABEL_URL_ARGUMENTS, URL_ARGUMENTS, urlArguments)
        .panel();
  }

  public JPanel panel() {
    return panel;
  }

  public void show(CellOptions cell) {
    framesPath.setText(cell.framesPath() == null ? "" : cell.framesPath());
    streaming.setSelected(Boolean.TRUE.equals(cell.streaming()));
    rangeIndex.setText(text(cell.rangeIndex()));
    chunkSize.setText(text(cell.chunkSize()));
    decodeLevel.setText(text(cell.decodeLevel()));
    quality.setSelectedItem(cell.imageQualityStatus() == null ? NOT_SET : cell.imageQualityStatus());
    accept.setText(cell.accept() == null ? "" : cell.accept());
    urlArguments.setText(cell.urlArguments() == null ? "" : cell.urlArguments());
  }

  /** Writes the fields into one cell of the selected node; a field that is not a number is reported. */
  public void writeTo(PreferencesModel model, String retrieveType, TransferSyntaxColumn column) {
    try {
      model.editCell(retrieveType, column, read());
    } catch (InvalidConfigurationException e) {
      model.rejectInput(e);
    }
  }

  private CellOptions read() {
    Object status = quality.getSelectedItem();
    return new CellOptions(
        TextInput.optionalText(framesPath.getText()),
        streaming.isSelected() ? Boolean.TRUE : null,
        TextInput.optionalInt("rangeIndex", rangeIndex.getText()),
        TextInput.optionalInt("chunkSize", chunkSize.getText()),
        TextInput.optionalInt("decodeLevel", decodeLevel.getText()),
        status instanceof ImageQualityStatus s ? s : null,
        TextInput.optionalText(accept.getText()),
        TextInput.optionalText(urlArguments.getText()));
  }

  private static String text(Integer value) {
    return value == null ? "" : value.toString();
  }
}
