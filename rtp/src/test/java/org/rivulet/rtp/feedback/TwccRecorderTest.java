package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtcp.RtcpTransportCc.NOT_RECEIVED;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_LARGE_DELTA;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_SMALL_DELTA;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rivulet.rtcp.RtcpCompound;
import org.rivulet.rtcp.RtcpPacket;
import org.rivulet.rtcp.RtcpTransportCc;

class TwccRecorderTest {

  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final int SENDER = 0x11111111;
  private static final int MEDIA = 0x22222222;
  /** The 24-bit reference time wraps after 2^24 x 64 ms. */
  private static final long REFERENCE_PERIOD_NANOS = (1L << 24) * 64 * MS;

  /** One status of a feedback packet as the sender will read it. */
  record Status(int seq, boolean received, long arrivalNanos) {}

  /**
   * Encodes the packets in one compound, parses it back, checks the values survive, and rebuilds
   * each status with its arrival time: reference time plus the running sum of deltas.
   */
  private static List<Status> decode(List<RtcpTransportCc> feedback) {
    RtcpCompound written = new RtcpCompound(new ArrayList<RtcpPacket>(feedback));
    // An untracked buffer: paranoid leak detection records a trace per write, which makes the
    // long randomized runs slow, and this helper's own buffer is not what the tests are about.
    ByteBuf wire = Unpooled.wrappedBuffer(new byte[written.encodedLength()]).clear();
    written.writeTo(wire);
    List<RtcpTransportCc> parsed;
    try {
      RtcpCompound compound = RtcpCompound.parse(wire);
      assertNotNull(compound);
      parsed = compound.packetsOf(RtcpTransportCc.class);
    } finally {
      wire.release();
    }
    assertEquals(feedback, parsed);
    List<Status> statuses = new ArrayList<>();
    for (RtcpTransportCc fb : parsed) {
      assertTrue(fb.encodedLength() <= TwccRecorder.MAX_FEEDBACK_BYTES,
          "size " + fb.encodedLength());
      assertEquals(SENDER, fb.senderSsrc());
      assertEquals(MEDIA, fb.mediaSsrc());
      long time = fb.referenceTimeMicros() * US;
      for (int i = 0; i < fb.packetStatusCount(); i++) {
        boolean received = fb.status(i) != NOT_RECEIVED;
        time += fb.receiveDelta(i) * 250 * US;
        statuses.add(new Status(fb.sequenceNumber(i), received, received ? time : 0));
      }
    }
    return statuses;
  }

  /** The rebuilt arrival is the true one rounded down to 250 us (modulo the reference wrap). */
  private static void assertArrival(long expectedNanos, Status status) {
    long error = Math.floorMod(expectedNanos - status.arrivalNanos(), REFERENCE_PERIOD_NANOS);
    assertTrue(error < 250 * US, "seq " + status.seq() + " off by " + error + " ns");
  }

  @Test
  void reportsArrivalsAndGapsWithinAQuarterMillisecond() {
    TwccRecorder twcc = new TwccRecorder();
    long t0 = 5_000 * MS + 123_456;
    long[] arrivals = {
        t0, t0 + 1_100 * US, t0 + 1_600 * US, -1, -1, t0 + 90 * MS, t0 + 90_249 * US};
    for (int i = 0; i < arrivals.length; i++) {
      if (arrivals[i] >= 0) {
        twcc.onPacket(100 + i, arrivals[i]);
      }
    }
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(1, feedback.size());
    RtcpTransportCc fb = feedback.get(0);
    assertEquals(100, fb.baseSequenceNumber());
    assertEquals(7, fb.packetStatusCount());
    assertEquals(0, fb.feedbackPacketCount());
    assertEquals(t0 / (64 * MS), fb.referenceTime(), "first arrival rounded down to 64 ms");
    assertEquals(RECEIVED_SMALL_DELTA, fb.status(0));
    assertEquals(NOT_RECEIVED, fb.status(3));
    assertEquals(RECEIVED_LARGE_DELTA, fb.status(5), "88.4 ms does not fit one byte");
    assertEquals(RECEIVED_SMALL_DELTA, fb.status(6));
    List<Status> statuses = decode(feedback);
    for (int i = 0; i < arrivals.length; i++) {
      Status status = statuses.get(i);
      assertEquals(100 + i, status.seq());
      assertEquals(arrivals[i] >= 0, status.received());
      if (status.received()) {
        assertArrival(arrivals[i], status);
      }
    }
    assertEquals(5, twcc.recorded());
  }

