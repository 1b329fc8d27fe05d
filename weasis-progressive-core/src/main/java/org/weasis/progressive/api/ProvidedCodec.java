package org.weasis.progressive.api;

import java.util.Optional;
import java.util.ServiceLoader;

/** Holds the one {@link RetrieveConfigurationCodec}, looked up once in the API's class loader. */
final class ProvidedCodec {
  private static final Optional<RetrieveConfigurationCodec> FOUND =
      ServiceLoader.load(
              RetrieveConfigurationCodec.class, RetrieveConfigurationCodec.class.getClassLoader())
          .findFirst();

  private ProvidedCodec() {}

  static RetrieveConfigurationCodec get() {
    return FOUND.orElseThrow(
        () ->
            new IllegalStateException(
                "No RetrieveConfigurationCodec beside the API: deploy the weasis-progressive-core jar,"
                    + " which provides it in META-INF/services"));
  }
}
