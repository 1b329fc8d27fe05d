package org.weasis.progressive.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Command line entry: serves a Static DICOMweb directory (optionally a fresh sample series) until killed. */
public final class ServeMain {
  static final String USAGE = """
      Usage: ServeMain DIR [--host 127.0.0.1] [--port 0] [--prefix /dicomweb]
             ServeMain --sample DIR [--host ...] [--port ...] [--prefix ...]
             ServeMain --help
      Serves DIR, laid out like Static DICOMweb output, until killed. With --sample, first writes into DIR
      a synthetic uncompressed series (10 images, 256x256, 12 bits stored). Port 0 picks a free port.""";

  /** Fixed, so that URLs noted from one run still work after a restart. */
  static final String SAMPLE_STUDY_UID = "2.25.163012549129398516451236489553461738841";
  static final String SAMPLE_SERIES_UID = "2.25.163012549129398516451236489553461738841.1";

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
    static Options parse(String... args) {
      Path dir = null;
      boolean sample = false;
      String host = "127.0.0.1";
      int port = 0;
      String prefix = "";
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> {
            return new Options(null, false, host, port, prefix, true);
          }
          case "--sample" -> sample = true;
          case "--host" -> host = valueOf(args, ++i, "--host");
          case "--port" -> port = parsePort(valueOf(args, ++i, "--port"));
          case "--prefix" -> prefix = valueOf(args, ++i, "--prefix");
          default -> dir = directory(args[i], dir);
        }
      }
      if (dir == null) {
        throw new IllegalArgumentException("Missing DIR");
      }
      return new Options(dir, sample, host, port, prefix, false);
    }

    private static String valueOf(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int parsePort(String text) {
      try {
        int port = Integer.parseInt(text);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below with the offending text
      }
      throw new IllegalArgumentException("--port must be 0..65535, got " + text);
    }

    private static Path directory(String arg, Path previous) {
      if (arg.startsWith("-")) {
        throw new IllegalArgumentException("Unknown option " + arg);
      }
      if (previous != null) {
        throw new IllegalArgumentException("Only one DIR, got " + previous + " and " + arg);
      }
      return Path.of(arg);
    }
  }
}
