package org.weasis.progressive.itests;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.NodeConfig;
import org.weasis.progressive.api.ProgressiveRetrieveService;
import org.weasis.progressive.api.SeriesRequest;
import org.weasis.progressive.api.node.NodeStore;

/**
 * Issue 12's stored-secret rows, in Felix with the real ConfigAdmin file store: re-importing a secret-less
 * export after its URL was edited to another server gave that server the stored Bearer token; and node
 * secrets sat in clear text in world-readable files.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoredSecretsIT {
  private static final String TOKEN = "t0ken-for-the-real-server";

  @Inject private BundleContext context;
  @Inject private NodeStore store;
  @Inject private ConfigurationAdmin admin;
  @Inject private ProgressiveRetrieveService service;

  @org.ops4j.pax.exam.Configuration
  public Option[] configure() throws IOException {
    return options(
        FelixOptions.withBundles(),
        systemProperty("progressive.test.url").value(CoreServicesIT.LocalServer.start().baseUrl()));
  }

  @Test
  public void anAttackerOriginReceivesNothingAfterExportEditUrlImportLoad() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Token node")
        .baseUrl(url())
        .authentication(Authentication.bearer(TOKEN))
        .build());
    try (RecordingServer attacker = RecordingServer.start()) {
      String export = store.exportJson(false);
      assertFalse(export.contains(TOKEN));
      store.importJson(export.replace(url(), attacker.baseUrl()));

      NodeConfig imported = store.find(saved.id()).orElseThrow();
      assertEquals(attacker.baseUrl(), imported.baseUrl());
      assertNull("the stored token is not paired with the new origin", imported.authentication().secret());
      load(imported);

      List<String> heads = attacker.heads();
      assertFalse("the load reached the attacker origin, so it could have sent the token", heads.isEmpty());
      for (String head : heads) {
        assertFalse(head, head.toLowerCase().contains("authorization"));
        assertFalse(head, head.contains(TOKEN));
      }
    } finally {
      store.remove(saved.id());
    }
  }

  @Test
  public void theRecordingServerSeesATokenThatIsSentToIt() throws Exception {
    try (RecordingServer server = RecordingServer.start()) {
      load(NodeConfig.builder().name("Direct")
          .baseUrl(server.baseUrl())
          .authentication(Authentication.bearer("control-token"))
          .build());

      assertTrue(server.heads().toString(),
          server.heads().stream().anyMatch(h -> h.contains("Authorization: Bearer control-token")));
    }
  }

  @Test
  public void storedSecretsAreInAnOwnerOnlyFileAndNowhereElseInTheFrameworkStorage() throws Exception {
    String key = "api-key-at-rest";
    NodeConfig saved = store.save(NodeConfig.builder().name("Secret node").baseUrl(url())
        .authentication(Authentication.bearer(TOKEN).withHeaders(Map.of("X-Api-Key", key))).build());
    Path secrets = coreBundle().getDataFile("secrets").toPath();
    try {
      Dictionary<String, Object> properties = configuration(saved.id()).getProperties();
      for (String name : Collections.list(properties.keys())) {
        String value = String.valueOf(properties.get(name));
        assertFalse(name, value.contains(TOKEN) || value.contains(key));
      }
      String file = (String) properties.get("secretsFile");
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(file))));
      assertEquals(List.of(secrets.resolve(file)), filesHolding(frameworkStorage(), TOKEN));
      assertEquals(List.of(secrets.resolve(file)), filesHolding(frameworkStorage(), key));

      NodeConfig back = store.find(saved.id()).orElseThrow();
      assertEquals(TOKEN, back.authentication().secret());
      assertEquals(key, back.authentication().headers().get("X-Api-Key"));
    } finally {
      store.remove(saved.id());
    }
    assertEquals(List.of(), filesHolding(frameworkStorage(), TOKEN));
  }

  @Test
  public void aSecretTypedIntoTheConfigurationByAConsoleIsMovedToTheOwnerOnlyFile() throws Exception {
    NodeConfig saved = store.save(NodeConfig.builder().name("Console node")
        .baseUrl(url())
        .authentication(Authentication.bearer("old"))
        .build());
    try {
      Configuration c = configuration(saved.id());
      Dictionary<String, Object> properties = c.getProperties();
      properties.put("authSecret", "typed-in-a-console");
      c.update(properties);

      assertEquals("typed-in-a-console", store.find(saved.id()).orElseThrow().authentication().secret());

      assertNull(configuration(saved.id()).getProperties().get("authSecret"));
      assertEquals(1, filesHolding(coreBundle().getDataFile("secrets").toPath(), "typed-in-a-console").size());
    } finally {
      store.remove(saved.id());
    }
  }

  private static String url() {
    return System.getProperty("progressive.test.url");
  }

  private void load(NodeConfig node) throws Exception {
    List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    LoadListener listener = new LoadListener() {
      @Override
      public void onImage(ImageEvent event) {}

      @Override
      public void onError(ErrorEvent event) {
        errors.add(event);
      }
    };
    SeriesRequest request = SeriesRequest.of(node, CoreServicesIT.STUDY, CoreServicesIT.SERIES);
    service.load(request, node.retrieveConfiguration(), listener).completion().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertFalse("the recording server answers 404, so the load fails: " + errors, errors.isEmpty());
  }

  private Configuration configuration(String pid) throws Exception {
    Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
    assertEquals(1, found == null ? 0 : found.length);
    return found[0];
  }

  /** Felix's storage directory: every bundle's data area, ConfigAdmin's file store included. */
  private Path frameworkStorage() {
    File data = coreBundle().getDataFile("");
    return data.toPath().toAbsolutePath().getParent().getParent();
  }

  private static List<Path> filesHolding(Path root, String text) throws IOException {
    byte[] wanted = text.getBytes(ISO_8859_1);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(f, wanted)).toList();
    }
  }

  private static boolean contains(Path file, byte[] wanted) {
    try {
      return new String(Files.readAllBytes(file), ISO_8859_1).contains(new String(wanted, ISO_8859_1));
    } catch (IOException e) {
      return false; // a file that went away while walking holds nothing
    }
  }

  private Bundle coreBundle() {
    for (Bundle b : context.getBundles()) {
      if ("org.weasis.progressive.core".equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("core bundle not installed");
  }

  /**
   * Stands for another host and port: records each request head verbatim and answers 404. java.net only,
   * so it runs inside the framework next to the test.
   */
  private static final class RecordingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RecordingServer(ServerSocket socket) {
      this.socket = socket;
      this.acceptor = Thread.ofPlatform().daemon().name("recording-server").start(this::acceptAll);
    }

    static RecordingServer start() throws IOException {
      return new RecordingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<String> heads() {
      return List.copyOf(heads);
    }

    private void acceptAll() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          client.setSoTimeout(5000);
          heads.add(readHead(client.getInputStream()));
          OutputStream out = client.getOutputStream();
          out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
          out.flush();
        } catch (IOException e) {
          // closed, or a client that went away
        }
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        head.write(c);
        if (head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
      return head.toString(ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      try {
        acceptor.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
