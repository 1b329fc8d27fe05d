package org.weasis.progressive.weasis.internal.pref;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.weasis.core.api.net.auth.OAuth2ServiceFactory;

/**
 * One of Weasis' own DICOMweb nodes, as this bundle needs it: what the user named it, its URL, the static
 * headers Weasis sends to it and its Weasis authentication method.
 *
 * @param description the node's name in Weasis' lists
 * @param url the DICOMweb root as Weasis stores it
 * @param headers the headers the user gave the node in Weasis (values are secrets: never log them)
 * @param authMethodUid Weasis' authentication method, or null or Weasis' "no authentication" for none
 */
public record WeasisWebNode(String description, String url, Map<String, String> headers, String authMethodUid) {
  public WeasisWebNode {
    Objects.requireNonNull(url, "url");
    description = description == null ? "" : description;
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    authMethodUid = authMethodUid == null || authMethodUid.isBlank() || authMethodUid.equals(OAuth2ServiceFactory.NO_AUTH_ID)
        ? null : authMethodUid;
  }

  /** True when Weasis authenticates requests to this node through one of its OAuth2 methods. */
  public boolean usesWeasisAuthMethod() {
    return authMethodUid != null;
  }

  /** Shows no header value. */
  @Override
  public String toString() {
    return "WeasisWebNode[" + description + ", " + url + ", headers=" + headers.keySet()
        + (authMethodUid == null ? "" : ", authMethod=" + authMethodUid) + "]";
  }
}
