package org.weasis.progressive.api;

import java.util.ServiceLoader;

/**
 * Reads and writes retrieve configurations as JSON in Cornerstone3D's shape. The API declares it and
 * the core implements it, so that the API depends on nothing internal (nor on the JSON library the core
 * embeds privately); {@link RetrieveConfiguration#fromJson} and {@link RetrieveConfiguration#toJson} find
 * the implementation with {@link ServiceLoader} in the class loader that holds this interface.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RetrieveConfigurationCodec {
  /**
   * Reads a configuration ({@code stages}, {@code retrieveOptions}; {@code imageQualityStatus} as number
   * or name) with Cornerstone3D's defaults.
   *
   * @throws InvalidConfigurationException naming the key and value that cannot be used
   */
  RetrieveConfiguration read(String json);

  /** The configuration as JSON that {@link #read} and Cornerstone3D both read. */
  String write(RetrieveConfiguration configuration);

  /** The codec of the core beside this API; fails when the API was deployed without it. */
  static RetrieveConfigurationCodec json() {
    return ProvidedCodec.get();
  }
}
