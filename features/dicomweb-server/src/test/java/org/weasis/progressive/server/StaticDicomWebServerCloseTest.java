package org.weasis.progressive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.fixtures.Fixtures;

/** close() must leave nothing behind: no thread, no listening socket. */
class StaticDicomWebServerCloseTest {

  @Test
  void closeLeavesNoServerThreadRunning() throws Exception {
    Path tree = Fixtures.staticDicomWebTree();
    Set<String> before = liveThreadNames();
    Set<String> whileServing;
    StaticDicomWebServer server = StaticDicomWebServer.start(tree, "127.0.0.1", 0);
    // The client gets an executor of our own, so that its threads can be waited for as well.
    List<Thread> clientWorkers = new CopyOnWriteArrayList<>();
    ExecutorService clientThreads = Executors.newFixedThreadPool(2, task -> {
      Thread worker = new Thread(task, "close-test-client-" + clientWorkers.size());
      clientWorkers.add(worker);
      return worker;
    });
    try {
      HttpClient client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
      try (client) {
        fetchConcurrently(client, server.baseUrl() + "/" + Fixtures.FIRST_INSTANCE_PATH + "/frames/1");
        whileServing = liveThreadNames();
      }
    } finally {
      server.close();
      clientThreads.shutdown();
      assertTrue(clientThreads.awaitTermination(10, TimeUnit.SECONDS));
      // A terminated pool's last worker may still be on its way out: wait until each has ended.
      for (Thread worker : clientWorkers) {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      }
    }

    Set<String> started = difference(whileServing, before);
    assertTrue(started.stream().anyMatch(name -> name.contains("static-dicomweb-")),
        "the server's threads were not seen while serving: " + started);
    assertEquals(Set.of(), difference(liveThreadNames(), before), "threads left after close()");
  }

  @Test
  void aClosedServerRefusesConnectionsAndCloseCanBeRepeated() throws Exception {
    StaticDicomWebServer server = StaticDicomWebServer.start(Fixtures.staticDicomWebTree(), "127.0.0.1", 0);
    URI uri = URI.create(server.baseUrl() + "/" + Fixtures.SERIES_PATH + "/metadata");
    server.close();
    server.close();

    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      assertThrows(IOException.class,
          () -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()));
    }
  }

  private static void fetchConcurrently(HttpClient client, String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-999").build();
    List<CompletableFuture<HttpResponse<byte[]>>> responses = IntStream.range(0, 6)
        .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
        .toList();
    for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
      assertEquals(206, response.join().statusCode());
    }
  }

  /**
   * Live threads, less the JVM-wide common pool: HttpClient borrows it whatever executor it is given,
   * and its workers outlive any one user by design.
   */
  private static Set<String> liveThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool-"))
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> result = new HashSet<>(a);
    result.removeAll(b);
    return result;
  }
}
