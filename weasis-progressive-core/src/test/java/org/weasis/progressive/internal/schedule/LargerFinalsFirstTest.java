package org.weasis.progressive.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RequestType;

/**
 * Across the loads of a host, the final that decodes longest gets its bytes first: smaller finals keep
 * one connection while it is still to fetch, first stages are never held back. The executor is stepped by
 * hand: a job handed to it holds its slot until the test runs it; each job is its own owner, so
 * {@code queuedCount(job)} says whether it still waits.
 */
class LargerFinalsFirstTest {
  private static final String HOST = "http://127.0.0.1:1";
  private static final long LARGE = 3036L * 3036;
  private static final long SMALL = 512L * 512;

  private final ManualExecutor executor = new ManualExecutor();
  private final RequestScheduler scheduler = new RequestScheduler(executor);
  private final List<String> ran = new ArrayList<>();

  @Test
  void whileALargerFinalIsFetchedSmallerFinalsKeepOneConnectionAndFirstStagesTheRest() {
    TestJob large = job("large final", 0, LARGE);
    TestJob small1 = job("small final 1", 1, SMALL);
    TestJob small2 = job("small final 2", 2, SMALL);
    TestJob small3 = job("small final 3", 3, SMALL);
    TestJob first1 = job("first stage 1", 4, 0);
    TestJob first2 = job("first stage 2", 5, 0);

    scheduler.submitAll(List.of(large, small1, small2, small3, first1, first2));

    assertEquals(List.of("small final 2", "small final 3"), waiting(large, small1, small2, small3, first1, first2));
    executor.runAll();
    assertEquals(List.of("large final", "small final 1", "first stage 1", "first stage 2", "small final 2",
        "small final 3"), ran);
  }

  @Test
  void theSmallerFinalsGoOnceTheLargerFinalsBytesAreInWhileItStillDecodes() {
    List<String> waitingDuringDecode = new ArrayList<>();
    TestJob small1 = job("small final 1", 1, SMALL);
    TestJob small2 = job("small final 2", 2, SMALL);
    TestJob small3 = job("small final 3", 3, SMALL);
    TestJob large = job("large final", 0, LARGE, release -> {
      release.run(); // the body is in; the decode follows
      waitingDuringDecode.addAll(waiting(small1, small2, small3));
    });
    scheduler.submitAll(List.of(large, small1, small2, small3));
    assertEquals(List.of("small final 2", "small final 3"), waiting(small1, small2, small3));

    executor.runNext(); // the large final

    assertEquals(List.of(), waitingDuringDecode);
  }

  @Test
  void aLargerFinalStillQueuedHoldsTheSmallerFinalsRankedBeforeItToOneConnection() {
    TestJob first1 = job("first stage 1", 0, 0);
    TestJob first2 = job("first stage 2", 1, 0);
    TestJob small1 = job("small final 1", 2, SMALL);
    TestJob small2 = job("small final 2", 3, SMALL);
    TestJob large = job("large final", 4, LARGE);
    List<TestJob> jobs = List.of(first1, first2, small1, small2, large);
    jobs.forEach(j -> j.hostLimit = 2);
    scheduler.submitAll(jobs);
    assertEquals(List.of("small final 1", "small final 2", "large final"),
        waiting(first1, first2, small1, small2, large));

    executor.runNext(); // first stage 1 ends: small final 1 takes the one connection of the smaller finals
    executor.runNext(); // first stage 2 ends: the large final goes before small final 2

    assertEquals(List.of("small final 2"), waiting(small1, small2, large));
  }

  @Test
  void finalsOfOneSizeClassNeverHoldEachOtherBack() {
    TestJob larger = job("final 1024²", 0, 1024L * 1024);
    TestJob smaller1 = job("final 600² 1", 1, 600L * 600);
    TestJob smaller2 = job("final 600² 2", 2, 600L * 600);

    scheduler.submitAll(List.of(larger, smaller1, smaller2));

    assertEquals(List.of(), waiting(larger, smaller1, smaller2));
  }

  @Test
  void aSmallerFinalOfHigherPriorityIsNotHeldBack() {
    TestJob large = job("large final", 0, LARGE);
    TestJob small1 = job("small final 1", 1, SMALL);
    TestJob small2 = job("small final 2", 2, SMALL);
    TestJob focus = new TestJob("focused small final", HOST, Integer.MIN_VALUE, 3, SMALL, r -> {});

    scheduler.submitAll(List.of(large, small1, small2, focus));

    assertEquals(List.of("small final 2"), waiting(large, small1, small2, focus));
  }

  @Test
  void aLargerFinalOfAnotherHostHoldsNothingBack() {
    TestJob large = new TestJob("large final elsewhere", "http://127.0.0.1:2", 0, 0, LARGE, r -> {});
    TestJob small1 = job("small final 1", 1, SMALL);
    TestJob small2 = job("small final 2", 2, SMALL);

    scheduler.submitAll(List.of(large, small1, small2));

    assertEquals(List.of(), waiting(large, small1, small2));
  }

  /** The names of the jobs not yet handed to a worker. */
  private List<String> waiting(TestJob... jobs) {
    List<String> names = new ArrayList<>();
    for (TestJob job : jobs) {
      if (scheduler.queuedCount(job) == 1) {
        names.add(job.name);
      }
    }
    return names;
  }

  private TestJob job(String name, long rank, long finalPixels) {
    return job(name, rank, finalPixels, release -> {});
  }

  private TestJob job(String name, long rank, long finalPixels, Consumer<Runnable> work) {
    return new TestJob(name, HOST, 0, rank, finalPixels, work);
  }

  /** One request of a host with four connections unless the test says otherwise; its own owner. */
  private final class TestJob implements RequestScheduler.Job {
    final String name;
    private final String host;
    private final int priority;
    private final long rank;
    private final long finalPixels;
    private final Consumer<Runnable> work;
    private int hostLimit = 4;

    TestJob(String name, String host, int priority, long rank, long finalPixels, Consumer<Runnable> work) {
      this.name = name;
      this.host = host;
      this.priority = priority;
      this.rank = rank;
      this.finalPixels = finalPixels;
      this.work = work;
    }

    @Override
    public Object owner() {
      return this;
    }

    @Override
    public String host() {
      return host;
    }

    @Override
    public int hostLimit() {
      return hostLimit;
    }

    @Override
    public RequestType requestType() {
      return RequestType.INTERACTION;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public long rank() {
      return rank;
    }

    @Override
    public long finalPixels() {
      return finalPixels;
    }

    @Override
    public void run(Runnable releaseSlot) {
      ran.add(name);
      work.accept(releaseSlot);
    }
  }
}
