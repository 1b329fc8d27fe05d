package org.weasis.progressive.internal.osgi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.weasis.progressive.api.Authentication;
import org.weasis.progressive.api.NodeConfig;

/**
 * The nodes' passwords, tokens and custom header values, one file per node that only its owner may
 * read, in a directory only its owner may enter. ConfigAdmin's file store writes every property in clear
 * text with the process's default umask (world-readable on most systems), so the secrets are kept here
 * and the configuration holds only the file's name.
 */
final class SecretFiles {
  /** The configuration property naming a node's secrets file; absent when the node has no secret. */
  static final String REFERENCE = "secretsFile";

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  SecretFiles(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  Path dir() {
    return dir;
  }

  /**
   * Writes the secrets of a node's authentication (nothing, and no file, when it has none) and returns
   * the file's name for {@link #REFERENCE}, or null.
   */
  String write(String pid, Authentication auth) throws IOException {
    String name = fileName(pid);
    ObjectNode content = JSON.createObjectNode();
    if (auth.secret() != null) {
      content.put("secret", auth.secret());
    }
    ObjectNode headers = content.putObject("headers");
    auth.headers().forEach((header, value) -> {
      if (!value.isEmpty()) {
        headers.put(header, value);
      }
    });
    if (auth.secret() == null && headers.isEmpty()) {
      delete(pid);
      return null;
    }
    createPrivateDir();
    // Created owner-only: the secret is never in a file others could open, not even for a moment.
    Path temp = POSIX
        ? Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
        : Files.createTempFile(dir, name, ".tmp");
    try {
      ownerOnly(temp.toFile());
      Files.write(temp, JSON.writeValueAsBytes(content));
      moveInPlace(temp, dir.resolve(name));
    } finally {
      Files.deleteIfExists(temp);
    }
    return name;
  }

  /** The node with the secrets its stored configuration left out filled in from {@code reference}. */
  NodeConfig fill(NodeConfig node, String reference) throws IOException {
    if (reference == null || !reference.equals(fileName(node.id()))) {
      return node; // a reference that is not this node's own file is never followed
    }
    Path file = dir.resolve(reference);
    if (!Files.isRegularFile(file)) {
      return node;
    }
    JsonNode content = JSON.readTree(file.toFile());
    Authentication auth = node.authentication();
    String secret = auth.secret() != null ? auth.secret() : text(content.get("secret"));
    Map<String, String> headers = new LinkedHashMap<>(auth.headers());
    JsonNode stored = content.path("headers");
    headers.replaceAll((name, value) -> value.isEmpty() ? orEmpty(text(stored.get(name))) : value);
    return node.toBuilder().authentication(new Authentication(auth.type(), auth.user(), secret, headers)).build();
  }

  void delete(String pid) throws IOException {
    Files.deleteIfExists(dir.resolve(fileName(pid)));
  }

  /** A PID as a file name: what is not a letter, digit, dot or hyphen becomes '_'. */
  static String fileName(String pid) {
    return pid.replaceAll("[^A-Za-z0-9.-]", "_") + ".secrets.json";
  }

  private void createPrivateDir() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    if (POSIX) {
      Files.setPosixFilePermissions(dir, OWNER_DIR);
    } else {
      ownerOnly(dir.toFile());
    }
  }

  /** Where POSIX permissions are unknown: the owner only, as far as java.io can say it. */
  private static void ownerOnly(File f) {
    if (POSIX) {
      return;
    }
    f.setReadable(false, false);
    f.setWritable(false, false);
    f.setExecutable(false, false);
    f.setReadable(true, true);
    f.setWritable(true, true);
    if (f.isDirectory()) {
      f.setExecutable(true, true);
    }
  }

  /** A reader never sees half a file: the new one replaces the old in one rename where it can. */
  private static void moveInPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
