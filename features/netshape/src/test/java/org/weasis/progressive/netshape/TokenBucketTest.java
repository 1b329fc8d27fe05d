package org.weasis.progressive.netshape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bucket's arithmetic, on a clock the test moves by hand: 8 Mbit/s is one byte per microsecond. */
class TokenBucketTest {
  private static final long RATE = 8_000_000;
  private static final int BURST = 16_000;
  private static final long T0 = 1_000_000_000L;
  private static final long MICROS = 1_000;

  @Test
  void aRestedLinkPassesOneBurstAtOnce() {
    TokenBucket bucket = new TokenBucket(RATE, BURST, T0);

    assertEquals(T0, bucket.reserve(BURST, T0));
  }

  @Test
  void bytesBeyondTheBurstWaitForTheRate() {
    TokenBucket bucket = new TokenBucket(RATE, BURST, T0);
    bucket.reserve(BURST, T0);

    assertEquals(T0 + 1000 * MICROS, bucket.reserve(1000, T0));
    assertEquals(T0 + 3000 * MICROS, bucket.reserve(2000, T0));
  }

  @Test
  void aLateCallerIsNotChargedForTheTimeItOverslept() {
    TokenBucket bucket = new TokenBucket(RATE, BURST, T0);
    bucket.reserve(BURST, T0);
    long granted = bucket.reserve(1000, T0);

    // It asks again 300 us after its grant: the link's 300 us of idleness are 300 bytes of credit.
    long now = granted + 300 * MICROS;
    assertEquals(now + 1000 * MICROS, bucket.reserve(1300, now));
  }

  @Test
  void idleTimeCreditsAtMostOneBurst() {
    TokenBucket bucket = new TokenBucket(RATE, BURST, T0);
    long later = T0 + 60_000_000_000L;

    assertEquals(later, bucket.reserve(BURST, later));
    assertEquals(later + 5000 * MICROS, bucket.reserve(5000, later));
  }

  @Test
  void callersSharingTheBucketAreServedInTurnAtTheCombinedRate() {
    TokenBucket bucket = new TokenBucket(RATE, BURST, T0);
    bucket.reserve(BURST, T0);

    long first = bucket.reserve(4000, T0);
    long second = bucket.reserve(4000, T0);

    assertEquals(T0 + 4000 * MICROS, first);
    assertEquals(T0 + 8000 * MICROS, second);
  }

  @Test
  void anUnlimitedBucketNeverMakesAnyoneWait() {
    TokenBucket bucket = new TokenBucket(LinkProfile.UNLIMITED, BURST, T0);

    for (int i = 0; i < 1000; i++) {
      assertEquals(T0, bucket.reserve(1 << 20, T0));
    }
  }
}
