package org.weasis.progressive.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.weasis.progressive.commandline.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Command line entry: serves a Static DICOMweb directory (optionally a fresh sample series) until killed. */
public final class ServeMain {
  /** Fixed, so that URLs noted from one run still work after a restart. */
  static final String SAMPLE_STUDY_UID = "2.25.163012549129398516451236489553461738841";
  static final String SAMPLE_SERIES_UID = "2.25.163012549129398516451236489553461738841.1";

  /** The help picocli generates from {@link Serve}'s options. */
  static final String USAGE = CommandLines.usage(new Serve(null));

  private ServeMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    serveUntilKilled(options, System.out);
  }

  /** The command as a picocli command, for a tool that gathers several (./progressive serve). */
  public static Object command(PrintStream out) {
    return new Serve(out);
  }

  private static void serveUntilKilled(Options options, PrintStream out)
      throws IOException, InterruptedException {
    SampleSeries sample = options.sample() ? writeSample(options.dir()) : null;
    StaticDicomWebServer server =
        StaticDicomWebServer.start(options.dir(), options.host(), options.port(), options.prefix());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "static-dicomweb-shutdown"));
    out.println("Serving " + options.dir().toAbsolutePath() + " at " + server.baseUrl());
    if (sample != null) {
      out.println("Study  " + sample.studyUid());
      out.println("Series " + sample.seriesUid());
      out.println("Metadata " + server.baseUrl() + "/" + sample.seriesPath() + "/metadata");
    }
    // The server's threads are daemons; this thread keeps the JVM up until it is killed.
    new CountDownLatch(1).await();
  }

  private static SampleSeries writeSample(Path dir) throws IOException {
    Files.createDirectories(dir);
    return SampleSeries.write(dir, SAMPLE_STUDY_UID, SAMPLE_SERIES_UID, 10, 256, 256, 12, false);
  }

  /** The parsed command line. */
  record Options(Path dir, boolean sample, String host, int port, String prefix, boolean help) {
    /** Reads a command line; a mistake is an IllegalArgumentException naming the offending argument. */
    static Options parse(String... args) {
      Serve serve = new Serve(null);
      if (CommandLines.parse(serve, args)) {
        return new Options(null, false, serve.host, serve.port, serve.prefix, true);
      }
      return serve.options();
    }
  }

  @Command(name = "serve", separator = " ", sortOptions = false, description = {
      "serve a Static DICOMweb directory tree over HTTP with Range support", "",
      "Serves DIR, laid out like Static DICOMweb output, until killed. --sample DIR first writes into DIR a"
          + " synthetic uncompressed series (10 images, 256x256, 12 bits stored).", ""})
  private static final class Serve implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "the Static DICOMweb tree")
    private Path dir;

    @Option(names = "--sample", description = "write the sample series into DIR first")
    private boolean sample;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "the address to listen on (default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", converter = PortConverter.class,
        description = "the port; 0 picks a free one (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "",
        description = "the path the tree is served under, e.g. /dicomweb (default none)")
    private String prefix;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;

    Serve(PrintStream out) {
      this.out = out;
    }

    Options options() {
      if (dir == null) {
        throw new IllegalArgumentException("Missing DIR");
      }
      return new Options(dir, sample, host, port, prefix, false);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
      serveUntilKilled(CommandLines.checked(spec, this::options), out);
      return 0;
    }
  }

  /** A port number, 0 (any free one) to 65535. */
  private static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      try {
        int port = Integer.parseInt(text);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below with the offending text
      }
      throw new TypeConversionException("--port must be 0..65535, got " + text);
    }
  }
}
