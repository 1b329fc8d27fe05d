package org.weasis.progressive.netshape;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.weasis.progressive.commandline.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line entry: runs the shaping proxy until Ctrl-C, so any client can be tried on a chosen link. */
public final class ShapeMain {
  static final String LISTEN_HOST = "127.0.0.1";
  /** The help picocli generates from {@link Shape}'s options. */
  static final String USAGE = CommandLines.usage(new Shape(null, null));

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
    return shape(options, out, err);
  }

  /** Returns 1 if the proxy cannot start; otherwise shapes until the JVM is stopped. */
  private static int shape(Options options, PrintStream out, PrintStream err) throws InterruptedException {
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

  /** The command as a picocli command, for a tool that gathers several (./progressive shape). */
  public static Object command(PrintStream out, PrintStream err) {
    return new Shape(out, err);
  }

  /** The parsed command line. */
  record Options(int listenPort, String targetHost, int targetPort, LinkProfile profile, boolean help) {
    /** Reads a command line; a mistake is an IllegalArgumentException naming the offending argument. */
    static Options parse(String... args) {
      Shape shape = new Shape(null, null);
      return CommandLines.parse(shape, args) ? new Options(0, null, 0, null, true) : shape.options();
    }
  }

  /** The options in any order; {@link #options} checks that they name one link and one target. */
  @Command(name = "shape", separator = " ", sortOptions = false, description = {
      "a TCP proxy that shapes any client's link (bandwidth per direction, latency)", "",
      "Forwards every connection made to 127.0.0.1:PORT to HOST:PORT over one shaped link: DOWN (target to"
          + " client) and UP (client to target) in Mbit/s, each shared by all connections, and LATENCY ms added"
          + " one way in each direction, so a round trip costs 2 x LATENCY. Give --net, or the three numbers."
          + " Ctrl-C stops it and prints the bytes forwarded.", ""})
  private static final class Shape implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "PORT", converter = ListenPort.class,
        description = "the port on 127.0.0.1 to listen on; 0 picks a free one")
    private Integer listenPort;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "where connections are forwarded")
    private String target;

    @Option(names = "--net", paramLabel = "4g|local|DOWN,UP,LATENCY", converter = Link.class,
        description = "the link: 4g = 30,5,10; local = no shaping")
    private LinkProfile net;

    @Option(names = "--down-mbit", paramLabel = "N", converter = DownMegabits.class,
        description = "target to client, Mbit/s")
    private Long downBits;

    @Option(names = "--up-mbit", paramLabel = "N", converter = UpMegabits.class,
        description = "client to target, Mbit/s")
    private Long upBits;

    @Option(names = "--latency-ms", paramLabel = "N", converter = LatencyMillis.class,
        description = "ms added one way in each direction")
    private Duration latency;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    Shape(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
      return shape(CommandLines.checked(spec, this::options), out, err);
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

  private static final class ListenPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return CommandLines.converted(() -> port(value, 0, "--listen"));
    }
  }

  private static final class Link implements ITypeConverter<LinkProfile> {
    @Override
    public LinkProfile convert(String value) {
      return CommandLines.converted(() -> LinkProfile.parse(value));
    }
  }

  private static final class DownMegabits implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return CommandLines.converted(() -> LinkProfile.parseMegabits(value, "--down-mbit"));
    }
  }

  private static final class UpMegabits implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return CommandLines.converted(() -> LinkProfile.parseMegabits(value, "--up-mbit"));
    }
  }

  private static final class LatencyMillis implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return CommandLines.converted(() -> LinkProfile.parseMillis(value, "--latency-ms"));
    }
  }
}
