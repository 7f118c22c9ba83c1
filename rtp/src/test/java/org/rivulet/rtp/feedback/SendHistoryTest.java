package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.testing.TestBytes.bytes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rivulet.rtcp.RtcpNack;
import org.rivulet.rtp.RtpPacket;

/**
 * Ownership is checked twice: reference counts of unpooled buffers (which are never recycled, so a
 * count read after release stays meaningful), and the leak detector that runs after the class.
 */
class SendHistoryTest {

  private static final long MS = 1_000_000L;

  /** A minimal RTP packet with sequence number {@code seq}, in a new unpooled buffer. */
  private static ByteBuf packet(int seq) {
    ByteBuf buf = Unpooled.buffer(14);
    buf.writeShort(0x8060).writeShort(seq).writeInt(seq * 3000).writeInt(0x1234).writeShort(seq);
    return buf;
  }

  /** Shedding (no memory for a buffer) lets go of every packet held, and keeps later ones. */
  @Test
  void shedReleasesWhatIsHeldAndLaterPacketsAreKeptAgain() {
    SendHistory history = new SendHistory();
    List<ByteBuf> held = new ArrayList<>();
    for (int seq = 10; seq < 15; seq++) {
      ByteBuf p = packet(seq);
      held.add(p);
      history.put(seq, seq * 3000L, p, seq * MS);
    }
    assertEquals(5, history.shed());
    held.forEach(p -> assertEquals(0, p.refCnt()));
    assertEquals(0, history.size());
    assertNull(history.get(12, 20 * MS), "NACKs for what was shed go unanswered");
    ByteBuf later = packet(15);
    try {
      history.put(15, 45_000, later, 21 * MS);
      assertSame(later, history.get(15, 22 * MS).buffer());
      assertEquals(5, history.shedCount());
    } finally {
      history.release();
    }
    assertEquals(0, later.refCnt());
  }

  @Test
  void returnsWhatWasStored() {
    SendHistory history = new SendHistory();
    ByteBuf stored = packet(100);
    try {
      history.put(100, 300_000, 7, stored, 5 * MS);
      SendHistory.Entry entry = history.get(100, 10 * MS);
      assertNotNull(entry);
      assertEquals(100, entry.sequenceNumber());
      assertEquals(300_000, entry.timestamp());
      assertEquals(7, entry.tag());
      assertSame(stored, entry.buffer());
      assertEquals(5 * MS, entry.sentNanos());
      assertEquals(0, entry.resendCount());
      assertEquals(1, stored.refCnt(), "a lookup neither retains nor releases");
      assertEquals(1, history.size());
      assertEquals(1, history.stored());
    } finally {
      history.release();
    }
    assertEquals(0, stored.refCnt());
  }

  @Test
  void absentNumbersAreMissed() {
    SendHistory history = new SendHistory(16, SendHistory.DEFAULT_MAX_AGE_NANOS);
    try {
      history.put(5, 0, packet(5), 0);
      assertNull(history.get(6, 0), "never stored");
      assertNull(history.get(5 + 16, 0), "same slot, another number");
      assertEquals(2, history.missed());
      assertNotNull(history.get(5, 0));
    } finally {
      history.release();
    }
  }

  @Test
  void aReusedSlotReleasesTheOlderPacket() {
    SendHistory history = new SendHistory(16, SendHistory.DEFAULT_MAX_AGE_NANOS);
    ByteBuf older = packet(3);
    ByteBuf newer = packet(3 + 16);
    history.put(3, 0, older, 0);
    history.put(3 + 16, 0, newer, MS);
    assertEquals(0, older.refCnt());
    assertNull(history.get(3, MS));
    assertSame(newer, history.get(3 + 16, MS).buffer());
    assertEquals(1, history.size());
    ByteBuf again = packet(3 + 16);
    history.put(3 + 16, 0, again, 2 * MS);
    assertEquals(0, newer.refCnt(), "the same number stored twice keeps the latest");
    history.release();
    assertEquals(0, again.refCnt());
  }

  @Test
  void packetsOlderThanTheMaximumAgeExpireOnLookup() {
    SendHistory history = new SendHistory(16, 100 * MS);
    ByteBuf stored = packet(1);
    history.put(1, 0, stored, 0);
    assertNotNull(history.get(1, 100 * MS), "exactly the maximum age");
    assertNull(history.get(1, 100 * MS + 1));
    assertEquals(0, stored.refCnt(), "released as soon as it is known to be useless");
    assertEquals(0, history.size());
    assertEquals(1, history.expired());
    assertNull(history.get(1, 0), "gone even if the clock were to go back");
    history.release();
  }

  @Test
  void aLongerMaximumAgeAppliesToPacketsAlreadyHeld() {
    SendHistory history = new SendHistory(16, 100 * MS);
    history.put(1, 0, packet(1), 0);
    history.setMaxAgeNanos(300 * MS);
    assertEquals(300 * MS, history.maxAgeNanos());
    assertNotNull(history.get(1, 250 * MS));
    assertNull(history.get(1, 300 * MS + 1));
    assertThrows(IllegalArgumentException.class, () -> history.setMaxAgeNanos(0));
    history.release();
  }

