package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import org.rivulet.rtp.RtpPacket;

/**
 * Unwraps arbitrary bytes as an RTX packet (RFC 4588) in place and checks the result byte by byte:
 * {@code null} exactly when the bytes are not RTP or hold no whole OSN, and then nothing changed;
 * otherwise the original header moved up by two bytes with only sequence number, payload type and
 * SSRC rewritten, the payload and padding intact, and the result parsing again. Then wraps the
 * result and unwraps it once more, which must give the same packet without its padding. The input
 * sits between guard bytes in a pooled buffer, so a stray write past either end shows up. Inputs:
 * {@code src/test/resources/org/rivulet/rtp/feedback/RtxPacketsFuzzTestInputs/unwrapAndRewrap/}.
 */
class RtxPacketsFuzzTest {

  private static final int GUARD = 7;
  private static final byte GUARD_BYTE = (byte) 0xa5;
  private static final int ORIGINAL_PT = 96;
  private static final int ORIGINAL_SSRC = 0x5eed5eed;

  @FuzzTest(maxDuration = "60s")
  void unwrapAndRewrap(byte[] data) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(data.length + 2 * GUARD);
    try {
      buf.writeZero(GUARD).writeBytes(data).writeZero(GUARD);
      for (int i = 0; i < GUARD; i++) {
        buf.setByte(i, GUARD_BYTE);
        buf.setByte(GUARD + data.length + i, GUARD_BYTE);
      }
      buf.setIndex(GUARD, GUARD + data.length);
      byte[] whole = ByteBufUtil.getBytes(buf, 0, buf.capacity());
      RtpPacket before = RtpPacket.parse(buf);
      boolean expectOriginal = before != null && before.payloadLength() >= RtxPackets.OSN_LENGTH;
      int header = before == null ? 0 : before.headerLength();
      int padding = before == null ? 0 : before.paddingLength();

      RtpPacket original = RtxPackets.unwrap(buf, ORIGINAL_PT, ORIGINAL_SSRC);
      if (!expectOriginal) {
        assertNull(original);
        assertArrayEquals(whole, ByteBufUtil.getBytes(buf, 0, buf.capacity()), "untouched");
        assertEquals(GUARD, buf.readerIndex());
        assertEquals(GUARD + data.length, buf.writerIndex());
        return;
      }
      assertNotNull(original);
      for (int i = 0; i < GUARD; i++) {
        assertEquals(GUARD_BYTE, buf.getByte(i), "guard before");
        assertEquals(GUARD_BYTE, buf.getByte(GUARD + data.length + i), "guard after");
      }
      checkOriginal(original, buf, data, header, padding);
      checkRewrap(original);
    } finally {
      buf.release();
    }
  }

  private static void checkOriginal(RtpPacket original, ByteBuf buf, byte[] data, int header,
      int padding) {
    assertEquals(GUARD + 2, buf.readerIndex());
    assertEquals(GUARD + data.length, buf.writerIndex());
    assertEquals(GUARD + 2, original.offset());
    assertEquals(data.length - 2, original.length());
    assertEquals(header, original.headerLength());
    assertEquals(padding, original.paddingLength());
    byte[] now = ByteBufUtil.getBytes(buf);
    byte[] expected = data.clone();
    expected[1] = (byte) ((data[1] & 0x80) | ORIGINAL_PT);
    expected[2] = data[header];
    expected[3] = data[header + 1];
    expected[8] = (byte) (ORIGINAL_SSRC >>> 24);
    expected[9] = (byte) (ORIGINAL_SSRC >>> 16);
    expected[10] = (byte) (ORIGINAL_SSRC >>> 8);
    expected[11] = (byte) ORIGINAL_SSRC;
    // Header as it was (with those fields rewritten), then everything after the OSN.
    byte[] moved = new byte[data.length - 2];
    System.arraycopy(expected, 0, moved, 0, header);
    System.arraycopy(data, header + 2, moved, header, data.length - header - 2);
    assertArrayEquals(moved, now);
    int osn = ((data[header] & 0xff) << 8) | (data[header + 1] & 0xff);
    assertEquals(osn, original.sequenceNumber());
    RtpPacket again = RtpPacket.parse(buf);
    assertNotNull(again);
    assertEquals(original.payloadLength(), again.payloadLength());
  }

  private static void checkRewrap(RtpPacket original) {
    byte[] unpadded = Arrays.copyOf(ByteBufUtil.getBytes(original.buffer()),
        original.length() - original.paddingLength());
    unpadded[0] &= ~0x20;
    ByteBuf rtx = RtxPackets.wrap(PooledByteBufAllocator.DEFAULT, original, 97, 0x0badcafe,
        original.sequenceNumber() ^ 0x5555, 4);
    try {
      RtpPacket wrapped = RtpPacket.parse(rtx);
      assertNotNull(wrapped);
      assertEquals(0, wrapped.paddingLength());
      assertEquals(original.payloadLength() + RtxPackets.OSN_LENGTH, wrapped.payloadLength());
      assertEquals(original.sequenceNumber(), rtx.getUnsignedShort(wrapped.payloadOffset()));
      RtpPacket back = RtxPackets.unwrap(rtx, ORIGINAL_PT, ORIGINAL_SSRC);
      assertNotNull(back);
      assertArrayEquals(unpadded, ByteBufUtil.getBytes(rtx));
    } finally {
      rtx.release();
    }
  }
}
