package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rivulet.rtp.RtpPacket;

class ForwardedExtensionsTest {
  private static final String TWCC = TransportSequenceNumber.URI;

  /** The sender negotiated audio level as 1, transport-cc as 3, video orientation as 4. */
  private static final int[] SENDER = ForwardedExtensions.toInternal(Map.of(
      AudioLevel.URI, 1, TWCC, 3, ForwardedExtensions.VIDEO_ORIENTATION_URI, 4));

  private static RtpPacket parse(ByteBuf buf) {
    RtpPacket p = RtpPacket.parse(buf);
    assertNotNull(p, () -> "not RTP: " + ByteBufUtil.hexDump(buf));
    return p;
  }

  @Test
  void internalIdsFollowTheListAndOthersAreZero() {
    assertEquals(1, ForwardedExtensions.internalId(AudioLevel.URI));
    assertEquals(2, ForwardedExtensions.internalId(ForwardedExtensions.VIDEO_ORIENTATION_URI));
    assertEquals(0, ForwardedExtensions.internalId(TWCC));
    assertEquals(1, SENDER[1]);
    assertEquals(0, SENDER[3]);
    assertEquals(2, SENDER[4]);
  }

  @Test
  void normalizeRenamesForwardedElementsAndBlanksTheRest() {
    // One-byte block, 2 words: audio level (id 1, 0x85 = voice, -5 dBov), transport-cc (id 3,
    // two bytes), video orientation (id 4, 0x01), then a padding byte.
    ExtensionPackets.withPacket("be de 00 03  10 85 31 00  2a 40 01 00  00 00 00 00", p -> {
      ForwardedExtensions.normalize(p, SENDER);
      assertEquals("108500000020010000000000",
          ByteBufUtil.hexDump(p.buffer(), p.extensionOffset(), 12));
      assertEquals("85", ByteBufUtil.hexDump(HeaderExtensions.find(p, 1)));
      assertEquals("01", ByteBufUtil.hexDump(HeaderExtensions.find(p, 2)));
      assertNull(HeaderExtensions.find(p, 3), "transport-cc blanked into padding");
      assertTrue(HeaderExtensions.isWellFormed(p));
    });
  }

  @Test
  void writeUsesTheReceiversIdsAndAddsTheForwardersOwnElement() {
    ExtensionPackets.withPacket("be de 00 03  10 85 31 00  2a 40 01 00  00 00 00 00", p -> {
      ForwardedExtensions.normalize(p, SENDER);
      // The receiver negotiated audio level as 9 and no video orientation; abs-send-time as 2.
      int[] receiver = ForwardedExtensions.fromInternal(Map.of(AudioLevel.URI, 9));
      ByteBuf out = Unpooled.buffer();
      int written = ForwardedExtensions.write(p, out, receiver, 2, 0x123456, 3);
      RtpPacket q = parse(out);
      assertEquals(out.readableBytes(), written);
      assertEquals(HeaderExtensions.ONE_BYTE_PROFILE, q.extensionProfile());
      assertEquals(8, q.extensionLength(), "9:1 byte + 2:3 bytes = 6, padded to 8");
      assertEquals("85", ByteBufUtil.hexDump(HeaderExtensions.find(q, 9)));
      assertEquals("123456", ByteBufUtil.hexDump(HeaderExtensions.find(q, 2)));
      assertNull(HeaderExtensions.find(q, 1));
      assertEquals(ExtensionPackets.PAYLOAD.replace(" ", ""), ByteBufUtil.hexDump(q.payload()));
      assertEquals(p.sequenceNumber(), q.sequenceNumber());
      assertEquals(p.ssrc(), q.ssrc());
      out.release();
    });
  }

  @Test
  void withNothingToCarryThePacketGoesWithoutABlock() {
    ExtensionPackets.withPacket("be de 00 01  32 00 01 00", p -> {
      ForwardedExtensions.normalize(p, SENDER);
      ByteBuf out = Unpooled.buffer();
      ForwardedExtensions.write(p, out, ForwardedExtensions.fromInternal(Map.of()), 0, 0, 0);
      ByteBuf expected = Unpooled.buffer();
      p.writeWithoutExtension(expected);
      assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(out));
      assertFalse(parse(out).hasExtension());
      out.release();
      expected.release();
    });
  }

  @Test
  void aTwoByteBlockIsRenamedAndSentAsOneByte() {
    // Two-byte block, 2 words: audio level (id 1, length 1), transport-cc (id 3, length 2).
    ExtensionPackets.withPacket("10 00 00 02  01 01 85 03  02 31 00 00", p -> {
      ForwardedExtensions.normalize(p, SENDER);
      assertEquals("85", ByteBufUtil.hexDump(HeaderExtensions.find(p, 1)));
      assertNull(HeaderExtensions.find(p, 3));
      ByteBuf out = Unpooled.buffer();
      ForwardedExtensions.write(p, out, ForwardedExtensions.fromInternal(
          Map.of(AudioLevel.URI, 5)), 0, 0, 0);
      RtpPacket q = parse(out);
      assertTrue(HeaderExtensions.isOneByte(q));
      assertEquals("85", ByteBufUtil.hexDump(HeaderExtensions.find(q, 5)));
      out.release();
    });
  }

  @Test
  void elementsFromAMalformedRestAreNotForwarded() {
    // Audio level, then an element claiming 16 bytes where 2 remain.
    ExtensionPackets.withPacket("be de 00 01  10 85 1f 00", p -> {
      ForwardedExtensions.normalize(p, SENDER);
      ByteBuf out = Unpooled.buffer();
      ForwardedExtensions.write(p, out, ForwardedExtensions.fromInternal(Map.of(
          AudioLevel.URI, 1)), 0, 0, 0);
      RtpPacket q = parse(out);
      assertEquals("85", ByteBufUtil.hexDump(HeaderExtensions.find(q, 1)));
      assertEquals(4, q.extensionLength());
      assertTrue(HeaderExtensions.isWellFormed(q));
      out.release();
    });
  }

  @Test
  void idsTheOneByteFormCannotCarryAreNotUsedForReceivers() {
    int[] table = ForwardedExtensions.fromInternal(Map.of(AudioLevel.URI, 15,
        ForwardedExtensions.VIDEO_ORIENTATION_URI, 14));
    assertArrayEquals(new int[] {0, 0, 14}, table);
    assertThrows(IllegalArgumentException.class, () -> ForwardedExtensions.write(
        RtpPacket.parse(Unpooled.wrappedBuffer(ExtensionPackets.packet("be de 00 00"))),
        Unpooled.buffer(), table, 15, 0, 1));
  }
}