  @Test
  void aSecondNackWithinTheIntervalIsSuppressed() {
    SendHistory history = new SendHistory();
    try {
      history.put(9, 0, packet(9), 0);
      SendHistory.Entry entry = history.get(9, 10 * MS);
      assertTrue(history.markResent(entry, 10 * MS, 50 * MS), "the first retransmission always");
      assertEquals(1, entry.resendCount());
      assertEquals(10 * MS, entry.lastResentNanos());
      assertFalse(history.markResent(history.get(9, 40 * MS), 40 * MS, 50 * MS));
      assertEquals(1, history.suppressed());
      assertTrue(history.markResent(history.get(9, 60 * MS), 60 * MS, 50 * MS));
      assertEquals(2, entry.resendCount());
      assertEquals(2, history.resent());
    } finally {
      history.release();
    }
  }

  @Test
  void numbersAcrossTheWrapAreKeptApart() {
    SendHistory history = new SendHistory(4, SendHistory.DEFAULT_MAX_AGE_NANOS);
    try {
      for (int seq : new int[] {65534, 65535, 0, 1}) {
        history.put(seq, seq, packet(seq), 0);
      }
      for (int seq : new int[] {65534, 65535, 0, 1}) {
        assertEquals(seq, history.get(seq, 0).sequenceNumber());
      }
      history.put(2, 2, packet(2), 0);
      assertNull(history.get(65534, 0), "overwritten by 2");
    } finally {
      history.release();
    }
  }

  @Test
  void releaseIsIdempotentAndLaterPacketsAreReleasedAtOnce() {
    SendHistory history = new SendHistory(8, SendHistory.DEFAULT_MAX_AGE_NANOS);
    List<ByteBuf> stored = new ArrayList<>();
    for (int seq = 0; seq < 8; seq++) {
      stored.add(packet(seq));
      history.put(seq, 0, stored.get(seq), 0);
    }
    history.release();
    history.release();
    for (ByteBuf buf : stored) {
      assertEquals(0, buf.refCnt());
    }
    assertEquals(0, history.size());
    ByteBuf late = packet(9);
    history.put(9, 0, late, 0);
    assertEquals(0, late.refCnt());
    assertNull(history.get(9, 0));
  }

  @Test
  void invalidArgumentsStillReleaseThePacket() {
    SendHistory history = new SendHistory();
    ByteBuf badSeq = packet(1);
    assertThrows(IllegalArgumentException.class, () -> history.put(65536, 0, badSeq, 0));
    assertEquals(0, badSeq.refCnt());
    ByteBuf badTimestamp = packet(1);
    assertThrows(IllegalArgumentException.class, () -> history.put(1, 1L << 32, badTimestamp, 0));
    assertEquals(0, badTimestamp.refCnt());
    assertThrows(IllegalArgumentException.class, () -> history.get(-1, 0));
    assertEquals(0, history.size());
    history.release();
  }

  @Test
  void aStaleEntryCannotBeMarked() {
    SendHistory history = new SendHistory();
    history.put(1, 0, packet(1), 0);
    SendHistory.Entry entry = history.get(1, 0);
    history.release();
    assertThrows(IllegalStateException.class, () -> history.markResent(entry, 0, 0));
  }

  @Test
  void anEntryWhoseSlotWasReusedCannotBeMarked() {
    SendHistory history = new SendHistory(16, SendHistory.DEFAULT_MAX_AGE_NANOS);
    history.put(1, 0, packet(1), 0);
    SendHistory.Entry entry = history.get(1, 0);
    history.put(17, 0, packet(17), 0); // the same slot
    assertThrows(IllegalStateException.class, () -> history.markResent(entry, 0, 0));
    history.release();
  }

  @Test
  void rejectsBadCapacities() {
    long age = SendHistory.DEFAULT_MAX_AGE_NANOS;
    assertThrows(IllegalArgumentException.class, () -> new SendHistory(0, age));
    assertThrows(IllegalArgumentException.class, () -> new SendHistory(1000, age));
    assertThrows(IllegalArgumentException.class, () -> new SendHistory(0x10000, age));
    assertThrows(IllegalArgumentException.class, () -> new SendHistory(16, 0));
    assertEquals(SendHistory.MAX_CAPACITY, new SendHistory(0x8000, age).capacity());
  }

