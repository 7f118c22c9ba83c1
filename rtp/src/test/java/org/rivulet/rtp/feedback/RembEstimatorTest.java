package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rivulet.rtp.feedback.RembEstimator.RembParams;

class RembEstimatorTest {

  private static final RembParams DEFAULTS = RembParams.DEFAULTS;
  private static final long STEP_NANOS = 500_000_000L;

  /** Feeds an estimator cumulative counters, one update every 500 ms. */
  private static final class Stream {
    final RembEstimator estimator;
    long received;
    long lost;
    long now = 1_000_000_000L;

    Stream(RembEstimator estimator) {
      this.estimator = estimator;
    }

    /** One interval with {@code packets} expected of which {@code lostNow} lost; the estimate. */
    long interval(long packets, long lostNow) {
      received += packets - lostNow;
      lost += lostNow;
      estimator.onReceiverStats(received, lost, now);
      now += STEP_NANOS;
      return estimator.estimate();
    }

    long clean() {
      return interval(100, 0);
    }
  }

  private static long exponential(long bps) {
    return bps + (long) (bps * 0.04);
  }

  @Test
  void defaultsAreKurentos() {
    assertEquals(new RembParams(100, 0.04, 50, 30, 0.5, 0.8, 12, 300_000), DEFAULTS);
    assertEquals(300_000, new RembEstimator(DEFAULTS, 0, 0).estimate(), "starts at rembOnConnect");
    assertEquals(30_000, RembEstimator.KURENTO_MIN_BPS);
  }

  @Test
  void startIsClamped() {
    assertEquals(250_000, new RembEstimator(DEFAULTS, 30_000, 250_000).estimate());
    assertEquals(400_000, new RembEstimator(DEFAULTS, 400_000, 0).estimate());
  }