  @Test
  void eachCallReportsOnlyWhatIsNew() {
    TwccRecorder twcc = new TwccRecorder();
    assertTrue(twcc.feedback(SENDER, MEDIA).isEmpty(), "nothing recorded yet");
    twcc.onPacket(1, 10 * MS);
    twcc.onPacket(2, 11 * MS);
    assertEquals(2, twcc.pending());
    assertEquals(1, twcc.feedback(SENDER, MEDIA).size());
    assertEquals(0, twcc.pending());
    assertTrue(twcc.feedback(SENDER, MEDIA).isEmpty());
    twcc.onPacket(4, 13 * MS);
    List<RtcpTransportCc> next = twcc.feedback(SENDER, MEDIA);
    assertEquals(3, next.get(0).baseSequenceNumber(), "the number lost since starts the packet");
    assertEquals(NOT_RECEIVED, next.get(0).status(0));
    assertEquals(1, next.get(0).feedbackPacketCount());
    assertArrival(13 * MS, decode(next).get(1));
  }

  @Test
  void feedbackPacketCountWrapsAt256() {
    TwccRecorder twcc = new TwccRecorder();
    for (int i = 0; i < 300; i++) {
      twcc.onPacket(i, i * MS);
      List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
      assertEquals(1, feedback.size());
      assertEquals(i % 256, feedback.get(0).feedbackPacketCount());
    }
  }

