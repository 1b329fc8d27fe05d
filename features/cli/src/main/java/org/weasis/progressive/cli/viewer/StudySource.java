package org.weasis.progressive.cli.viewer;

import java.util.List;
import org.weasis.progressive.api.LoadHandle;
import org.weasis.progressive.api.LoadListener;

/** What the viewer window shows: the series of one study, each loaded with the settings stored now. */
public interface StudySource {
  /** The stored settings a load uses: a few words for the window, and a value that changes with them. */
  record Settings(String summary, Object value) {}

  /** One label per series, in list order. */
  List<String> seriesLabels();

  /** Study and series instance UIDs of series {@code index}, offered to the settings page's "Test node". */
  List<String> seriesUids(int index);

  /** Reads the stored settings; throws with a message for the user when they cannot be used. */
  Settings settings();

  /** Starts loading series {@code index} with {@code settings}; returns at once. */
  LoadHandle load(int index, Settings settings, LoadListener listener);
}
