package org.weasis.progressive.e2e.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A real nginx serving a Static DICOMweb tree on 127.0.0.1 with the toolkit's conventions, so the
 * engine meets a production web server's Range, gzip and keep-alive behaviour rather than our own.
 */
public final class NginxServer implements AutoCloseable {
  /** The Debian package that provides the nginx binary and its gzip_static module. */
  public static final String DEBIAN_PACKAGE = "nginx";

  private static final Duration START_DEADLINE = Duration.ofSeconds(20);
  /** nginx reads '$' as a variable, ';', '{', '}' and quotes as syntax: such paths cannot be quoted safely. */
  private static final Pattern SAFE_PATH = Pattern.compile("[^\"'\\\\$;{}\\s]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final int port;
  private final Path accessLog;
  private final ServerProcess process;

  private NginxServer(Path root, int port, Path accessLog, ServerProcess process) {
    this.root = root;
    this.port = port;
    this.accessLog = accessLog;
    this.process = process;
  }

  /**
   * Starts nginx serving {@code root} (a Static DICOMweb tree) at {@code http://127.0.0.1:<port>}:
   * {@code .../frames/1} answers {@code frames/1.mht} as bare {@code multipart/related},
   * {@code .../metadata} answers {@code metadata.gz} as gzip-encoded DICOM JSON, a directory answers its
   * {@code index.json.gz}; Range works as nginx does it for any static file.
   */
  public static NginxServer serveStaticDicomWeb(Path root) throws IOException {
    return serveStaticDicomWeb(root, true);
  }

  /**
   * Like {@link #serveStaticDicomWeb(Path)}; with {@code ranges} false nginx answers every Range request
   * with the whole file (200), as servers without byte-range support do.
   */
  public static NginxServer serveStaticDicomWeb(Path root, boolean ranges) throws IOException {
    Objects.requireNonNull(root, "root");
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("not a directory: " + absolute);
    }
    quotable(absolute);
    Path nginx = ServerProcess.executable("nginx", DEBIAN_PACKAGE, "/usr/sbin/nginx", "/usr/bin/nginx");
    return ServerProcess.onFreePort(port -> start(nginx, absolute, port, ranges));
  }

  /** The DICOMweb base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The server's own directory (configuration, logs, data), deleted by close(). */
  Path directory() {
    return process.directory();
  }

  /** The served tree. */
  public Path root() {
    return root;
  }

