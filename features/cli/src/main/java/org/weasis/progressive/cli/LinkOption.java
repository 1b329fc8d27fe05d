package org.weasis.progressive.cli;

import org.weasis.progressive.netshape.LinkProfile;
import picocli.CommandLine.Option;

/** The shaped link of the demo and the bench, {@code --net}: one declaration, one check (a picocli mixin). */
final class LinkOption {
  @Option(names = "--net", paramLabel = "4g|local|DOWN,UP,LATENCY", defaultValue = "4g", description = {
      "the shaped link every load goes through (default 4g = 30 Mbit/s down, 5 up, 10 ms one way); DOWN,UP in"
          + " Mbit/s and LATENCY in ms one way, e.g. 30,5,10"})
  private String net;

  /** The link given, or a usage error naming {@code command} and the option. */
  LinkProfile link(String command) {
    try {
      return LinkProfile.parse(net);
    } catch (IllegalArgumentException e) {
      throw new UsageException(command + ": --net " + e.getMessage());
    }
  }
}
