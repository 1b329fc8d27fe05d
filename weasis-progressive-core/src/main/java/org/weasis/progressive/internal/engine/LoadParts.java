package org.weasis.progressive.internal.engine;

import org.weasis.progressive.api.LoadListener;

/**
 * What a load's stage chain ({@link SeriesLoad}) and its retrieval ({@link StageRunner}) share, made
 * before both so that neither reaches into the other.
 */
record LoadParts(LoadEvents events, LoadAccounts accounts, ImageVersions versions, RunningRequests requests) {
  static LoadParts of(LoadListener listener) {
    LoadEvents events = new LoadEvents(listener);
    LoadAccounts accounts = new LoadAccounts();
    return new LoadParts(events, accounts, new ImageVersions(events, accounts), new RunningRequests());
  }
}
