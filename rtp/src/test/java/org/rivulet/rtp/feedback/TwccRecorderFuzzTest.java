package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.TreeMap;
import org.rivulet.rtcp.RtcpCompound;
import org.rivulet.rtcp.RtcpTransportCc;

/**
 * Feeds a {@link TwccRecorder} arbitrary arrivals (in order, with losses, reordered, duplicated,
 * with jumps past {@value TwccRecorder#MAX_PENDING} and half the number space, long bursts) at
 * times that mostly go forward but also back a little or far, with steps up to weeks so the 24-bit
 * reference time wraps, and asks for feedback at arbitrary moments. Checks, against a model of the
 * documented behaviour (unwrapping to the nearest extended number, drop before the first
 * unreported number, first arrival kept, oldest pushed out past the cap):
 *
 * <ul>
 *   <li>nothing throws; {@code pending()} is exactly the span still to report and never over
 *       {@value TwccRecorder#MAX_PENDING}; {@code recorded()}, {@code late()} and
 *       {@code evicted()} count exactly what the model counts;
 *   <li>a feedback call returns nothing exactly when nothing is pending, and otherwise packets that
 *       together cover every pending number once, in order, received exactly when an arrival was
 *       recorded for it; each packet has a received status, its reference time is its first
 *       arrival rounded down to 64 ms (24-bit wrapped), and the running sum of deltas rebuilds every
 *       arrival rounded down to 250 us, so within 250 us modulo the reference wrap;
 *   <li>each packet encodes to at most {@value TwccRecorder#MAX_FEEDBACK_BYTES} bytes (RTCP header
 *       included) and {@code RtcpCompound.parse} of that encoding gives back an equal packet;
 *   <li>the feedback packet count goes up by one, modulo 256, from each packet to the next, across
 *       calls.
 * </ul>
 *
 * <p>Times stay within 2^61 ns of zero, so the checks' own arithmetic cannot overflow. Inputs:
 * {@code src/test/resources/org/rivulet/rtp/feedback/TwccRecorderFuzzTestInputs/arrivalsAndFeedback/}.
 */
class TwccRecorderFuzzTest {

  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;
  private static final long MAX_TIME = 1L << 61;
  private static final long TICK_NANOS = 250 * US;
  private static final long REFERENCE_NANOS = 64 * MS;
  /** The 24-bit reference time wraps after 2^24 x 64 ms. */
  private static final long REFERENCE_PERIOD_NANOS = (1L << 24) * REFERENCE_NANOS;
  private static final int MAX_STEPS = 2_000;
  private static final int MAX_ARRIVALS = 60_000;

  /** The recorder, the model of what it holds, and the counters it should show. */
  private static final class Run {
    final TwccRecorder twcc = new TwccRecorder();
    final int senderSsrc;
    final int mediaSsrc;
    long now;
    int arrivals;

    boolean started;
    long nextBase;
    long highest;
    /** First arrival time of each pending extended number that arrived. */
    final TreeMap<Long, Long> firstArrival = new TreeMap<>();
    long recorded;
    long late;
    long evicted;
    /** The count the next feedback packet must carry, or -1 before the first. */
    int nextFeedbackCount = -1;

    Run(int senderSsrc, int mediaSsrc, long now) {
      this.senderSsrc = senderSsrc;
      this.mediaSsrc = mediaSsrc;
      this.now = now;
    }

    long pending() {
      return !started || nextBase > highest ? 0 : highest - nextBase + 1;
    }
  }

