package org.weasis.progressive.netshape;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** Command line entry: runs the shaping proxy until Ctrl-C, so any client can be tried on a chosen link. */
public final class ShapeMain {
  static final String USAGE = """
      Usage: progressive shape --listen PORT --target HOST:PORT --net 4g|local|DOWN,UP,LATENCY
             progressive shape --listen PORT --target HOST:PORT --down-mbit N --up-mbit N --latency-ms N
             progressive shape --help
      Forwards every connection made to 127.0.0.1:PORT to HOST:PORT over one shaped link: DOWN (target to
      client) and UP (client to target) in Mbit/s, each shared by all connections, and LATENCY ms added one
      way in each direction, so a round trip costs 2 x LATENCY. 4g = 30,5,10; local = no shaping.
      PORT 0 picks a free port. Ctrl-C stops it and prints the bytes forwarded.""";
  static final String LISTEN_HOST = "127.0.0.1";
  private static final Set<String> OPTIONS =
      Set.of("--listen", "--target", "--net", "--down-mbit", "--up-mbit", "--latency-ms");

  private ShapeMain() {}

  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command: returns 0 after --help, 2 for bad arguments, 1 if the proxy cannot start; otherwise
   * shapes until the JVM is stopped.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("shape: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(USAGE);
      return 0;
    }
    LinkShaper shaper;
    try {
      shaper = LinkShaper.start(options.profile(), LISTEN_HOST, options.listenPort(), options.targetHost(),
          options.targetPort());
    } catch (IOException e) {
      err.println("shape: cannot start: " + e.getMessage());
      return 1;
    }
    shapeUntilStopped(shaper, options, out);
    return 0;
  }

  private static void shapeUntilStopped(LinkShaper shaper, Options options, PrintStream out)
      throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        shaper.close();
      } finally {
        out.println("Forwarded " + shaper.bytesDown() + " bytes down, " + shaper.bytesUp() + " bytes up");
        out.flush();
      }
    }, "shape-main-shutdown"));
    out.println("Shaping " + LISTEN_HOST + ":" + shaper.port() + " -> " + options.targetHost() + ":"
        + options.targetPort() + " (" + options.profile().describe() + ")");
    out.flush();
    // The shaper's threads are virtual, hence daemons; this thread keeps the JVM up until it is stopped.
    new CountDownLatch(1).await();
  }

  /** The parsed command line. */
  record Options(int listenPort, String targetHost, int targetPort, LinkProfile profile, boolean help) {
    static Options parse(String... args) {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        return new Options(0, null, 0, null, true);
      }
      Parser parser = new Parser();
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        parser.read(option, valueOf(args, ++i, option));
      }
      return parser.options();
    }

    private static String valueOf(String[] args, int i, String option) {
      if (!OPTIONS.contains(option)) {
        throw new IllegalArgumentException(option.startsWith("-")
            ? "Unknown option " + option : "Unexpected argument '" + option + "'");
      }
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  /** Collects options in any order, then checks that they name one link and one target. */
  private static final class Parser {
    private Integer listenPort;
    private String target;
    private LinkProfile net;
    private Long downBits;
    private Long upBits;
    private Duration latency;

    void read(String option, String value) {
      switch (option) {
        case "--listen" -> listenPort = port(value, 0, "--listen");
        case "--target" -> target = value;
        case "--net" -> net = LinkProfile.parse(value);
        case "--down-mbit" -> downBits = LinkProfile.parseMegabits(value, "--down-mbit");
        case "--up-mbit" -> upBits = LinkProfile.parseMegabits(value, "--up-mbit");
        case "--latency-ms" -> latency = LinkProfile.parseMillis(value, "--latency-ms");
        default -> throw new AssertionError(option + " is in OPTIONS but not read");
      }
    }

    Options options() {
      if (listenPort == null) {
        throw new IllegalArgumentException("Missing --listen PORT");
      }
      if (target == null) {
        throw new IllegalArgumentException("Missing --target HOST:PORT");
      }
      int colon = target.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--target must be HOST:PORT, got '" + target + "'");
      }
      String host = unbracket(target.substring(0, colon));
      int port = port(target.substring(colon + 1), 1, "--target port");
      return new Options(listenPort, host, port, link(), false);
    }

    private LinkProfile link() {
      boolean numbers = downBits != null || upBits != null || latency != null;
      if (net != null && numbers) {
        throw new IllegalArgumentException("Give --net or --down-mbit/--up-mbit/--latency-ms, not both");
      }
      if (net != null) {
        return net;
      }
      if (!numbers) {
        throw new IllegalArgumentException(
            "Missing the link: --net 4g|local|DOWN,UP,LATENCY or --down-mbit N --up-mbit N --latency-ms N");
      }
      if (downBits == null || upBits == null || latency == null) {
        throw new IllegalArgumentException("Missing " + (downBits == null ? "--down-mbit"
            : upBits == null ? "--up-mbit" : "--latency-ms") + ": give all three of --down-mbit, --up-mbit"
            + " and --latency-ms");
      }
      return new LinkProfile(downBits, upBits, latency);
    }

    /** IPv6 literals are written [::1]:8080 so that the port's colon stays the last one. */
    private static String unbracket(String host) {
      return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String text, int min, String what) {
      try {
        int port = Integer.parseInt(text.strip());
        if (port >= min && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below with the offending text
      }
      throw new IllegalArgumentException(what + " must be " + min + "..65535, got '" + text + "'");
    }
  }
}
