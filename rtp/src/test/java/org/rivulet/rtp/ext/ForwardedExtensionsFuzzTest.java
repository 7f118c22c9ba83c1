package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Map;
import org.rivulet.rtp.RtpPacket;

/**
 * Normalizes arbitrary RTP in place and writes it for a receiver: nothing is touched outside the
 * packet's extension block (guard bytes around it, header and payload compared), and what is
 * written parses again as RTP with a well-formed one-byte block (or none), the same header fields
 * and the same payload and padding. Inputs:
 * {@code src/test/resources/org/rivulet/rtp/ext/ForwardedExtensionsFuzzTestInputs/normalizeAndWrite/}.
 */
class ForwardedExtensionsFuzzTest {
  private static final int GUARD = 5;
  private static final byte GUARD_BYTE = (byte) 0x5a;
  private static final int[] SENDER = ForwardedExtensions.toInternal(Map.of(AudioLevel.URI, 1,
      ForwardedExtensions.VIDEO_ORIENTATION_URI, 2, TransportSequenceNumber.URI, 3));
  private static final int[] RECEIVER = ForwardedExtensions.fromInternal(Map.of(
      AudioLevel.URI, 7, ForwardedExtensions.VIDEO_ORIENTATION_URI, 14));

  @FuzzTest(maxDuration = "60s")
  void normalizeAndWrite(byte[] data) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(data.length + 2 * GUARD);
    ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
    try {
      for (int i = 0; i < GUARD; i++) {
        buf.writeByte(GUARD_BYTE);
      }
      buf.writeBytes(data);
      for (int i = 0; i < GUARD; i++) {
        buf.writeByte(GUARD_BYTE);
      }
      RtpPacket p = RtpPacket.parse(buf, GUARD, data.length);
      if (p == null) {
        return;
      }
      String payload = ByteBufUtil.hexDump(buf, GUARD + p.headerLength(),
          p.length() - p.headerLength());
      String fixed = ByteBufUtil.hexDump(buf, GUARD, 12 + 4 * p.csrcCount());
      ForwardedExtensions.normalize(p, SENDER);
      for (int i = 0; i < GUARD; i++) {
        assertEquals(GUARD_BYTE, buf.getByte(i));
        assertEquals(GUARD_BYTE, buf.getByte(GUARD + data.length + i));
      }
      assertEquals(fixed, ByteBufUtil.hexDump(buf, GUARD, 12 + 4 * p.csrcCount()));
      assertEquals(payload, ByteBufUtil.hexDump(buf, GUARD + p.headerLength(),
          p.length() - p.headerLength()));

      int written = ForwardedExtensions.write(p, out, RECEIVER, 3, 0xabcdef, 3);
      assertEquals(out.readableBytes(), written);
      RtpPacket q = RtpPacket.parse(out);
      assertNotNull(q, () -> "written packet does not parse: " + ByteBufUtil.hexDump(out));
      assertTrue(HeaderExtensions.isOneByte(q));
      assertTrue(HeaderExtensions.isWellFormed(q));
      assertEquals(p.sequenceNumber(), q.sequenceNumber());
      assertEquals(p.timestamp(), q.timestamp());
      assertEquals(p.ssrc(), q.ssrc());
      assertEquals(p.payloadType(), q.payloadType());
      assertEquals(p.csrcCount(), q.csrcCount());
      assertEquals(payload, ByteBufUtil.hexDump(out, q.headerLength(),
          q.length() - q.headerLength()));
      assertEquals("abcdef", ByteBufUtil.hexDump(HeaderExtensions.find(q, 3)));
      HeaderExtensions.forEach(q, (id, index, length) -> {
        assertTrue(id == 3 || id == 7 || id == 14, "only the receiver's ids: " + id);
        return true;
      });
    } finally {
      buf.release();
      out.release();
    }
  }
}
