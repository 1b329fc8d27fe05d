package org.weasis.progressive.internal.config;

import org.weasis.progressive.api.RetrieveConfiguration;
import org.weasis.progressive.api.RetrieveConfigurationCodec;

/** The API's JSON codec, found through META-INF/services so that the API names no internal class. */
public final class JsonConfigurationCodec implements RetrieveConfigurationCodec {
  @Override
  public RetrieveConfiguration read(String json) {
    return ConfigurationJson.read(json);
  }

  @Override
  public String write(RetrieveConfiguration configuration) {
    return ConfigurationJson.write(configuration);
  }
}
