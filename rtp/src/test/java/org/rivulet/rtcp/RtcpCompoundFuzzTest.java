package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Parses arbitrary bytes as an RTCP compound; what parses must write back, parse again to an equal
 * compound, and write the same bytes the second time (pion/rtcp's round-trip property). Lists stay
 * within their caps whatever the counts claim. Inputs:
 * {@code src/test/resources/org/rivulet/rtcp/RtcpCompoundFuzzTestInputs/parseAndRebuild/}.
 */
class RtcpCompoundFuzzTest {

  private static final int OFFSET = 3;

  @FuzzTest(maxDuration = "60s")
  void parseAndRebuild(byte[] data) {
    ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(OFFSET + data.length + 1);
    try {
      in.writeZero(OFFSET).writeBytes(data).writeByte(0xee);
      RtcpCompound compound = RtcpCompound.parse(in, OFFSET, data.length);
      RtcpDropReason reason = RtcpCompound.validate(in, OFFSET, data.length);
      assertEquals(compound == null, reason != null, "parse and validate agree");
      if (compound == null) {
        return;
      }
      checkBounds(compound);
      ByteBuf first = compound.encode(PooledByteBufAllocator.DEFAULT);
      try {
        assertEquals(compound.encodedLength(), first.readableBytes());
        assertEquals(0, first.readableBytes() % 4);
        RtcpCompound again = RtcpCompound.parse(first);
        assertNotNull(again, () -> "rewritten compound rejected: "
            + RtcpCompound.validate(first, 0, first.readableBytes()) + " " + ByteBufUtil.hexDump(first));
        assertEquals(compound, again);
        ByteBuf second = again.encode(PooledByteBufAllocator.DEFAULT);
        try {
          assertTrue(ByteBufUtil.equals(first, second), "writing is deterministic");
        } finally {
          second.release();
        }
      } finally {
        first.release();
      }
    } finally {
      in.release();
    }
  }

  private static void checkBounds(RtcpCompound compound) {
    assertTrue(compound.packets().size() <= RtcpCompound.MAX_PACKETS);
    for (RtcpPacket packet : compound.packets()) {
      if (packet instanceof RtcpNack nack) {
        assertTrue(nack.items().size() <= RtcpNack.MAX_ITEMS);
        assertTrue(nack.lostSequenceNumbers().length <= 17 * RtcpNack.MAX_ITEMS);
      } else if (packet instanceof RtcpTransportCc feedback) {
        assertTrue(feedback.packetStatusCount() <= RtcpTransportCc.MAX_PACKET_STATUS_COUNT);
        assertTrue(feedback.chunkCount() <= feedback.packetStatusCount());
      } else if (packet instanceof RtcpRemb remb) {
        assertTrue(remb.bitrate() >= 0);
      } else if (packet instanceof RtcpUnknown unknown) {
        assertTrue(unknown.packetType() >= 0 && unknown.packetType() <= 255);
      }
    }
  }
}
