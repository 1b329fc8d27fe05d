package org.weasis.progressive.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RequestType;

/** A slot given back early starts the next request at once, and its result still comes after ours. */
class SlotHandOverTest {
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final RequestScheduler scheduler = new RequestScheduler(workers);
  private final List<String> results = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopWorkers() {
    workers.shutdownNow();
  }

  @Test
  void theJobThatTookAnEarlySlotGivesItsResultAfterTheJobThatHandedItOver() throws Exception {
    CountDownLatch secondFetched = new CountDownLatch(1);
    CountDownLatch bothDone = new CountDownLatch(2);
    scheduler.submitAll(List.of(
        job("first", 0, release -> {
          release.run();
          await(secondFetched); // the next request ran while this one "decodes"
          awaitResultOf("second", 1000); // it must not overtake: wait a while to give it the chance
          results.add("first");
          bothDone.countDown();
        }),
        job("second", 1, release -> {
          secondFetched.countDown();
          release.run(); // waits for "first" to end
          results.add("second");
          bothDone.countDown();
        })));

    assertTrue(bothDone.await(10, TimeUnit.SECONDS), "both jobs ended: " + results);
    assertEquals(List.of("first", "second"), results);
  }

  @Test
  void aJobThatEndsWithoutGivingItsSlotBackEarlyMakesNoOneWait() throws Exception {
    CountDownLatch bothDone = new CountDownLatch(2);
    scheduler.submitAll(List.of(
        job("first", 0, release -> {
          results.add("first");
          bothDone.countDown();
        }),
        job("second", 1, release -> {
          release.run();
          results.add("second");
          bothDone.countDown();
        })));

    assertTrue(bothDone.await(10, TimeUnit.SECONDS), "both jobs ended: " + results);
    assertEquals(List.of("first", "second"), results);
  }

  private void awaitResultOf(String name, long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!results.contains(name) && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A job on one host with one slot. */
  private static RequestScheduler.Job job(String name, long rank, Consumer<Runnable> work) {
    return new RequestScheduler.Job() {
      @Override
      public Object owner() {
        return "load";
      }

      @Override
      public String host() {
        return "127.0.0.1:1";
      }

      @Override
      public int hostLimit() {
        return 1;
      }

      @Override
      public RequestType requestType() {
        return RequestType.INTERACTION;
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public long rank() {
        return rank;
      }

      @Override
      public void run(Runnable releaseSlot) {
        work.accept(releaseSlot);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
