package org.weasis.progressive.weasis.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.scribejava.core.model.OAuth2AccessToken;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.weasis.core.api.net.auth.AuthMethod;
import org.weasis.core.api.net.auth.AuthProvider;
import org.weasis.core.api.net.auth.AuthRegistration;
import org.weasis.progressive.api.NodeConfig;

class NodeAuthorizationTest {
  private static final String SECRET = "client_secret=s3cr3t-from-the-provider";

  /** A Weasis method whose OAuth library fails with the provider's answer in its message. */
  private static final class FailingMethod implements AuthMethod {
    @Override
    public String getCode() {
      return "failing";
    }

    @Override
    public String getUid() {
      return "failing-uid";
    }

    @Override
    public String getName() {
      return "Hospital login";
    }

    @Override
    public void resetToken() {}

    @Override
    public OAuth2AccessToken getToken() {
      throw new IllegalStateException("token endpoint answered 400: {\"error\":\"invalid_client\",\"" + SECRET + "\"}");
    }

    @Override
    public AuthRegistration getAuthRegistration() {
      return null;
    }

    @Override
    public boolean isLocal() {
      return false;
    }

    @Override
    public void setLocal(boolean local) {}

    @Override
    public AuthProvider getAuthProvider() {
      return null;
    }
  }

  @Test
  void aMethodThatFailsGivesAnErrorNamingTheNodeAndTheMethodButNotWhatTheProviderAnswered() {
    NodeAuthorization authorization = NodeAuthorization.of(new FailingMethod());
    NodeConfig node = NodeConfig.of("http://127.0.0.1:9/dicom-web");

    IOException e = assertThrows(IOException.class, () -> authorization.authorize(node));

    assertTrue(e.getMessage().contains("\"Hospital login\"") && e.getMessage().contains(node.name()), e.getMessage());
    assertTrue(e.getMessage().contains(IllegalStateException.class.getName()), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertNull(e.getCause(), "a cause would carry the provider's answer into any log that prints it");
  }
}
