package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rivulet.rtcp.RtcpNack;

class NackGeneratorTest {

  private static final long MS = 1_000_000L;
  private static final int[] NONE = {};

  private static NackGenerator receive(NackGenerator nacks, long nowNanos, int... seqs) {
    for (int seq : seqs) {
      nacks.onPacket(seq, nowNanos);
    }
    return nacks;
  }

  @Test
  void nacksAGapAtOnceThenAgainAfterTheResendInterval() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 1, 2, 5);
    assertEquals(2, nacks.missing());
    assertArrayEquals(new int[] {3, 4}, nacks.nackList(0, 0));
    assertArrayEquals(NONE, nacks.nackList(0, 0), "already asked for");
    assertArrayEquals(NONE, nacks.nackList(19 * MS, 0), "20 ms floor under an unknown RTT");
    assertArrayEquals(new int[] {3, 4}, nacks.nackList(20 * MS, 0));
    assertArrayEquals(NONE, nacks.nackList(119 * MS, 100 * MS), "one RTT not yet passed");
    assertArrayEquals(new int[] {3, 4}, nacks.nackList(120 * MS, 100 * MS));
    assertEquals(6, nacks.nacked());
  }

  @Test
  void aMissingPacketThatArrivesIsRecoveredAndNotAskedForAgain() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 10, 14);
    assertArrayEquals(new int[] {11, 12, 13}, nacks.nackList(0, 0));
    assertTrue(nacks.onPacket(12, 5 * MS), "it filled a gap");
    assertEquals(1, nacks.recovered());
    assertEquals(2, nacks.missing());
    assertArrayEquals(new int[] {11, 13}, nacks.nackList(30 * MS, 0));
    assertFalse(nacks.onPacket(12, 31 * MS), "a duplicate fills nothing");
    assertEquals(1, nacks.recovered(), "a duplicate of a recovered packet is not counted twice");
    assertFalse(nacks.onPacket(15, 32 * MS), "a new packet fills nothing");
  }

  @Test
  void gapsAcrossTheWrapAreNackedInRtpOrder() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 65533, 65534, 2);
    assertArrayEquals(new int[] {65535, 0, 1}, nacks.nackList(0, 0));
    RtcpNack nack = RtcpNack.of(1, 2, nacks.nackList(50 * MS, 0));
    assertEquals(1, nack.items().size(), "one FCI entry across the wrap");
    assertArrayEquals(new int[] {65535, 0, 1}, nack.lostSequenceNumbers());
    nacks.onPacket(0, 60 * MS);
    assertEquals(1, nacks.recovered());
    assertArrayEquals(new int[] {65535, 1}, nacks.nackList(100 * MS, 0));
  }

  @Test
  void reorderingInsideTheWindowFillsTheGapWithoutANack() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 100, 102, 101, 103);
    assertEquals(0, nacks.missing());
    assertArrayEquals(NONE, nacks.nackList(0, 0));
    assertEquals(0, nacks.nacked());
  }

  @Test
  void duplicatesChangeNothing() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 7, 8, 8, 7, 8);
    assertEquals(0, nacks.missing());
    assertEquals(0, nacks.recovered());
    assertArrayEquals(NONE, nacks.nackList(0, 0));
  }

  @Test
  void givesUpAfterMaxRetries() {
    NackGenerator nacks = new NackGenerator(3, NackGenerator.DEFAULT_MAX_AGE_NANOS);
    receive(nacks, 0, 1, 3);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new int[] {2}, nacks.nackList(i * 20 * MS, 0), "retry " + i);
    }
    assertArrayEquals(NONE, nacks.nackList(60 * MS, 0));
    assertEquals(3, nacks.nacked());
    assertEquals(1, nacks.abandoned());
    assertEquals(0, nacks.missing());
    nacks.onPacket(2, 70 * MS);
    assertEquals(0, nacks.recovered(), "a packet given up on is not a recovery");
  }

  @Test
  void givesUpAfterMaxAge() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 1, 3);
    assertArrayEquals(new int[] {2}, nacks.nackList(0, 0));
    assertArrayEquals(new int[] {2}, nacks.nackList(1000 * MS, 400 * MS), "exactly 1 s old");
    assertArrayEquals(NONE, nacks.nackList(1000 * MS + 1, 0));
    assertEquals(1, nacks.abandoned());
    assertEquals(0, nacks.missing());
  }

  @Test
  void numbersFallingOutOfTheWindowAreGivenUp() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 0, 2);
    for (int seq = 3; seq <= 1000; seq++) {
      nacks.onPacket(seq, 0);
    }
    assertEquals(1, nacks.missing(), "999 behind the newest is still in the window");
    nacks.onPacket(1001, 0);
    assertEquals(0, nacks.missing());
    assertEquals(1, nacks.abandoned());
    assertArrayEquals(NONE, nacks.nackList(0, 0));
  }

  @Test
  void aGapOfTheLargestForwardJumpIsNackedInOnePacket() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 0, NackGenerator.MAX_FORWARD_JUMP);
    int[] due = nacks.nackList(0, 0);
    assertEquals(NackGenerator.MAX_FORWARD_JUMP - 1, due.length);
    assertEquals(1, due[0]);
    assertEquals(NackGenerator.MAX_FORWARD_JUMP - 1, due[due.length - 1]);
    assertTrue(RtcpNack.of(1, 2, due).items().size() <= RtcpNack.MAX_ITEMS);
    assertEquals(0, nacks.resets());
  }

  @Test
  @DisplayName("RELIABILITY.md B5 item 57: a gap of 10 000 is a restart, not a NACK storm")
  void aLargeForwardJumpIsARestart() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 0, 1, 3);
    nacks.onPacket(10_003, 0);
    assertEquals(1, nacks.resets());
    assertEquals(0, nacks.missing());
    assertEquals(1, nacks.abandoned(), "the old gap is dropped with the old sequence");
    assertArrayEquals(NONE, nacks.nackList(0, 0));
    nacks.onPacket(10_005, 0);
    assertArrayEquals(new int[] {10_004}, nacks.nackList(0, 0), "NACKs resume after the restart");
  }

  @Test
  void oneStrayPacketFarBehindDoesNotResetTheState() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 5000, 5002);
    nacks.onPacket(3000, 0);
    assertEquals(0, nacks.resets());
    assertEquals(1, nacks.missing());
    nacks.onPacket(5003, 0);
    assertArrayEquals(new int[] {5001}, nacks.nackList(0, 0));
  }

  @Test
  void twoConsecutivePacketsFarBehindAreARestart() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 5000, 5002);
    receive(nacks, 0, 100, 101);
    assertEquals(1, nacks.resets());
    assertEquals(0, nacks.missing());
    receive(nacks, 0, 103);
    assertArrayEquals(new int[] {102}, nacks.nackList(0, 0));
  }

  @Test
  void aPacketHalfTheSpaceAwayIsTreatedAsAJumpBack() {
    NackGenerator nacks = receive(new NackGenerator(), 0, 0, 2, 0x8002);
    assertEquals(0, nacks.resets(), "0x8000 away reads as far behind: needs a follower");
    assertEquals(1, nacks.missing());
    receive(nacks, 0, 0x8003);
    assertEquals(1, nacks.resets());
    assertEquals(0, nacks.missing());
  }

  @Test
  void rejectsNumbersOutsideSixteenBits() {
    NackGenerator nacks = new NackGenerator();
    assertThrows(IllegalArgumentException.class, () -> nacks.onPacket(65536, 0));
    assertThrows(IllegalArgumentException.class, () -> nacks.onPacket(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new NackGenerator(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new NackGenerator(1, 0));
  }

  @Test
  @DisplayName("RELIABILITY.md B5 item 56: seq jumps, wraps and duplicates keep the state bounded")
  void arbitrarySequencesStayBounded() {
    Random random = new Random(56);
    NackGenerator nacks = new NackGenerator();
    int seq = 0;
    long now = 0;
    for (int i = 0; i < 200_000; i++) {
      int kind = random.nextInt(100);
      if (kind < 70) {
        seq = (seq + 1 + (random.nextInt(10) == 0 ? random.nextInt(30) : 0)) & 0xFFFF;
      } else if (kind < 85) {
        seq = (seq - random.nextInt(50)) & 0xFFFF;
      } else if (kind < 95) {
        seq = (seq + random.nextInt(1200)) & 0xFFFF;
      } else {
        seq = random.nextInt(0x10000);
      }
      now += random.nextInt(3) * MS;
      nacks.onPacket(seq, now);
      assertTrue(nacks.missing() >= 0 && nacks.missing() < NackGenerator.WINDOW);
      if (i % 7 == 0) {
        int before = nacks.missing();
        int[] due = nacks.nackList(now, random.nextInt(200) * MS);
        assertTrue(due.length <= before);
        if (due.length > 0) {
          assertTrue(RtcpNack.of(1, 2, due).items().size() <= RtcpNack.MAX_ITEMS);
        }
      }
    }
    assertTrue(nacks.nacked() > 0 && nacks.recovered() > 0 && nacks.abandoned() > 0);
    assertTrue(nacks.resets() > 0);
  }

  /**
   * A lossy link in both directions: 10% of originals and of retransmissions are lost, and a
   * retransmission comes back one RTT after its NACK. Every NACKed number must still be missing, no
   * number is asked for more than maxRetries times, and every lost original ends up recovered or
   * given up.
   */
  @Test
  void recoversLossesOverALossyLink() {
    Random random = new Random(4585);
    NackGenerator nacks = new NackGenerator();
    long rtt = 60 * MS;
    int total = 6000;
    int first = 63_000; // crosses the wrap
    Set<Integer> received = new HashSet<>();
    Map<Integer, Integer> asked = new HashMap<>();
    PriorityQueue<long[]> retransmissions = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    int lostOriginals = 0;
    long now = 0;
    for (int i = 0; i < total + 400; i++, now += 5 * MS) {
      while (!retransmissions.isEmpty() && retransmissions.peek()[0] <= now) {
        int n = (int) retransmissions.poll()[1];
        received.add(n);
        nacks.onPacket((first + n) & 0xFFFF, now);
      }
      if (i < total) {
        if (i > 0 && i < total - 1 && random.nextInt(10) == 0) {
          lostOriginals++;
        } else {
          received.add(i);
          nacks.onPacket((first + i) & 0xFFFF, now);
        }
      }
      if (i % 4 == 0) {
        for (int seq : nacks.nackList(now, rtt)) {
          int n = (seq - first) & 0xFFFF;
          assertFalse(received.contains(n), "NACK for " + seq + ", which arrived");
          assertTrue(asked.merge(n, 1, Integer::sum) <= NackGenerator.DEFAULT_MAX_RETRIES);
          if (random.nextInt(10) != 0) {
            retransmissions.add(new long[] {now + rtt, n});
          }
        }
      }
    }
    assertEquals(0, nacks.missing());
    assertEquals(lostOriginals, nacks.recovered() + nacks.abandoned());
    assertEquals(lostOriginals, nacks.recovered(), "10 tries at 10% loss recover everything here");
    assertEquals(total, received.size());
    List<Integer> retried = new ArrayList<>();
    asked.forEach((n, times) -> {
      if (times > 1) {
        retried.add(n);
      }
    });
    assertFalse(retried.isEmpty(), "lost retransmissions were asked for again");
  }
}
