package org.weasis.progressive.api;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Holds the one {@link RetrieveConfigurationCodec}, looked up on first use. */
final class ProvidedCodec {
  static final RetrieveConfigurationCodec CODEC = load();

  private ProvidedCodec() {}

  private static RetrieveConfigurationCodec load() {
    Iterator<RetrieveConfigurationCodec> found =
        ServiceLoader.load(
                RetrieveConfigurationCodec.class, RetrieveConfigurationCodec.class.getClassLoader())
            .iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException(
          "No RetrieveConfigurationCodec beside the API: deploy the weasis-progressive-core jar,"
              + " which provides it in META-INF/services");
    }
    return found.next();
  }
}