  @Test
  void lateArrivalsBeforeTheBaseAreDropped() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(10, 0);
    twcc.onPacket(9, MS);
    assertEquals(1, twcc.late(), "before the first one recorded");
    twcc.onPacket(12, 2 * MS);
    twcc.feedback(SENDER, MEDIA);
    twcc.onPacket(11, 3 * MS);
    twcc.onPacket(12, 3 * MS);
    assertEquals(3, twcc.late(), "reported as lost, or reported already");
    assertTrue(twcc.feedback(SENDER, MEDIA).isEmpty());
    assertEquals(2, twcc.recorded());
  }

  @Test
  void aDuplicateKeepsTheFirstArrival() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(5, 10 * MS);
    twcc.onPacket(5, 30 * MS);
    List<Status> statuses = decode(twcc.feedback(SENDER, MEDIA));
    assertEquals(1, statuses.size());
    assertArrival(10 * MS, statuses.get(0));
    assertEquals(1, twcc.recorded());
  }

  @Test
  void reorderedArrivalsGetNegativeDeltas() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(1, 100 * MS);
    twcc.onPacket(3, 101 * MS);
    twcc.onPacket(2, 102 * MS);
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    RtcpTransportCc fb = feedback.get(0);
    assertEquals(3, fb.packetStatusCount());
    assertEquals(8, fb.receiveDelta(1), "2 ms after seq 1");
    assertEquals(RECEIVED_LARGE_DELTA, fb.status(2));
    assertEquals(-4, fb.receiveDelta(2), "1 ms before seq 2");
    List<Status> statuses = decode(feedback);
    assertArrival(100 * MS, statuses.get(0));
    assertArrival(102 * MS, statuses.get(1));
    assertArrival(101 * MS, statuses.get(2));
  }

  @Test
  void unwrapsAcrossTheSixteenBitWrap() {
    TwccRecorder twcc = new TwccRecorder();
    for (int i = 0; i < 12; i++) {
      twcc.onPacket((65530 + i) & 0xFFFF, i * MS);
    }
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(1, feedback.size());
    assertEquals(65530, feedback.get(0).baseSequenceNumber());
    assertEquals(12, feedback.get(0).packetStatusCount());
    List<Status> statuses = decode(feedback);
    for (int i = 0; i < 12; i++) {
      assertEquals((65530 + i) & 0xFFFF, statuses.get(i).seq());
      assertArrival(i * MS, statuses.get(i));
    }
  }

  @Test
  @DisplayName("draft-holmer-rmcat-transport-wide-cc-extensions-01 3.1.5: a delta beyond 16 bits "
      + "starts a new packet")
  void aDeltaBeyondTheLargeRangeStartsANewPacket() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(1, 0);
    twcc.onPacket(2, 8_191 * MS);
    twcc.onPacket(4, 8_191 * MS + 8_192 * MS);
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(2, feedback.size());
    assertEquals(2, feedback.get(0).packetStatusCount(), "8.191 s still fits");
    assertEquals(3, feedback.get(1).baseSequenceNumber(), "starts at the gap before the arrival");
    assertEquals(NOT_RECEIVED, feedback.get(1).status(0));
    assertEquals(0, feedback.get(0).feedbackPacketCount());
    assertEquals(1, feedback.get(1).feedbackPacketCount());
    List<Status> statuses = decode(feedback);
    assertArrival(0, statuses.get(0));
    assertArrival(8_191 * MS, statuses.get(1));
    assertFalse(statuses.get(2).received());
    assertArrival(16_383 * MS, statuses.get(3));
  }

  @Test
  void manyArrivalsAreSplitIntoPacketsThatFitADatagram() {
    TwccRecorder twcc = new TwccRecorder();
    Map<Integer, Long> sent = new HashMap<>();
    Random random = new Random(1);
    long now = 0;
    for (int seq = 0; seq < 3000; seq++) {
      // Jittery arrivals: a third of the deltas are large (over 64 ms, or negative).
      now += random.nextInt(3) == 0 ? 70 * MS : random.nextInt(2 * (int) MS);
      long arrival = now - (random.nextInt(4) == 0 ? 5 * MS : 0);
      twcc.onPacket(seq, arrival);
      sent.put(seq, arrival);
    }
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertTrue(feedback.size() > 3, feedback.size() + " packets");
    List<Status> statuses = decode(feedback);
    assertEquals(3000, statuses.size());
    for (int i = 0; i < statuses.size(); i++) {
      assertEquals(i, statuses.get(i).seq(), "contiguous across packets");
      assertArrival(sent.get(i), statuses.get(i));
    }
    for (int i = 1; i < feedback.size(); i++) {
      assertEquals(i, feedback.get(i).feedbackPacketCount());
    }
  }

  @Test
  void steadyTrafficFillsEachPacketToTheBudget() {
    TwccRecorder twcc = new TwccRecorder();
    for (int seq = 0; seq < 3000; seq++) {
      twcc.onPacket(seq, seq * 500 * US);
    }
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(3, feedback.size(), "one delta byte per packet: about 1170 per feedback");
    assertEquals(3000, decode(feedback).size());
  }

  /**
   * The size bound must never let a packet exceed the budget (decode checks that) whatever the
   * pattern of losses and delta sizes, yet not be so pessimistic that packets go out half empty.
   */
  @Test
  void randomLossPatternsStayWithinTheBudgetAndUseMostOfIt() {
    Random random = new Random(15);
    TwccRecorder twcc = new TwccRecorder();
    int seq = 0;
    long now = 0;
    for (int round = 0; round < 40; round++) {
      int lossPercent = random.nextInt(100);
      int largePercent = random.nextInt(100);
      int burst = 1 + random.nextInt(round % 4 == 0 ? 200 : 5);
      for (int i = 0; i < 6000; i++, seq++) {
        now += random.nextInt(100) < largePercent ? 80 * MS : 100 * US;
        if (i % burst == 0 && random.nextInt(100) < lossPercent) {
          seq += burst - 1; // a burst of losses
          i += burst - 1;
          continue;
        }
        twcc.onPacket(seq & 0xFFFF, now);
      }
      List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
      decode(feedback);
      for (int i = 0; i < feedback.size() - 1; i++) {
        int length = feedback.get(i).encodedLength();
        assertTrue(length >= TwccRecorder.MAX_FEEDBACK_BYTES * 2 / 3,
            "round " + round + " packet " + i + ": " + length + " bytes");
      }
    }
  }

  @Test
  void aLongLossBurstCostsOnlyRunLengthChunks() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(0, 0);
    twcc.onPacket(9001, 500 * MS);
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(1, feedback.size());
    assertEquals(9002, feedback.get(0).packetStatusCount());
    assertTrue(feedback.get(0).encodedLength() <= 40, "size " + feedback.get(0).encodedLength());
    List<Status> statuses = decode(feedback);
    assertArrival(500 * MS, statuses.get(9001));
  }

  @Test
  void pendingNumbersAreCappedByEvictingTheOldest() {
    TwccRecorder twcc = new TwccRecorder();
    int total = TwccRecorder.MAX_PENDING + 100;
    for (int seq = 0; seq < total; seq++) {
      twcc.onPacket(seq & 0xFFFF, seq * 100 * US);
      assertTrue(twcc.pending() <= TwccRecorder.MAX_PENDING);
    }
    assertEquals(100, twcc.evicted());
    List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
    assertEquals(100, feedback.get(0).baseSequenceNumber());
    List<Status> statuses = decode(feedback);
    assertEquals(TwccRecorder.MAX_PENDING, statuses.size());
    assertArrival((total - 1) * 100 * US, statuses.get(statuses.size() - 1));
  }

  @Test
  void aHugeJumpForwardKeepsAtMostTheCap() {
    TwccRecorder twcc = new TwccRecorder();
    twcc.onPacket(0, 0);
    twcc.onPacket(30_000, MS);
    assertEquals(1, twcc.evicted());
    assertEquals(TwccRecorder.MAX_PENDING, twcc.pending());
    List<Status> statuses = decode(twcc.feedback(SENDER, MEDIA));
    assertEquals(TwccRecorder.MAX_PENDING, statuses.size());
    assertArrival(MS, statuses.get(statuses.size() - 1));
  }

  @Test
  void theReferenceTimeWrapsForLargeClockValues() {
    TwccRecorder twcc = new TwccRecorder();
    long t0 = 3 * REFERENCE_PERIOD_NANOS + (1L << 23) * 64 * MS - 30 * MS; // just below a sign flip
    twcc.onPacket(7, t0);
    twcc.onPacket(8, t0 + 40 * MS);
    twcc.feedback(SENDER, MEDIA);
    twcc.onPacket(9, t0 + 80 * MS);
    RtcpTransportCc first = twcc.feedback(SENDER, MEDIA).get(0);
    assertEquals(RtcpTransportCc.MIN_REFERENCE_TIME, first.referenceTime(), "wrapped to -2^23");
    assertArrival(t0 + 80 * MS, decode(List.of(first)).get(0));
    twcc.onPacket(10, -5 * MS);
    assertEquals(-1, twcc.feedback(SENDER, MEDIA).get(0).referenceTime(), "negative clock");
  }

  @Test
  void rejectsNumbersOutsideSixteenBits() {
    TwccRecorder twcc = new TwccRecorder();
    assertThrows(IllegalArgumentException.class, () -> twcc.onPacket(0x10000, 0));
    assertThrows(IllegalArgumentException.class, () -> twcc.onPacket(-1, 0));
  }

  /**
   * Loss, reordering, duplicates and irregular feedback intervals over several wraps, against a
   * model: every number from the first recorded one on is reported exactly once, in order, received
   * ones with their first arrival; whatever arrives for a number already reported is late.
   */
  @Test
  @DisplayName("RELIABILITY.md section 1.1: TWCC builder fed arbitrary sequences stays consistent")
  void randomTrafficMatchesAModel() {
    Random random = new Random(8888);
    TwccRecorder twcc = new TwccRecorder();
    Map<Long, Long> firstArrival = new HashMap<>();
    long base = -1;
    long highest = -1;
    long late = 0;
    long now = 1_000 * MS;
    long sendSeq = 0xFFFF - 30_000;
    List<Long> delayed = new ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      now += random.nextInt(400) * US;
      int kind = random.nextInt(100);
      long seq;
      if (kind < 5 && !delayed.isEmpty()) {
        seq = delayed.remove(random.nextInt(delayed.size()));
      } else if (kind < 8) {
        seq = Math.max(0, sendSeq - 1 - random.nextInt(5)); // a duplicate
      } else {
        seq = sendSeq++;
        if (kind < 12) {
          continue; // lost
        }
        if (kind < 16) {
          delayed.add(seq); // arrives later, if at all
          continue;
        }
      }
      twcc.onPacket((int) (seq & 0xFFFF), now);
      if (base < 0) {
        base = seq;
      }
      if (seq < base) {
        late++;
      } else {
        firstArrival.putIfAbsent(seq, now);
        highest = Math.max(highest, seq);
      }
      if (random.nextInt(60) == 0) {
        List<RtcpTransportCc> feedback = twcc.feedback(SENDER, MEDIA);
        List<Status> statuses = feedback.isEmpty() ? List.of() : decode(feedback);
        assertEquals(highest - base + 1, statuses.size());
        for (Status status : statuses) {
          assertEquals(base & 0xFFFF, status.seq());
          Long arrival = firstArrival.remove(base);
          assertEquals(arrival != null, status.received(), "seq " + base);
          if (arrival != null) {
            assertArrival(arrival, status);
          }
          base++;
        }
        assertTrue(firstArrival.isEmpty());
      }
    }
    assertTrue(sendSeq > 3 * 0x10000, "crossed the wrap three times");
    assertEquals(late, twcc.late());
    assertTrue(late > 0);
    assertEquals(0, twcc.evicted());
  }
}