  /** The requests nginx has logged so far, oldest first. */
  public List<Access> accessLog() throws IOException {
    List<Access> entries = new ArrayList<>();
    for (String line : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        entries.add(Access.parse(line));
      }
    }
    return entries;
  }

  /**
   * The log once it holds at least {@code entries} requests. nginx writes a line after the last byte
   * left for the socket, so a client that has all its bytes may be a moment ahead of the log.
   */
  public List<Access> awaitAccessLog(int entries, Duration deadline) throws IOException {
    return awaitAccessLog(access -> true, entries, deadline);
  }

  /**
   * Waits for {@code entries} logged requests that {@code which} accepts. nginx writes a line after it has
   * answered, so a request of the previous test can still land after {@link #clearAccessLog()}.
   */
  public List<Access> awaitAccessLog(Predicate<Access> which, int entries, Duration deadline)
      throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    List<Access> log = accessLog().stream().filter(which).toList();
    while (log.size() < entries) {
      if (System.nanoTime() > end) {
        throw new IOException("nginx logged " + log.size() + " requests, expected " + entries + ": " + log);
      }
      if (process.exitedWithin(Duration.ofMillis(10))) {
        throw new IOException("nginx exited:\n" + process.logTail());
      }
      log = accessLog().stream().filter(which).toList();
    }
    return log;
  }

  /** Forgets the logged requests, so that a test looks at one phase only. */
  public void clearAccessLog() throws IOException {
    // nginx appends with O_APPEND: after truncation its next line lands at offset 0.
    Files.write(accessLog, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Stops nginx (SIGTERM: its fast shutdown), waits for it to exit and deletes its directory. */
  @Override
  public void close() {
    process.close();
  }

  private static NginxServer start(Path nginx, Path root, int port, boolean ranges) throws IOException {
    Path prefix = Files.createTempDirectory("e2e-nginx-");
    Path conf = prefix.resolve("nginx.conf");
    Path accessLog = prefix.resolve("logs/access.log");
    try {
      Files.createDirectories(prefix.resolve("logs"));
      Files.createDirectories(prefix.resolve("temp"));
      Files.writeString(conf, configuration(prefix, root, port, accessLog, ranges));
    } catch (IOException | RuntimeException e) {
      ServerProcess.deleteTree(prefix);
      throw e;
    }
    // -e: the error log of the start-up phase, before nginx has read the configuration.
    ServerProcess process = ServerProcess.start("nginx",
        List.of(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(),
            "-e", prefix.resolve("logs/error.log").toString()),
        prefix, prefix.resolve("logs/console.log"));
    try {
      process.awaitReady(() -> ServerProcess.acceptsConnections(port), START_DEADLINE);
    } catch (IOException | RuntimeException e) {
      String errors = readQuietly(prefix.resolve("logs/error.log"));
      process.close();
      throw e instanceof ServerProcess.PortTakenException || errors.contains("in use")
          ? new ServerProcess.PortTakenException(e.getMessage() + "\n" + errors)
          : new IOException(e.getMessage() + "\n" + errors, e);
    }
    return new NginxServer(root, port, accessLog, process);
  }

  /**
   * One process (no master, no daemon) so that the child we started is the server and stopping it
   * stops everything; every path nginx writes to lies inside {@code prefix}.
   */
  static String configuration(Path prefix, Path root, int port, Path accessLog) {
    return configuration(prefix, root, port, accessLog, true);
  }

  /** As above; {@code ranges} false sets {@code max_ranges 0}, nginx's switch to ignore Range. */
  static String configuration(Path prefix, Path root, int port, Path accessLog, boolean ranges) {
    String p = quotable(prefix);
    return """
        daemon off;
        master_process off;
        worker_processes 1;
        pid "%1$s/nginx.pid";
        error_log "%1$s/logs/error.log" warn;
        events { worker_connections 256; }
        http {
          client_body_temp_path "%1$s/temp/body";
          proxy_temp_path "%1$s/temp/proxy";
          fastcgi_temp_path "%1$s/temp/fastcgi";
          uwsgi_temp_path "%1$s/temp/uwsgi";
          scgi_temp_path "%1$s/temp/scgi";
          log_format e2e escape=json
              '{"request":"$request","range":"$http_range","status":$status,"bytes":$body_bytes_sent}';
          access_log "%3$s" e2e;
          # Every .gz file of a Static DICOMweb tree is gzip'd DICOM JSON: label the bytes as what
          # they decode to, as the toolkit's own server does.
          map $uri $static_encoding {
            ~\\.gz$ gzip;
            default "";
          }
          server {
            listen 127.0.0.1:%4$d;
            root "%2$s";
            %5$s
            # "multipart/related" with no boundary: the toolkit's quirk, kept on purpose.
            types {
              multipart/related mht;
              application/dicom+json gz json;
            }
            default_type application/octet-stream;
            location / {
              # frames/1 -> frames/1.mht, metadata -> metadata.gz, studies -> studies/index.json.gz
              try_files $uri $uri.mht $uri.gz $uri/index.json.gz =404;
              add_header Content-Encoding $static_encoding;
            }
          }
        }
        """.formatted(p, quotable(root), quotable(accessLog), port, ranges ? "" : "max_ranges 0;");
  }

  private static String quotable(Path path) {
    String text = path.toString();
    if (!SAFE_PATH.matcher(text).matches()) {
      throw new IllegalArgumentException("nginx cannot be given this path safely: " + text);
    }
    return text;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * One line of the access log.
   *
   * @param request the request line, for example {@code GET /studies HTTP/1.1}
   * @param range the Range header, empty when none was sent
   * @param status the status code answered
   * @param bytes the body bytes sent ({@code $body_bytes_sent})
   */
  public record Access(String request, String range, int status, long bytes) {
    static Access parse(String line) throws IOException {
      JsonNode node = JSON.readTree(line);
      return new Access(node.path("request").asText(), node.path("range").asText(),
          node.path("status").asInt(), node.path("bytes").asLong());
    }

    /** The request target, for example {@code /studies/1.2/series/3.4/metadata}. */
    public String target() {
      String[] parts = request.split(" ");
      return parts.length >= 2 ? parts[1] : "";
    }
  }
}