  @Test
  void cleanStreamGrowsExponentiallyUntilTheMaximum() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 2_000_000));
    long expected = 300_000;
    assertEquals(312_000, stream.clean(), "300 kbps * 1.04");
    expected = 312_000;
    int updates = 1;
    while (expected < 2_000_000) {
      expected = Math.min(2_000_000, exponential(expected));
      assertEquals(expected, stream.clean(), "update " + ++updates);
    }
    assertTrue(updates < 60, "about 24 s at two updates a second: " + updates);
    for (int i = 0; i < 10; i++) {
      assertEquals(2_000_000, stream.clean(), "stays at the maximum");
    }
    assertEquals(0, stream.estimator.lossRecord());
  }

  @Test
  void withoutAMaximumGrowthGoesPastKurentosTwoMegabits() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    long previous = stream.estimator.estimate();
    while (previous < 3_000_000) {
      long next = stream.clean();
      assertEquals(exponential(previous), next, "exponential all the way: no threshold yet");
      previous = next;
    }
  }

  @Test
  void lossAboveUpLossesCutsByDecrementFactor() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    stream.clean();
    long before = stream.clean();
    assertEquals(324_480, before);
    // 10 of 100 lost: fraction 25/256, over upLosses 12.
    long after = stream.interval(100, 10);
    assertEquals(before / 2, after, "decrementFactor 0.5");
    assertEquals((long) (before * 0.8), stream.estimator.threshold(), "thresholdFactor 0.8");
    assertEquals(0, stream.estimator.lossRecord(), "the record restarts after a cut");
  }

  @Test
  void lossesBelowUpLossesHoldTheEstimate() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    // 4 of 100 lost: fraction 10/256, under upLosses 12.
    assertEquals(300_000, stream.interval(100, 4));
    assertEquals(10, stream.estimator.lossRecord());
    assertEquals(240_000, stream.estimator.threshold(), "a threshold appears anyway");
    assertEquals(Math.max(50, 60_000 / 30), stream.estimator.linealFactor());
    assertEquals(300_000, stream.interval(100, 4), "still held");
    assertEquals(302_000, stream.clean(),
        "an interval of 100 clean packets clears the record; above the threshold: linear");
    assertEquals(304_000, stream.clean());
  }

  @Test
  void bearableLossesHoldAtTheHighestIncomingBitrate() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    stream.estimator.onIncomingBitrate(250_000);
    assertEquals(250_000, stream.interval(100, 4), "held down to what the sender sends");
  }

  @Test
  void exponentialBelowTheThresholdThenLinearAbove() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    stream.estimator.onIncomingBitrate(1_000_000);
    stream.clean();
    assertEquals(1_040_000, stream.estimator.estimate(), "base = highest incoming bitrate");
    stream.estimator.onIncomingBitrate(1_000_000);
    // Average incoming 1 Mbps, estimate 1.04 Mbps: base 1.04 Mbps.
    assertEquals(520_000, stream.interval(100, 20), "cut to half the base");
    assertEquals(832_000, stream.estimator.threshold());
    long slope = (1_040_000 - 832_000) / 30;
    assertEquals(slope, stream.estimator.linealFactor(), "(base - TH) / linealFactorGrade");

    long previous = 520_000;
    int exponentialSteps = 0;
    while (previous < 832_000) {
      long next = stream.clean();
      assertEquals(exponential(previous), next, "exponential below TH");
      previous = next;
      exponentialSteps++;
    }
    assertEquals(12, exponentialSteps, "520 kbps * 1.04^12 passes 832 kbps");
    for (int i = 0; i < 40; i++) {
      long next = stream.clean();
      assertEquals(previous + slope, next, "linear at or above TH");
      previous = next;
    }
  }

  @Test
  void linealFactorMinIsTheSmallestLinearStep() {
    RembParams params = new RembParams(100, 0.04, 10_000, 30, 0.5, 0.8, 12, 300_000);
    Stream stream = new Stream(new RembEstimator(params, 30_000, 0));
    stream.interval(100, 4); // bearable: TH = 240 kbps, slope 2 kbps, below the minimum
    assertEquals(10_000, stream.estimator.linealFactor());
    assertEquals(310_000, stream.clean());
  }

  @Test
  void growthIsCappedAtTwiceTheIncomingBitrate() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    for (int i = 0; i < 40; i++) {
      stream.estimator.onIncomingBitrate(200_000);
      stream.clean();
    }
    assertEquals(400_000, stream.estimator.estimate());
    stream.estimator.onIncomingBitrate(100_000);
    assertEquals(400_000, stream.clean(), "the cap uses the highest rate, and growth never lowers");
  }

  @Test
  void packetsRecvIntervalTopSmoothsTheFractionLost() {
    // 3 of 50 lost: fraction 15/256, over upLosses, but the record remembers 100 packets.
    Stream smoothed = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    assertEquals(300_000, smoothed.interval(50, 3), "record (0 * 50 + 15 * 50) / 100 = 7: hold");
    assertEquals(7, smoothed.estimator.lossRecord());
    assertEquals(300_000, smoothed.interval(50, 0), "record 3: hold");
    assertEquals(300_000, smoothed.interval(50, 0), "record 1: hold");
    assertEquals(302_000, smoothed.interval(50, 0), "record 0: grow (linearly, above TH)");

    RembParams shortMemory = new RembParams(50, 0.04, 50, 30, 0.5, 0.8, 12, 300_000);
    Stream raw = new Stream(new RembEstimator(shortMemory, 30_000, 0));
    assertEquals(150_000, raw.interval(50, 3), "record 15 >= upLosses: cut");
  }

  @Test
  void intervalsLargerThanTheHistoryReplaceTheRecord() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    stream.interval(100, 4);
    assertEquals(10, stream.estimator.lossRecord());
    stream.interval(400, 4);
    assertEquals(2, stream.estimator.lossRecord(), "4 * 256 / 400");
  }

  @Test
  void anIntervalWithEverythingLostCounts() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 30_000, 0));
    assertEquals(150_000, stream.interval(100, 100));
  }

  @Test
  void repeatedCutsStopAtTheMinimumAndGrowFromThere() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 100_000, 0));
    for (int i = 0; i < 10; i++) {
      stream.interval(100, 50);
    }
    assertEquals(100_000, stream.estimator.estimate());
    assertEquals(80_000, stream.estimator.threshold(), "the last cut's base was the floor");
    assertEquals(100_000 + 20_000 / 30, stream.clean());
  }

  @Test
  void minimumWinsOverALowerMaximum() {
    Stream stream = new Stream(new RembEstimator(DEFAULTS, 500_000, 400_000));
    assertEquals(500_000, stream.estimator.estimate());
    assertEquals(500_000, stream.clean());
    assertEquals(500_000, stream.estimator.combine(100_000));
  }

  @Test
  void updatesCloserThanTwoHundredMillisecondsWait() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 0);
    long t0 = 5_000_000_000L;
    estimator.onReceiverStats(100, 0, t0);
    assertEquals(312_000, estimator.estimate());
    estimator.onReceiverStats(190, 10, t0 + 199_999_999L);
    assertEquals(312_000, estimator.estimate(), "too soon: skipped");
    estimator.onReceiverStats(200, 10, t0 + 200_000_000L);
    // The skipped losses are not forgotten: 10 of 110 since the last update, fraction 23.
    assertEquals(156_000, estimator.estimate());
  }

  @Test
  void noNewPacketsNoUpdate() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 0);
    estimator.onReceiverStats(0, 0, 0);
    assertEquals(300_000, estimator.estimate(), "nothing received yet");
    estimator.onReceiverStats(100, 0, 1_000_000_000L);
    estimator.onReceiverStats(100, 0, 2_000_000_000L);
    assertEquals(312_000, estimator.estimate(), "no packets since: no growth");
  }

  @Test
  void duplicatesMakingTheLossCounterFallAreNoLoss() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 0);
    estimator.onReceiverStats(97, 3, 0);
    assertEquals(7, estimator.lossRecord(), "bearable: hold, TH 240 kbps");
    estimator.onReceiverStats(200, 1, 1_000_000_000L);
    assertEquals(0, estimator.lossRecord(), "lost went down by 2: fraction 0, not negative");
    assertEquals(302_000, estimator.estimate(), "grows");
  }

  @Test
  void restartedCountersCountFromZero() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 0);
    estimator.onReceiverStats(10_000, 0, 0);
    assertEquals(312_000, estimator.estimate());
    estimator.onReceiverStats(90, 10, 1_000_000_000L);
    assertEquals(156_000, estimator.estimate(), "10 of 100 since the restart");
  }

  @Test
  void combineTakesTheLowerOfEstimateAndSubscribers() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 1_000_000);
    assertEquals(300_000, estimator.combine(Long.MAX_VALUE), "no subscriber estimate");
    assertEquals(300_000, estimator.combine(0), "0 means none, as in Kurento");
    assertEquals(300_000, estimator.combine(-5), "negative means none");
    assertEquals(300_000, estimator.combine(800_000));
    assertEquals(200_000, estimator.combine(200_000), "a slower subscriber limits the publisher");
    assertEquals(30_000, estimator.combine(10_000), "never under the minimum");
    assertEquals(300_000, estimator.estimate(), "combining changes nothing");
  }

  @Test
  void combineClampsToTheMaximum() {
    RembParams params = new RembParams(100, 0.04, 50, 30, 0.5, 0.8, 12, 5_000_000);
    RembEstimator estimator = new RembEstimator(params, 30_000, 1_000_000);
    assertEquals(1_000_000, estimator.combine(Long.MAX_VALUE));
    assertEquals(900_000, estimator.combine(900_000));
  }

  @Test
  void aTinyEstimateStillGrows() {
    RembParams params = new RembParams(100, 0.04, 50, 30, 0.5, 0.8, 12, 10);
    Stream stream = new Stream(new RembEstimator(params, 0, 0));
    assertEquals(11, stream.clean(), "10 * 0.04 rounds to 0; at least 1 bps");
  }

  @Test
  void growthSaturatesInsteadOfOverflowing() {
    RembParams params =
        new RembParams(100, 1.0, 50, 30, 0.5, 0.8, 12, Integer.MAX_VALUE);
    Stream stream = new Stream(new RembEstimator(params, 0, 0));
    for (int i = 0; i < 80; i++) {
      long before = stream.estimator.estimate();
      assertTrue(stream.clean() >= before, "never wraps negative");
    }
    assertEquals(Long.MAX_VALUE, stream.estimator.estimate());
    assertEquals(1L << 62, stream.interval(100, 100), "half, in double precision");
  }

  @Test
  void paramsAreCheckedLikeKurentoAndBeyond() {
    assertEquals(1, new RembParams(0, 0.04, 50, 30, 0.5, 0.8, 12, 300_000).packetsRecvIntervalTop(),
        "Kurento: 'must be greater than 0. Set to 1'");
    assertEquals(1, new RembParams(-7, 0.04, 50, 30, 0.5, 0.8, 12, 300_000)
        .packetsRecvIntervalTop());
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, Double.NaN, 50, 30, 0.5, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, -0.1, 50, 30, 0.5, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, 0, 0.5, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, Double.POSITIVE_INFINITY, 0.5, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, 30, Double.POSITIVE_INFINITY, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, 30, 0.5, -1, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, -1, 30, 0.5, 0.8, 12, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, 30, 0.5, 0.8, -1, 300_000));
    assertThrows(IllegalArgumentException.class,
        () -> new RembParams(100, 0.04, 50, 30, 0.5, 0.8, 12, -1));
    assertThrows(IllegalArgumentException.class, () -> new RembEstimator(DEFAULTS, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new RembEstimator(DEFAULTS, 0, -1));
    RembEstimator estimator = new RembEstimator(DEFAULTS, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> estimator.onIncomingBitrate(-1));
    assertEquals(DEFAULTS, estimator.params());
  }

  @Test
  void toStringShowsTheState() {
    RembEstimator estimator = new RembEstimator(DEFAULTS, 30_000, 0);
    assertEquals("RembEstimator[estimate=300000, threshold=none, linealFactor=50, lossRecord=0,"
        + " maxIncoming=0]", estimator.toString());
  }
}
