package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.rtp.ext.HeaderExtensions;
import org.rivulet.rtp.feedback.RtxPackets;

class RetransmitterTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
  /** The peer negotiated video orientation as 13. */
  private static final int[] PEER = ForwardedExtensions.fromInternal(
      Map.of(ForwardedExtensions.VIDEO_ORIENTATION_URI, 13));

  /** A packet as the graph carries it: internal id 2 (video orientation) = 0x03, payload 1..4. */
  private static ByteBuf fromGraph() {
    ByteBuf buf = ALLOC.heapBuffer(32);
    buf.writeByte(0x90).writeByte(120).writeShort(9).writeInt(3000).writeInt(0x4242);
    buf.writeShort(HeaderExtensions.ONE_BYTE_PROFILE).writeShort(1);
    buf.writeByte(0x20).writeByte(0x03).writeZero(2);
    buf.writeBytes(new byte[] {1, 2, 3, 4});
    return buf;
  }

  @Test
  void aRetransmissionCarriesTheForwardedExtensionsUnderThePeersIds() {
    Retransmitter r = new Retransmitter(ALLOC, 16, 0, Map.of(), 0, PEER);
    r.sent(700, 123456, 96, fromGraph(), 0);
    ByteBuf again = r.retransmission(700, 0x5555, 50_000_000L);
    RtpPacket p = RtpPacket.parse(again);
    assertNotNull(p);
    assertEquals(700, p.sequenceNumber());
    assertEquals(96, p.payloadType());
    assertEquals(0x5555, p.ssrc());
    assertEquals("03", ByteBufUtil.hexDump(HeaderExtensions.find(p, 13)));
    assertNull(HeaderExtensions.find(p, 2), "the internal id stays inside");
    assertEquals("01020304", ByteBufUtil.hexDump(p.payload()));
    again.release();
    r.release();
  }

  /**
   * A NACK may name a whole history, again and again: what is sent back stays within the budget,
   * a burst and then a steady rate, and the rest is counted.
   */
  @Test
  void retransmissionsStayWithinTheBudgetHoweverManyAreAskedFor() {
    Retransmitter r = new Retransmitter(ALLOC, 16, 0, Map.of(), 0, PEER);
    for (int seq = 0; seq < 1000; seq++) {
      r.sent(seq, 123456, 96, fromGraph(), 0);
    }
    long t = 50_000_000L;
    assertEquals(Retransmitter.BUDGET_BURST, resend(r, 0, 1000, t), "the burst");
    assertEquals(1000 - Retransmitter.BUDGET_BURST, r.overBudget());
    // 100 ms later: what the rate refilled, for packets not resent yet.
    assertEquals(Retransmitter.BUDGET_PER_SECOND / 10,
        resend(r, Retransmitter.BUDGET_BURST, 1000, t + 100_000_000L));
    assertEquals(Retransmitter.BUDGET_BURST + Retransmitter.BUDGET_PER_SECOND / 10,
        r.retransmitted());
    r.release();
  }

  /**
   * Over a path with a long round trip (a queue filling), a NACK comes back late: the packet is
   * still there, and the receiver's repeat within half a round trip is not answered twice.
   */
  @Test
  void aLongRoundTripKeepsPacketsLongerAndSpacesRepeats() {
    long ms = 1_000_000L;
    Retransmitter usual = new Retransmitter(ALLOC, 16, 0, Map.of(), 0, PEER);
    usual.sent(700, 123456, 96, fromGraph(), 0);
    assertNull(usual.retransmission(700, 0x5555, 1500 * ms), "a second by default");
    usual.release();

    Retransmitter r = new Retransmitter(ALLOC, 16, 0, Map.of(), 0, PEER);
    r.roundTrip(600 * ms);
    assertEquals(1800 * ms, r.historyNanos(), "three round trips");
    r.sent(700, 123456, 96, fromGraph(), 0);
    ByteBuf again = r.retransmission(700, 0x5555, 1500 * ms);
    assertNotNull(again);
    again.release();
    assertNull(r.retransmission(700, 0x5555, 1700 * ms), "a repeat within half a round trip");
    assertNull(r.retransmission(700, 0x5555, 1801 * ms), "past three round trips");
    assertEquals(1, r.retransmitted());

    r.roundTrip(50 * ms);
    assertEquals(1000 * ms, r.historyNanos(), "never under a second");
    r.roundTrip(10_000 * ms);
    assertEquals(Retransmitter.MAX_HISTORY_NANOS, r.historyNanos(), "nor over the bound");
    r.release();
  }

  /** Asks for {@code from..to-1} at {@code nowNanos}; how many came back. */
  private static int resend(Retransmitter r, int from, int to, long nowNanos) {
    int sent = 0;
    for (int seq = from; seq < to; seq++) {
      ByteBuf again = r.retransmission(seq, 0x5555, nowNanos);
      if (again != null) {
        sent++;
        again.release();
      }
    }
    return sent;
  }

  @Test
  void anRtxRetransmissionCarriesThemToo() {
    Retransmitter r = new Retransmitter(ALLOC, 16, 0x7777, Map.of(96, 97), 40, PEER);
    r.sent(700, 123456, 96, fromGraph(), 0);
    ByteBuf rtx = r.retransmission(700, 0x5555, 50_000_000L);
    RtpPacket wrapped = RtpPacket.parse(rtx);
    assertEquals(97, wrapped.payloadType());
    assertEquals("03", ByteBufUtil.hexDump(HeaderExtensions.find(wrapped, 13)));
    RtpPacket unwrapped = RtxPackets.unwrap(rtx, 96, 0x5555);
    assertEquals(700, unwrapped.sequenceNumber());
    assertEquals("01020304", ByteBufUtil.hexDump(unwrapped.payload()));
    rtx.release();
    r.release();
  }
}
