package org.weasis.progressive.weasis.internal.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import javax.management.JMException;
import javax.management.ObjectName;
import org.weasis.core.api.net.auth.AuthProvider;
import org.weasis.core.api.net.auth.AuthRegistration;
import org.weasis.core.api.net.auth.DefaultAuthMethod;
import org.weasis.launcher.WeasisMainFrame;
import org.weasis.pref.ConfigData;

/**
 * An OAuth2 provider on 127.0.0.1 whose token endpoint hands out a new access token at each request
 * (client-credentials grant), and Weasis authentication methods that take their tokens from it through
 * Weasis' own code ({@link DefaultAuthMethod}, {@code OAuth2ServiceFactory}, scribejava), as in Weasis.
 * The JDK's HTTP server, not the fault server: a token request is a POST whose body must be read.
 */
public final class LocalOAuth2 implements AutoCloseable {
  static final String PROVIDER = "Local OAuth2";

  private final HttpServer server;
  /** The access tokens handed out, in order. */
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  LocalOAuth2() throws IOException {
    WeasisUiCore.register();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::answerToken);
    server.start();
  }

  /** A Weasis method with a UID of its own (Weasis caches a provider's service by method UID). */
  DefaultAuthMethod method() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return new DefaultAuthMethod(UUID.randomUUID().toString(),
        new AuthProvider(PROVIDER, base + "/auth", base + "/token", base + "/revoke", false),
        AuthRegistration.of("weasis", "client-secret", "dicom", null, AuthRegistration.CLIENT_CREDENTIALS));
  }

  /** The tokens handed out so far, oldest first. */
  List<String> issued() {
    return List.copyOf(issued);
  }

  /** From now on the endpoint refuses to hand out tokens (400 invalid_client). */
  void refuseTokens() {
    refusing = true;
  }

  private void answerToken(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String json;
      int status;
      if (refusing) {
        status = 400;
        json = "{\"error\":\"invalid_client\"}";
      } else {
        String token = "s3cret-" + (issued.size() + 1) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        issued.add(token);
        status = 200;
        json = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Weasis' UI core, from which a method reads its callback-port preference, needs the launcher's
   * configuration registered where Weasis' main window registers it; as in Weasis' own tests. The
   * configuration stays empty (its init reads Weasis' installation); the core's folders are under target/.
   */
  public static final class WeasisUiCore {
    private static final String MAIN_WINDOW = "weasis:name=MainWindow";

    private WeasisUiCore() {}

    public static synchronized void register() throws IOException {
      try {
        ObjectName name = new ObjectName(MAIN_WINDOW);
        if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
          return;
        }
        Path folder = Files.createDirectories(Path.of("target", "weasis-ui-core").toAbsolutePath());
        System.setProperty("weasis.resources.path", folder.toString());
        System.setProperty("weasis.pref.dir", folder.toString());
        WeasisMainFrame frame = new WeasisMainFrame();
        frame.setConfigData(new ConfigData(null) {
          @Override
          public void init(String[] args) {
            // Nothing to read: no Weasis installation here.
          }
        });
        ManagementFactory.getPlatformMBeanServer().registerMBean(frame, name);
      } catch (JMException e) {
        throw new IOException("Cannot register Weasis' main window for its UI core", e);
      }
    }
  }
}
