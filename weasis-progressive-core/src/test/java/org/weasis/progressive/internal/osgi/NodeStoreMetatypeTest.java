package org.weasis.progressive.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.internal.settings.NodeProperties;

class NodeStoreMetatypeTest {
  @Test
  void theMetatypeDescribesExactlyThePropertiesTheStoreWrites() {
    NodeConfig everything = NodeConfig.builder().name("n").baseUrl("http://h")
        .authentication(Authentication.basic("u", "p").withHeaders(Map.of("X-A", "b"))).build();
    Set<String> written = new TreeSet<>(NodeProperties.write(everything).keySet());
    Set<String> described = Arrays.stream(NodeProperties.Config.class.getDeclaredMethods())
        .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(written, described);
  }

  @Test
  void theMetatypeDefaultsAreWhatTheStoreWritesForANewNode() {
    Map<String, Object> written = NodeProperties.write(NodeConfig.of("n", "http://h"));
    for (Method attribute : NodeProperties.Config.class.getDeclaredMethods()) {
      Object shown = attribute.getDefaultValue();
      if (shown != null) {
        assertEquals(written.get(attribute.getName()), shown, attribute.getName());
      }
    }
  }
}
