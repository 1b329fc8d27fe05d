package org.weasis.progressive.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;

/** Node secrets live in owner-only files, and a configuration only names its own. */
class SecretFilesTest {
  private static final String PID = "org.weasis.progressive.node~7f3a";
  private static final Authentication BASIC_AND_KEY =
      Authentication.basic("joe", "pa55-secret").withHeaders(Map.of("X-Api-Key", "key-secret-42"));

  @TempDir
  Path data;

  @Test
  void secretsAreWrittenOwnerOnlyInADirectoryOnlyTheOwnerMayEnter() throws Exception {
    Path dir = data.resolve("secrets");
    SecretFiles secrets = new SecretFiles(dir);

    String file = secrets.write(PID, BASIC_AND_KEY);

    assertEquals("org.weasis.progressive.node_7f3a.secrets.json", file);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aNodeStoredWithoutSecretsGetsThemBackFromItsFile() throws Exception {
    SecretFiles secrets = new SecretFiles(data.resolve("secrets"));
    String file = secrets.write(PID, BASIC_AND_KEY);
    NodeConfig stored = NodeConfig.builder().name("PACS").baseUrl("https://pacs.example/dicom-web").id(PID)
        .authentication(BASIC_AND_KEY.withoutSecrets()).build();

    NodeConfig filled = secrets.fill(stored, file);

    assertEquals(BASIC_AND_KEY, filled.authentication());
  }

  @Test
  void aReferenceToAnotherNodesFileIsNotFollowed() throws Exception {
    SecretFiles secrets = new SecretFiles(data.resolve("secrets"));
    String othersFile = secrets.write("org.weasis.progressive.node~other", BASIC_AND_KEY);
    NodeConfig stored = NodeConfig.builder().name("Edited in a console").baseUrl("https://attacker.example").id(PID)
        .authentication(BASIC_AND_KEY.withoutSecrets()).build();

    NodeConfig filled = secrets.fill(stored, othersFile);

    assertNull(filled.authentication().secret());
    assertTrue(filled.requestHeaders().isEmpty());
  }

  @Test
  void aNodeWithoutSecretsHasNoFileAndRemovingItsSecretsDeletesTheOldOne() throws Exception {
    Path dir = data.resolve("secrets");
    SecretFiles secrets = new SecretFiles(dir);
    String file = secrets.write(PID, Authentication.bearer("t0ken"));

    assertNull(secrets.write(PID, Authentication.none()));

    assertFalse(Files.exists(dir.resolve(file)));
  }
}