  /**
   * The whole answer to a NACK: look each number up, skip those answered within the RTT, and send
   * the rest as RTX packets that the receiver unwraps back into the originals.
   */
  @Test
  void answersANackWithRtxPackets() {
    SendHistory history = new SendHistory();
    List<byte[]> sent = new ArrayList<>();
    try {
      for (int seq = 0; seq < 20; seq++) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        out.writeShort(0x8060).writeShort(seq).writeInt(seq * 3000).writeInt(0x1234);
        out.writeBytes(new byte[] {(byte) seq, 1, 2, 3});
        sent.add(bytes(out));
        history.put(seq, seq * 3000L, out, seq * MS);
      }
      int rtxSeq = 500;
      int answered = 0;
      // The receiver repeats 3 five milliseconds later, before the answer could have reached it.
      RtcpNack[] nacks = {RtcpNack.of(1, 0x1234, 3, 4, 7, 19), RtcpNack.of(1, 0x1234, 3, 8)};
      long[] times = {30 * MS, 35 * MS};
      for (int n = 0; n < nacks.length; n++) {
        for (int seq : nacks[n].lostSequenceNumbers()) {
          SendHistory.Entry entry = history.get(seq, times[n]);
          if (entry == null || !history.markResent(entry, times[n], 40 * MS)) {
            continue;
          }
          ByteBuf rtx = RtxPackets.wrap(PooledByteBufAllocator.DEFAULT,
              RtpPacket.parse(entry.buffer()), 97, 0x5678, rtxSeq++, 16);
          try {
            RtpPacket original = RtxPackets.unwrap(rtx, 96, 0x1234);
            assertArrayEquals(sent.get(seq), bytes(rtx), "seq " + seq);
            assertEquals(seq, original.sequenceNumber());
            answered++;
          } finally {
            rtx.release();
          }
        }
      }
      assertEquals(5, answered, "3, 4, 7, 19, then 8; the repeated 3 is not answered twice");
      assertEquals(1, history.suppressed());
    } finally {
      history.release();
    }
  }

  @Test
  void arbitraryNumbersNeverHoldMoreThanTheCapacity() {
    Random random = new Random(1024);
    SendHistory history = new SendHistory(64, 50 * MS);
    int seq = 0;
    long now = 0;
    try {
      for (int i = 0; i < 20_000; i++) {
        now += random.nextInt(2 * (int) MS);
        seq = random.nextInt(10) == 0 ? random.nextInt(0x10000) : (seq + 1) & 0xFFFF;
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.buffer(8);
        history.put(seq, random.nextInt() & 0xFFFFFFFFL, i, packet, now);
        assertTrue(history.size() <= history.capacity());
        SendHistory.Entry entry = history.get((seq - random.nextInt(100)) & 0xFFFF, now);
        if (entry != null) {
          assertTrue(now - entry.sentNanos() <= 50 * MS);
          history.markResent(entry, now, 10 * MS);
        }
      }
    } finally {
      history.release();
    }
    assertEquals(0, history.size());
  }

  @Test
  void packetsPastTheMaximumAgeAreReleasedOldestFirstNotOnlyWhenOverwritten() {
    SendHistory history = new SendHistory(8, 1000 * MS);
    List<ByteBuf> stored = new ArrayList<>();
    ByteBuf young = packet(8);
    ByteBuf late = packet(9);
    try {
      for (int seq = 0; seq < 8; seq++) {
        stored.add(packet(seq));
        history.put(seq, seq * 3000L, 0, stored.get(seq), 0);
      }
      assertEquals(8, history.size());
      // Half a second on: nothing is old enough; the write overwrites only its own slot.
      history.put(8, 24_000, 0, young, 500 * MS);
      assertEquals(0, stored.get(0).refCnt(), "overwritten");
      assertEquals(1, stored.get(1).refCnt(), "younger than the maximum age: kept");
      assertEquals(8, history.size());
      // Two seconds on: the oldest packets go, four slots per put.
      history.put(9, 27_000, 0, late, 2000 * MS);
      assertEquals(0, stored.get(1).refCnt(), "overwritten");
      for (int seq = 2; seq <= 5; seq++) {
        assertEquals(0, stored.get(seq).refCnt(), "expired, released: " + seq);
      }
      assertEquals(1, stored.get(6).refCnt(), "not reached yet");
      assertEquals(4, history.size());
      assertNull(history.get(2, 2000 * MS));
      assertEquals(1, history.expired(), "a lookup of a released old packet counts as expired");
      assertEquals(0, history.missed());
      assertNotNull(history.get(9, 2000 * MS));
      assertNull(history.get(8, 2000 * MS), "1.5 s old");
      assertEquals(2, history.expired());
      assertEquals(0, young.refCnt(), "an expired lookup releases");
    } finally {
      history.release();
    }
    assertEquals(0, late.refCnt());
    stored.forEach(b -> assertEquals(0, b.refCnt()));
  }

  @Test
  void aSteadyStreamKeepsAboutTheMaximumAgeOfPacketsNotAFullRing() {
    SendHistory history = new SendHistory(1024, 1000 * MS);
    try {
      for (int i = 0; i < 5000; i++) {
        history.put(i & 0xFFFF, i * 3000L, 0, packet(i), i * 5 * MS); // 200 packets a second
      }
      assertTrue(history.size() >= 200 && history.size() <= 202, "held " + history.size());
      assertNotNull(history.get(4999 - 150, 4999 * 5 * MS), "0.75 s old: still offered");
      // A jump in sequence numbers leaves empty slots; expiry catches up across them.
      for (int i = 0; i < 600; i++) {
        int seq = 6000 + i;
        history.put(seq, seq * 3000L, 0, packet(seq), (5000 + i) * 5 * MS);
      }
      assertTrue(history.size() >= 200 && history.size() <= 202, "held " + history.size());
    } finally {
      history.release();
    }
    assertEquals(0, history.size());
  }
}
