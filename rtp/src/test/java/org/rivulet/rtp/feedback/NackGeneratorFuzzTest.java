package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.rivulet.rtcp.RtcpNack;

/**
 * Drives a {@link NackGenerator} with an arbitrary mix of arrivals (in order, skips, reordering,
 * duplicates, jumps near the window and the forward-jump limit, half the number space away,
 * arbitrary numbers, bursts, retransmissions of NACKed numbers) and {@code nackList} calls with
 * arbitrary RTTs, at non-decreasing times with steps from zero to years. After every step it checks
 * what the class comment and method comments promise, against a model that knows only what they
 * say:
 *
 * <ul>
 *   <li>nothing throws, and {@code missing()} stays within the documented cap of {@value
 *       NackGenerator#WINDOW};
 *   <li>every NACK list is exactly the documented one: the missing numbers (skipped, and neither
 *       delivered since, nor out of the window, nor dropped by a restart, nor given up by an
 *       earlier list for their age) that are at most {@code maxAgeNanos} old and either never asked
 *       for, or asked for fewer than {@code maxRetries} times and last at least {@code max(rtt,
 *       20 ms)} ago; so its numbers are 16-bit, distinct, in RTP order, none delivered since it was
 *       last found missing, and one NACK packet can name them all;
 *   <li>a restart (a {@code resets()} step) happens on every forward jump over {@value
 *       NackGenerator#MAX_FORWARD_JUMP}, on a jump back of the window or more only when it follows
 *       the previous far-behind packet (and always when that was the packet just before), never
 *       otherwise, and leaves nothing missing;
 *   <li>counters never decrease; {@code nacked()} grows by the length of each list and only then;
 *       {@code recovered()} grows by one exactly when a number still missing arrives (either way
 *       for a number out of retries, which the class may give up on at its next list or keep until
 *       then); every number found missing is still missing, recovered or abandoned.
 * </ul>
 *
 * <p>{@code nacked() >= recovered()} is not checked: a missing packet that arrives by reordering
 * before any NACK is recovered without being asked for. Times stay within 2^62 ns of the first,
 * as differences of one monotonic clock do. Inputs:
 * {@code src/test/resources/org/rivulet/rtp/feedback/NackGeneratorFuzzTestInputs/operations/}.
 */
class NackGeneratorFuzzTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;
  private static final long MAX_SPAN = 1L << 62;
  private static final int MAX_STEPS = 3_000;
  private static final long NEVER = Long.MIN_VALUE;

  /** What the model knows of one number found missing and not delivered since. */
  private static final class Missing {
    final long detectedNanos;
    int nacks;
    long lastNackNanos;

    Missing(long detectedNanos) {
      this.detectedNanos = detectedNanos;
    }
  }

  /** The generator under test, the model, and the counters as last seen. */
  private static final class Run {
    final NackGenerator nacks;
    final int maxRetries;
    final long maxAgeNanos;
    final long start;
    long elapsed;

    boolean started;
    long newest;
    /** Extended numbers that may be missing; only those out of retries may be gone already. */
    final TreeMap<Long, Missing> missing = new TreeMap<>();
    /** Entries of {@code missing} asked for {@code maxRetries} times. */
    int exhausted;
    long foundMissing;
    /** The most recent far-behind packet since the newest last moved, or -1. */
    int lastStray = -1;
    boolean previousWasStray;
    int previousSeq = -1;
    int[] lastList = new int[0];
    long lastListNanos = NEVER;

    long nacked;
    long recovered;
    long abandoned;
    long resets;

    Run(NackGenerator nacks, int maxRetries, long maxAgeNanos, long start) {
      this.nacks = nacks;
      this.maxRetries = maxRetries;
      this.maxAgeNanos = maxAgeNanos;
      this.start = start;
    }

    long now() {
      return start + elapsed;
    }
  }

  @FuzzTest(maxDuration = "60s")
  void operations(FuzzedDataProvider data) {
    Run run;
    long start = data.consumeLong(-MAX_SPAN, MAX_SPAN - 1);
    switch (data.consumeInt(0, 2)) {
      case 0 -> run = new Run(new NackGenerator(), NackGenerator.DEFAULT_MAX_RETRIES,
          NackGenerator.DEFAULT_MAX_AGE_NANOS, start);
      case 1 -> {
        int retries = data.consumeInt(1, 12);
        long age = data.consumeBoolean() ? data.consumeInt(1, 300) * 10 * MS
            : data.consumeLong(1, 3 * SECOND);
        run = new Run(new NackGenerator(retries, age), retries, age, start);
      }
      default -> {
        int retries = data.consumeInt(1, Integer.MAX_VALUE);
        long age = data.consumeLong(1, Long.MAX_VALUE);
        run = new Run(new NackGenerator(retries, age), retries, age, start);
      }
    }
    checkCounts(run);
    int last = data.consumeInt(0, 0xFFFF);
    for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
      advanceClock(run, data);
      int op = data.consumeInt(0, 11);
      switch (op) {
        case 0, 1 -> last = arrive(run, last + 1);
        case 2 -> last = arrive(run, last + data.consumeInt(2, 40));
        case 3 -> last = arrive(run, last - data.consumeInt(0, 60));
        case 4 -> last = arrive(run, last
            + NackGenerator.MAX_FORWARD_JUMP + data.consumeInt(-3, 3));
        case 5 -> last = arrive(run, last - NackGenerator.WINDOW + data.consumeInt(-3, 3));
        case 6 -> last = arrive(run, last + 0x8000 + data.consumeInt(-2, 2));
        case 7 -> last = arrive(run, data.consumeInt(0, 0xFFFF));
        case 8 -> {
          // A burst in order, with a loss pattern from one long: bit set means lost.
          int count = data.consumeInt(1, 64);
          long lost = data.consumeLong();
          for (int i = 0; i < count; i++) {
            last = (last + 1) & 0xFFFF;
            if ((lost >>> i & 1) == 0) {
              arrive(run, last);
            }
          }
        }
        case 9 -> {
          // A retransmission of something asked for last time (the original sequence number).
          if (run.lastList.length > 0) {
            arrive(run, run.lastList[data.consumeInt(0, run.lastList.length - 1)]);
          }
        }
        default -> nackList(run, rtt(run, data));
      }
    }
  }

  private static void advanceClock(Run run, FuzzedDataProvider data) {
    long step = switch (data.consumeInt(0, 7)) {
      case 0, 1 -> 0;
      case 2 -> data.consumeLong(0, 30 * MS);
      case 3 -> data.consumeInt(0, 100) * 10 * MS;
      case 4 -> data.consumeLong(0, 300 * MS);
      case 5 -> data.consumeLong(0, 3 * SECOND);
      case 6 -> toBoundary(run, data);
      default -> data.consumeLong(0, MAX_SPAN);
    };
    run.elapsed += Math.min(step, MAX_SPAN - run.elapsed);
  }

  /**
   * A step to just before, at or just after the moment the oldest or newest missing number reaches
   * its maximum age, or the 20 ms floor of the resend interval: the edges the comparisons in
   * {@code nackList} decide on, which random steps hardly ever hit.
   */
  private static long toBoundary(Run run, FuzzedDataProvider data) {
    if (run.missing.isEmpty()) {
      return 0;
    }
    Missing m = (data.consumeBoolean() ? run.missing.firstEntry() : run.missing.lastEntry())
        .getValue();
    long step = data.consumeBoolean() || m.nacks == 0
        ? m.detectedNanos - run.now() + Math.min(run.maxAgeNanos, MAX_SPAN)
        : m.lastNackNanos - run.now() + NackGenerator.MIN_RESEND_INTERVAL_NANOS;
    step += data.consumeInt(-1, 1);
    return step > 0 && step <= MAX_SPAN ? step : 0;
  }

  private static long rtt(Run run, FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 6)) {
      case 0 -> 0;
      case 1 -> data.consumeLong(0, 50 * MS);
      case 2 -> data.consumeInt(0, 100) * 10 * MS;
      case 3 -> data.consumeLong(0, 2 * SECOND);
      case 4 -> -data.consumeLong(0, Long.MAX_VALUE);
      case 5 -> run.lastListNanos == NEVER ? 0 // exactly (or 1 ns off) the time since the last list
          : run.now() - run.lastListNanos + data.consumeInt(-1, 1);
      default -> data.consumeLong();
    };
  }

  /** Delivers {@code seq} (taken modulo 2^16) and checks the outcome; returns it. */
  private static int arrive(Run run, int anySeq) {
    int seq = anySeq & 0xFFFF;
    long now = run.now();
    long recoveredBefore = run.recovered;
    long resetsBefore = run.resets;
    run.nacks.onPacket(seq, now);
    checkCounts(run);
    assertEquals(run.nacked, run.nacks.nacked(), "onPacket asks for nothing");
    long resetStep = run.resets - resetsBefore;
    long recoveredStep = run.recovered - recoveredBefore;
    boolean stray = false;
    if (!run.started) {
      run.started = true;
      run.newest = seq;
      assertEquals(0, resetStep, "first packet");
      assertEquals(0, recoveredStep, "first packet");
    } else {
      int delta = (short) (seq - (int) run.newest);
      long ext = run.newest + delta;
      if (delta > NackGenerator.MAX_FORWARD_JUMP) {
        assertEquals(1, resetStep, "a jump of " + delta + " forward is a restart");
        restart(run, ext);
      } else if (delta <= -NackGenerator.WINDOW) {
        if (run.previousWasStray && run.previousSeq == ((seq - 1) & 0xFFFF)) {
          assertEquals(1, resetStep, "jump back of " + -delta + " confirmed by the next packet");
        }
        if (resetStep != 0) {
          assertEquals(1, resetStep);
          assertEquals((seq - 1) & 0xFFFF, run.lastStray,
              "a jump back of " + -delta + " believed without its predecessor before it");
          restart(run, ext);
        } else {
          stray = true;
          run.lastStray = seq;
        }
        assertEquals(0, recoveredStep, "far behind: " + delta);
      } else {
        assertEquals(0, resetStep, "a step of " + delta + " is no restart");
        if (delta > 0) {
          assertEquals(0, recoveredStep, "the newest so far is no recovery");
          run.lastStray = -1;
          Map<Long, Missing> outOfWindow = run.missing.headMap(ext - NackGenerator.WINDOW, true);
          for (Missing m : outOfWindow.values()) {
            forget(run, m);
          }
          outOfWindow.clear();
          for (long gap = run.newest + 1; gap < ext; gap++) {
            run.missing.put(gap, new Missing(now));
          }
          run.foundMissing += delta - 1;
          run.newest = ext;
        } else if (delta < 0) {
          Missing found = run.missing.remove(ext);
          if (found != null) {
            forget(run, found);
          }
          if (found == null) {
            assertEquals(0, recoveredStep, seq + " was not missing");
          } else if (found.nacks < run.maxRetries) {
            assertEquals(1, recoveredStep, seq + " was missing");
          } else {
            assertTrue(recoveredStep <= 1, seq + " out of retries");
          }
        } else {
          assertEquals(0, recoveredStep, "duplicate of the newest");
        }
      }
    }
    run.previousWasStray = stray;
    run.previousSeq = seq;
    checkMissing(run);
    return seq;
  }

  /** Keeps the count of exhausted entries right when {@code m} leaves the model. */
  private static void forget(Run run, Missing m) {
    if (m.nacks >= run.maxRetries) {
      run.exhausted--;
    }
  }

  private static void restart(Run run, long ext) {
    assertEquals(0, run.nacks.missing(), "a restart drops the missing set");
    run.missing.clear();
    run.exhausted = 0;
    run.newest = ext;
    run.lastStray = -1;
  }

  private static void nackList(Run run, long rttNanos) {
    long now = run.now();
    long nackedBefore = run.nacked;
    long recoveredBefore = run.recovered;
    long resetsBefore = run.resets;
    int missingBefore = run.nacks.missing();
    int[] due = run.nacks.nackList(now, rttNanos);
    checkCounts(run);
    assertNotNull(due);
    assertEquals(due.length, run.nacked - nackedBefore, "nacked counts every number asked for");
    assertEquals(recoveredBefore, run.recovered);
    assertEquals(resetsBefore, run.resets);
    assertTrue(due.length <= missingBefore, due.length + " due of " + missingBefore + " missing");
    assertTrue(due.length <= NackGenerator.WINDOW, "list of " + due.length);
    for (int i = 0; i < due.length; i++) {
      assertTrue(due[i] >= 0 && due[i] <= 0xFFFF, "not 16 bits: " + due[i]);
      if (i > 0) {
        int step = (due[i] - due[i - 1]) & 0xFFFF;
        assertTrue(step > 0 && step < 0x8000, "not in RTP order: " + Arrays.toString(due));
      }
    }
    if (due.length > 0) {
      assertTrue(((due[due.length - 1] - due[0]) & 0xFFFF) < NackGenerator.WINDOW,
          "wider than the window: " + due[0] + ".." + due[due.length - 1]);
      assertTrue(RtcpNack.of(1, 2, due).items().size() <= RtcpNack.MAX_ITEMS);
    }

    long interval = Math.max(rttNanos, NackGenerator.MIN_RESEND_INTERVAL_NANOS);
    int[] expected = new int[run.missing.size()];
    int n = 0;
    for (Iterator<Map.Entry<Long, Missing>> it = run.missing.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, Missing> entry = it.next();
      Missing m = entry.getValue();
      if (now - m.detectedNanos > run.maxAgeNanos) {
        it.remove(); // given up here for its age
        forget(run, m);
      } else if (m.nacks < run.maxRetries
          && (m.nacks == 0 || now - m.lastNackNanos >= interval)) {
        if (++m.nacks == run.maxRetries) {
          run.exhausted++;
        }
        m.lastNackNanos = now;
        expected[n++] = (int) (long) entry.getKey() & 0xFFFF;
      }
    }
    assertArrayEquals(Arrays.copyOf(expected, n), due,
        "at " + (now - run.start) + " ns, rtt " + rttNanos);
    run.lastList = due;
    run.lastListNanos = now;
    checkMissing(run);
  }

  /** Reads the counters and checks that none went down. */
  private static void checkCounts(Run run) {
    NackGenerator g = run.nacks;
    assertTrue(g.nacked() >= run.nacked, "nacked went down");
    assertTrue(g.recovered() >= run.recovered, "recovered went down");
    assertTrue(g.abandoned() >= run.abandoned, "abandoned went down");
    assertTrue(g.resets() >= run.resets, "resets went down");
    run.nacked = g.nacked();
    run.recovered = g.recovered();
    run.abandoned = g.abandoned();
    run.resets = g.resets();
  }

  private static void checkMissing(Run run) {
    int missing = run.nacks.missing();
    assertTrue(missing >= 0 && missing <= NackGenerator.WINDOW, "missing " + missing);
    int surelyMissing = run.missing.size() - run.exhausted;
    assertTrue(missing >= surelyMissing && missing <= run.missing.size(),
        "missing " + missing + ", model " + surelyMissing + ".." + run.missing.size());
    assertEquals(run.foundMissing, missing + run.recovered + run.abandoned,
        "each number found missing is still missing, recovered or abandoned");
  }
}
