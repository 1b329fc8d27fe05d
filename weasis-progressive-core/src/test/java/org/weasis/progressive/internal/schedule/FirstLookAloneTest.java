package org.weasis.progressive.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RequestType;

/**
 * The first version of the image the user looks at comes alone among its load's requests: while its request
 * holds a slot, the load's other requests wait; other loads' do not. The executor is stepped by hand: a job
 * handed to it holds its slot until the test runs it.
 */
class FirstLookAloneTest {
  private static final String HOST = "http://127.0.0.1:1";

  private final ManualExecutor executor = new ManualExecutor();
  private final RequestScheduler scheduler = new RequestScheduler(executor);
  private final Object stack = "stack";
  private final Object single = "single image";
  private final List<String> ran = new ArrayList<>();

  @Test
  void whileTheFirstLookHoldsItsSlotTheOtherRequestsOfItsLoadWaitAndAnotherLoadsGo() {
    TestJob look = job(stack, "stack image 0", true, 0, release -> {});
    TestJob next1 = job(stack, "stack image 1", false, 1, release -> {});
    TestJob next2 = job(stack, "stack image 2", false, 2, release -> {});
    TestJob other = job(single, "single image 0", false, 3, release -> {});

    scheduler.submitAll(List.of(next1, next2, look, other));

    assertEquals(2, scheduler.queuedCount(stack), "the stack's other images wait");
    assertEquals(0, scheduler.queuedCount(single), "another load's request goes");
    executor.runAll();
    assertEquals(List.of("stack image 0", "single image 0", "stack image 1", "stack image 2"), ran);
  }

  @Test
  void theLoadsOtherRequestsGoOnceTheFirstLooksBytesAreInWhileItStillDecodes() {
    List<Integer> waitingWhileItDecodes = new ArrayList<>();
    TestJob look = job(stack, "stack image 0", true, 0, release -> {
      release.run(); // the body is in; the decode follows
      waitingWhileItDecodes.add(scheduler.queuedCount(stack));
    });
    TestJob next1 = job(stack, "stack image 1", false, 1, release -> {});
    TestJob next2 = job(stack, "stack image 2", false, 2, release -> {});
    scheduler.submitAll(List.of(look, next1, next2));
    assertEquals(2, scheduler.queuedCount(stack));

    executor.runNext();

    assertEquals(List.of(0), waitingWhileItDecodes);
  }

  @Test
  void aFirstLookThatFailsLetsTheOthersGo() {
    TestJob look = job(stack, "stack image 0", true, 0, release -> {
      throw new IllegalStateException("refused");
    });
    TestJob next = job(stack, "stack image 1", false, 1, release -> {});
    scheduler.submitAll(List.of(look, next));
    assertEquals(1, scheduler.queuedCount(stack));

    assertThrows(IllegalStateException.class, executor::runNext);

    assertEquals(0, scheduler.queuedCount(stack));
    executor.runAll();
    assertEquals(List.of("stack image 0", "stack image 1"), ran);
  }

  @Test
  void theFirstLooksOfTwoLoadsGoTogether() {
    TestJob stackLook = job(stack, "stack image 0", true, 0, release -> {});
    TestJob singleLook = job(single, "single image 0", true, 0, release -> {});

    scheduler.submitAll(List.of(stackLook, singleLook));

    assertEquals(0, scheduler.queuedCount(stack) + scheduler.queuedCount(single));
  }

  @Test
  void withoutAFirstLookTheLoadsRequestsShareTheConnections() {
    TestJob first = job(stack, "stack image 0", false, 0, release -> {});
    TestJob second = job(stack, "stack image 1", false, 1, release -> {});
    TestJob third = job(stack, "stack image 2", false, 2, release -> {});

    scheduler.submitAll(List.of(first, second, third));

    assertEquals(0, scheduler.queuedCount(stack));
  }

  private TestJob job(Object owner, String name, boolean firstLook, long rank, Consumer<Runnable> work) {
    return new TestJob(owner, name, firstLook, rank, work);
  }

  /** One request of a host with six connections; the first look ranks first, as a focused image does. */
  private final class TestJob implements RequestScheduler.Job {
    private final Object owner;
    private final String name;
    private final boolean firstLook;
    private final long rank;
    private final Consumer<Runnable> work;

    TestJob(Object owner, String name, boolean firstLook, long rank, Consumer<Runnable> work) {
      this.owner = owner;
      this.name = name;
      this.firstLook = firstLook;
      this.rank = rank;
      this.work = work;
    }

    @Override
    public Object owner() {
      return owner;
    }

    @Override
    public String host() {
      return HOST;
    }

    @Override
    public int hostLimit() {
      return 6;
    }

    @Override
    public RequestType requestType() {
      return RequestType.INTERACTION;
    }

    @Override
    public int priority() {
      return firstLook ? Integer.MIN_VALUE : 0;
    }

    @Override
    public long rank() {
      return rank;
    }

    @Override
    public boolean firstLook() {
      return firstLook;
    }

    @Override
    public void run(Runnable releaseSlot) {
      ran.add(name);
      work.accept(releaseSlot);
    }
  }
}