  @FuzzTest(maxDuration = "60s")
  void arrivalsAndFeedback(FuzzedDataProvider data) {
    Run run = new Run(data.consumeInt(), data.consumeInt(), data.consumeLong(-MAX_TIME, MAX_TIME));
    int last = data.consumeInt(0, 0xFFFF);
    for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0
        && run.arrivals < MAX_ARRIVALS; step++) {
      switch (data.consumeInt(0, 11)) {
        case 0, 1 -> last = arrive(run, last + 1, clock(run, data));
        case 2 -> last = arrive(run, last + data.consumeInt(2, 60), clock(run, data));
        case 3 -> last = arrive(run, last - data.consumeInt(0, 40), clock(run, data));
        case 4 -> arrive(run, last - data.consumeInt(0, 40), clock(run, data)); // late, keep last
        case 5 -> last = arrive(run, last + data.consumeInt(1_000, 40_000), clock(run, data));
        case 6 -> last = arrive(run, last + 0x8000 + data.consumeInt(-2, 2), clock(run, data));
        case 7 -> last = arrive(run, data.consumeInt(0, 0xFFFF), clock(run, data));
        case 8 -> {
          // A burst: a fixed spacing with jitter, losses where bits of one long are set.
          int count = data.consumeBoolean() ? data.consumeInt(1, 200)
              : data.consumeInt(1, TwccRecorder.MAX_PENDING + 500);
          long spacing = data.consumeLong(0, 20 * MS);
          long lost = data.consumeLong();
          long jitter = data.consumeLong();
          for (int i = 0; i < count; i++) {
            last = (last + 1) & 0xFFFF;
            long rotated = Long.rotateLeft(jitter, i);
            run.now = clamp(run.now + spacing - ((rotated & 7) == 0 ? 3 * MS : 0));
            if ((Long.rotateLeft(lost, i) & 1) == 0) {
              arrive(run, last, run.now);
            }
          }
        }
        default -> feedback(run);
      }
    }
    feedback(run);
  }

  /** Advances (or moves back) the arrival clock, and returns the new time. */
  private static long clock(Run run, FuzzedDataProvider data) {
    long step = switch (data.consumeInt(0, 8)) {
      case 0 -> 0;
      case 1, 2 -> data.consumeLong(0, 2 * MS);
      case 3 -> -data.consumeLong(0, 5 * MS); // back a little
      case 4 -> data.consumeLong(0, 100 * MS);
      case 5 -> data.consumeLong(8 * SECOND, 9 * SECOND); // about the largest delta
      case 6 -> -data.consumeLong(0, 10 * SECOND);
      case 7 -> data.consumeLong(0, 30L * 24 * 3600 * SECOND); // the reference time wraps
      default -> data.consumeLong(-MAX_TIME, MAX_TIME);
    };
    run.now = clamp(run.now + step);
    return run.now;
  }

  private static long clamp(long time) {
    return Math.max(-MAX_TIME, Math.min(MAX_TIME, time));
  }

  /** Records {@code seq} (modulo 2^16) at {@code arrivalNanos} in the recorder and the model. */
  private static int arrive(Run run, int anySeq, long arrivalNanos) {
    int seq = anySeq & 0xFFFF;
    run.arrivals++;
    run.twcc.onPacket(seq, arrivalNanos);
    long ext;
    if (!run.started) {
      run.started = true;
      ext = seq;
      run.nextBase = ext;
      run.highest = ext;
    } else {
      ext = run.highest + (short) (seq - (int) run.highest);
    }
    if (ext < run.nextBase) {
      run.late++;
    } else {
      if (ext > run.highest) {
        if (ext - run.nextBase >= TwccRecorder.MAX_PENDING) {
          long newBase = ext - TwccRecorder.MAX_PENDING + 1;
          var pushedOut = run.firstArrival.headMap(newBase);
          run.evicted += pushedOut.size();
          pushedOut.clear();
          run.nextBase = newBase;
        }
        run.highest = ext;
      }
      if (run.firstArrival.putIfAbsent(ext, arrivalNanos) == null) {
        run.recorded++;
      }
    }
    checkCounts(run);
    return seq;
  }

  private static void checkCounts(Run run) {
    TwccRecorder twcc = run.twcc;
    assertEquals(run.pending(), twcc.pending(), "pending");
    assertTrue(twcc.pending() >= 0 && twcc.pending() <= TwccRecorder.MAX_PENDING,
        "pending " + twcc.pending());
    assertEquals(run.recorded, twcc.recorded(), "recorded");
    assertEquals(run.late, twcc.late(), "late");
    assertEquals(run.evicted, twcc.evicted(), "evicted");
  }

  private static void feedback(Run run) {
    long pending = run.twcc.pending();
    List<RtcpTransportCc> feedback = run.twcc.feedback(run.senderSsrc, run.mediaSsrc);
    assertNotNull(feedback);
    assertEquals(pending == 0, feedback.isEmpty(), pending + " pending");
    long ext = run.nextBase;
    for (RtcpTransportCc fb : feedback) {
      checkEncoding(fb);
      assertEquals(run.senderSsrc, fb.senderSsrc());
      assertEquals(run.mediaSsrc, fb.mediaSsrc());
      if (run.nextFeedbackCount >= 0) {
        assertEquals(run.nextFeedbackCount, fb.feedbackPacketCount(), "feedback packet count");
      }
      run.nextFeedbackCount = (fb.feedbackPacketCount() + 1) & 0xFF;
      assertEquals(ext & 0xFFFF, fb.baseSequenceNumber(), "packets follow on");
      long time = fb.referenceTimeMicros() * US;
      boolean anyReceived = false;
      for (int i = 0; i < fb.packetStatusCount(); i++, ext++) {
        assertTrue(ext <= run.highest, "status past the highest number recorded");
        Long arrival = run.firstArrival.remove(ext);
        int status = fb.status(i);
        assertNotEquals(RtcpTransportCc.RECEIVED_WITHOUT_DELTA, status);
        assertEquals(arrival != null, status != RtcpTransportCc.NOT_RECEIVED,
            "seq " + (ext & 0xFFFF) + " (extended " + ext + ")");
        time += fb.receiveDelta(i) * TICK_NANOS;
        if (arrival == null) {
          continue;
        }
        if (!anyReceived) {
          anyReceived = true;
          assertEquals(wrap24(Math.floorDiv(arrival, REFERENCE_NANOS)), fb.referenceTime(),
              "reference time: first arrival " + arrival + " rounded down to 64 ms");
        }
        long error = Math.floorMod(arrival - time, REFERENCE_PERIOD_NANOS);
        assertTrue(error < TICK_NANOS,
            "seq " + (ext & 0xFFFF) + " arrived at " + arrival + ", rebuilt " + time);
      }
      assertTrue(anyReceived, "a packet without a received status");
    }
    if (pending > 0) {
      assertEquals(run.highest + 1, ext, "everything pending reported");
      run.nextBase = run.highest + 1;
    }
    assertTrue(run.firstArrival.isEmpty(), "arrivals left unreported");
    checkCounts(run);
    assertEquals(0, run.twcc.pending());
  }

  /** Writes one packet, checks its size, and parses it back to an equal packet. */
  private static void checkEncoding(RtcpTransportCc fb) {
    int length = fb.encodedLength();
    assertTrue(length <= TwccRecorder.MAX_FEEDBACK_BYTES, "encoded length " + length);
    assertTrue(fb.packetStatusCount() >= 1
        && fb.packetStatusCount() <= RtcpTransportCc.MAX_PACKET_STATUS_COUNT);
    // An untracked heap buffer: paranoid leak detection would record a trace per write.
    ByteBuf wire = Unpooled.wrappedBuffer(new byte[length]).clear();
    try {
      fb.writeTo(wire);
      assertEquals(length, wire.readableBytes(), "bytes written");
      RtcpCompound parsed = RtcpCompound.parse(wire);
      assertNotNull(parsed, "feedback does not parse");
      assertEquals(1, parsed.packets().size());
      assertEquals(fb, parsed.packets().get(0));
    } finally {
      wire.release();
    }
  }

  /** The low 24 bits of {@code reference}, sign-extended. */
  private static int wrap24(long reference) {
    return (int) (reference << 40 >> 40);
  }
}
