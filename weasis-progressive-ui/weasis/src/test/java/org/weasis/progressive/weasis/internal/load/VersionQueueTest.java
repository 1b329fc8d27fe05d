package org.weasis.progressive.weasis.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ShortBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageQualityStatus;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.decoder.PixelDescription;
import org.weasis.progressive.api.decoder.Raster;

class VersionQueueTest {

  private static ImageEvent version(int index, ImageQualityStatus status) {
    ImageRef ref = new ImageRef("1.2", "1.2.3", "1.2.3." + index, 1, "http://127.0.0.1/frames", null, index,
        PixelDescription.grey(4, 4, 16, false));
    return new ImageEvent(index, ref, status, 4, 4, 0, 10, -1, "s", 1, index,
        new Raster(4, 4, 1, ShortBuffer.allocate(16)));
  }

  @Test
  void everyImagesFirstVersionIsHandedOverBeforeAnyRefinementAndAnOvertakenRefinementNever() throws Exception {
    VersionQueue queue = new VersionQueue();
    ImageEvent firstOf5 = version(5, ImageQualityStatus.SUBRESOLUTION);
    ImageEvent of2 = version(2, ImageQualityStatus.SUBRESOLUTION);
    ImageEvent finalOf5 = version(5, ImageQualityStatus.FULL_RESOLUTION);
    ImageEvent betterOf2 = version(2, ImageQualityStatus.SUBRESOLUTION);
    ImageEvent finalOf2 = version(2, ImageQualityStatus.FULL_RESOLUTION);
    queue.offer(firstOf5);
    queue.offer(of2);
    queue.offer(finalOf5);
    queue.offer(betterOf2);
    queue.offer(finalOf2);
    queue.close();

    assertSame(firstOf5, queue.take());
    assertSame(of2, queue.take());
    assertSame(finalOf5, queue.take());
    assertSame(finalOf2, queue.take(), "the refinement of image 2 overtaken while waiting is not handed over");
    assertNull(queue.take());
  }

  @Test
  void theVersionsOfTheImageTheUserLooksAtGoBeforeTheOthersWaiting() throws Exception {
    VersionQueue queue = new VersionQueue();
    ImageEvent finalOf1 = version(1, ImageQualityStatus.FULL_RESOLUTION);
    ImageEvent firstOf7 = version(7, ImageQualityStatus.SUBRESOLUTION);
    ImageEvent firstOf3 = version(3, ImageQualityStatus.SUBRESOLUTION);
    ImageEvent finalOf3 = version(3, ImageQualityStatus.FULL_RESOLUTION);
    ImageEvent finalOf7 = version(7, ImageQualityStatus.FULL_RESOLUTION);
    queue.offer(version(1, ImageQualityStatus.SUBRESOLUTION));
    queue.offer(firstOf7);
    queue.offer(firstOf3);
    assertEquals(1, queue.take().imageIndex());
    queue.offer(finalOf1);
    queue.offer(finalOf3);
    queue.offer(finalOf7);
    queue.prefer(3);
    queue.close();

    assertSame(firstOf3, queue.take(), "the preferred image's first version before anything else");
    assertSame(finalOf3, queue.take(), "then its refinement, before other images' first versions");
    assertSame(firstOf7, queue.take());
    assertSame(finalOf1, queue.take());
    assertSame(finalOf7, queue.take());
    assertNull(queue.take());
  }

  @Test
  void takeWaitsForTheNextVersionUntilTheQueueIsClosed() throws Exception {
    VersionQueue queue = new VersionQueue();
    CompletableFuture<ImageEvent> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    ImageEvent event = version(0, ImageQualityStatus.FULL_RESOLUTION);
    queue.offer(event);
    assertSame(event, taken.get(5, TimeUnit.SECONDS));

    CompletableFuture<ImageEvent> end = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.close();
    assertNull(end.get(5, TimeUnit.SECONDS));
    assertEquals(true, end.isDone());
  }
}
