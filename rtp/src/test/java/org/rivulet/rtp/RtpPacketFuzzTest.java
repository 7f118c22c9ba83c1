package org.rivulet.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import org.rivulet.rtp.ext.AbsSendTime;
import org.rivulet.rtp.ext.AudioLevel;
import org.rivulet.rtp.ext.HeaderExtensions;
import org.rivulet.rtp.ext.SdesMid;
import org.rivulet.rtp.ext.TransportSequenceNumber;

/**
 * Parses arbitrary bytes as RTP, and when they parse, uses the whole API and checks that every read
 * and write stays inside the packet: the layout adds up, extension elements lie inside the block,
 * setters touch only their own field. The packet sits between guard bytes in a pooled buffer so that
 * a read or write past either end shows up as a changed guard or a wrong value, not just as an
 * exception. Inputs: {@code src/test/resources/org/rivulet/rtp/RtpPacketFuzzTestInputs/parseAndUse/}.
 */
class RtpPacketFuzzTest {

  private static final int GUARD = 7;
  private static final byte GUARD_BYTE = (byte) 0xa5;

  @FuzzTest(maxDuration = "60s")
  void parseAndUse(byte[] data) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(data.length + 2 * GUARD);
    try {
      buf.writeZero(GUARD).writeBytes(data).writeZero(GUARD);
      for (int i = 0; i < GUARD; i++) {
        buf.setByte(i, GUARD_BYTE);
        buf.setByte(GUARD + data.length + i, GUARD_BYTE);
      }
      RtpPacket.isRtcp(buf, GUARD, data.length);
      RtpPacket rtp = RtpPacket.parse(buf, GUARD, data.length);
      RtpDropReason reason = RtpPacket.validate(buf, GUARD, data.length);
      assertEquals(rtp == null, reason != null, "parse and validate agree");
      if (rtp != null) {
        checkLayout(rtp, data);
        checkExtensions(rtp);
        checkSetters(rtp, data);
      }
      for (int i = 0; i < GUARD; i++) {
        assertEquals(GUARD_BYTE, buf.getByte(i), "guard before");
        assertEquals(GUARD_BYTE, buf.getByte(GUARD + data.length + i), "guard after");
      }
    } finally {
      buf.release();
    }
  }

  private static void checkLayout(RtpPacket rtp, byte[] data) {
    assertEquals(data.length, rtp.length());
    assertEquals(rtp.length(), rtp.headerLength() + rtp.payloadLength() + rtp.paddingLength());
    assertTrue(rtp.payloadLength() >= 0 && rtp.paddingLength() >= 0);
    assertEquals(RtpPacket.VERSION, rtp.version());
    int expectedHeader = RtpPacket.FIXED_HEADER_LENGTH + 4 * rtp.csrcCount()
        + (rtp.hasExtension() ? 4 + rtp.extensionLength() : 0);
    assertEquals(expectedHeader, rtp.headerLength());
    assertEquals(rtp.offset() + rtp.headerLength(), rtp.payloadOffset());
    if (rtp.hasPadding()) {
      assertEquals(data[data.length - 1] & 0xff, rtp.paddingLength());
      assertTrue(rtp.paddingLength() > 0);
    } else {
      assertEquals(0, rtp.paddingLength());
    }
    if (rtp.hasExtension()) {
      assertEquals(rtp.payloadOffset(), rtp.extensionOffset() + rtp.extensionLength());
      assertTrue(rtp.extensionProfile() >= 0 && rtp.extensionProfile() <= 0xffff);
    } else {
      assertEquals(-1, rtp.extensionOffset());
      assertEquals(0, rtp.extensionLength());
    }
    int[] csrcs = rtp.csrcs();
    assertEquals(rtp.csrcCount(), csrcs.length);
    for (int i = 0; i < csrcs.length; i++) {
      assertEquals(csrcs[i], rtp.csrc(i));
    }
    int payloadEnd = rtp.headerLength() + rtp.payloadLength();
    assertArrayEquals(Arrays.copyOfRange(data, rtp.headerLength(), payloadEnd),
        ByteBufUtil.getBytes(rtp.payload()));
    assertTrue(rtp.payloadType() >= 0 && rtp.payloadType() <= 127);
    assertTrue(rtp.sequenceNumber() >= 0 && rtp.sequenceNumber() <= 0xffff);
    assertTrue(rtp.timestamp() >= 0 && rtp.timestamp() <= 0xffffffffL);
    assertNotNull(rtp.toString());
  }

  private static void checkExtensions(RtpPacket rtp) {
    int blockStart = rtp.extensionOffset();
    int blockEnd = blockStart + rtp.extensionLength();
    int[] firstIndex = new int[256];
    int[] firstLength = new int[256];
    Arrays.fill(firstIndex, -1);
    boolean wellFormed = HeaderExtensions.forEach(rtp, (id, index, length) -> {
      assertTrue(id >= 1 && id <= 255, "id " + id);
      assertTrue(index >= blockStart && length >= 0 && index + length <= blockEnd,
          "element " + id + " at " + index + "+" + length + " outside " + blockStart + ".." + blockEnd);
      if (firstIndex[id] < 0) {
        firstIndex[id] = index;
        firstLength[id] = length;
      }
      return true;
    });
    assertEquals(wellFormed, HeaderExtensions.isWellFormed(rtp));
    ByteBuf buf = rtp.buffer();
    for (int id = 1; id <= 255; id++) {
      ByteBuf found = HeaderExtensions.find(rtp, id);
      if (firstIndex[id] < 0) {
        assertNull(found, "id " + id);
        assertEquals(-1, AbsSendTime.read(rtp, id));
        assertEquals(-1, TransportSequenceNumber.read(rtp, id));
        assertEquals(-1, AudioLevel.read(rtp, id));
        assertNull(SdesMid.read(rtp, id));
        continue;
      }
      assertNotNull(found, "id " + id);
      assertEquals(firstLength[id], found.readableBytes());
      assertTrue(ByteBufUtil.equals(buf, firstIndex[id], found, 0, firstLength[id]));
      int absSendTime = AbsSendTime.read(rtp, id);
      assertTrue(absSendTime >= -1 && absSendTime <= 0xffffff);
      int transportSeq = TransportSequenceNumber.read(rtp, id);
      assertTrue(transportSeq >= -1 && transportSeq <= 0xffff);
      int level = AudioLevel.read(rtp, id);
      assertTrue(level >= -1 && level <= 0xff);
      SdesMid.read(rtp, id);
      byte[] original = ByteBufUtil.getBytes(found);
      byte[] flipped = original.clone();
      for (int i = 0; i < flipped.length; i++) {
        flipped[i] = (byte) ~flipped[i];
      }
      assertTrue(HeaderExtensions.rewrite(rtp, id, flipped));
      assertArrayEquals(flipped, ByteBufUtil.getBytes(HeaderExtensions.find(rtp, id)));
      assertFalse(HeaderExtensions.rewrite(rtp, id, new byte[original.length + 1]));
      assertTrue(HeaderExtensions.rewrite(rtp, id, original));
    }
  }

  private static void checkSetters(RtpPacket rtp, byte[] data) {
    ByteBuf buf = rtp.buffer();
    int offset = rtp.offset();
    boolean marker = rtp.marker();
    int payloadType = rtp.payloadType();
    int sequenceNumber = rtp.sequenceNumber();
    long timestamp = rtp.timestamp();
    int ssrc = rtp.ssrc();
    rtp.setMarker(!marker);
    rtp.setPayloadType(payloadType ^ 0x55);
    rtp.setSequenceNumber(sequenceNumber ^ 0xffff);
    rtp.setTimestamp(timestamp ^ 0xffffffffL);
    rtp.setSsrc(~ssrc);
    assertEquals(!marker, rtp.marker());
    assertEquals(payloadType ^ 0x55, rtp.payloadType());
    assertEquals(sequenceNumber ^ 0xffff, rtp.sequenceNumber());
    assertEquals(timestamp ^ 0xffffffffL, rtp.timestamp());
    assertEquals(~ssrc, rtp.ssrc());
    assertEquals(data[0], buf.getByte(offset), "first byte untouched");
    assertArrayEquals(Arrays.copyOfRange(data, 12, data.length),
        ByteBufUtil.getBytes(buf, offset + 12, data.length - 12), "the rest untouched");
    RtpPacket again = RtpPacket.parse(buf, offset, data.length);
    assertNotNull(again, "rewriting header fields keeps the packet valid");
    assertEquals(rtp.headerLength(), again.headerLength());
    assertEquals(rtp.paddingLength(), again.paddingLength());
    rtp.setMarker(marker);
    rtp.setPayloadType(payloadType);
    rtp.setSequenceNumber(sequenceNumber);
    rtp.setTimestamp(timestamp);
    rtp.setSsrc(ssrc);
    byte[] now = ByteBufUtil.getBytes(buf, offset, data.length);
    assertArrayEquals(data, now, "restored");
  }
}
