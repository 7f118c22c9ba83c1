package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/** Parse and round-trip helpers for the RTCP tests; every buffer they allocate is released. */
final class RtcpTesting {

  private RtcpTesting() {}

  /**
   * Parses {@code bytes} as a compound holding exactly one packet of {@code type}. Known types do
   * not refer to the input, so the buffer is released before returning.
   */
  static <T extends RtcpPacket> T parseSingle(byte[] bytes, Class<T> type) {
    assertTrue(type != RtcpUnknown.class, "RtcpUnknown keeps a slice; parse it with a live buffer");
    ByteBuf buf = pooled(bytes);
    try {
      RtcpCompound compound = RtcpCompound.parse(buf);
      assertNotNull(compound, () -> "rejected: " + RtcpCompound.validate(buf, 0, bytes.length));
      assertNull(RtcpCompound.validate(buf, 0, bytes.length));
      assertEquals(1, compound.packets().size(), "packets in " + compound);
      return type.cast(compound.packets().get(0));
    } finally {
      buf.release();
    }
  }

  /** Why the compound in {@code bytes} is rejected (failing if it is accepted). */
  static RtcpDropReason reasonFor(byte[] bytes) {
    ByteBuf buf = pooled(bytes);
    try {
      RtcpCompound compound = RtcpCompound.parse(buf);
      RtcpDropReason reason = RtcpCompound.validate(buf, 0, bytes.length);
      if (compound != null) {
        fail("accepted: " + compound);
      }
      return reason;
    } finally {
      buf.release();
    }
  }

  /** The bytes {@code packet} writes, checking {@code encodedLength} and 32-bit alignment. */
  static byte[] encode(RtcpPacket packet) {
    ByteBuf out = packet.encode(PooledByteBufAllocator.DEFAULT);
    try {
      assertEquals(packet.encodedLength(), out.readableBytes(), "encodedLength");
      assertEquals(0, out.readableBytes() % 4, "32-bit aligned");
      return bytes(out);
    } finally {
      out.release();
    }
  }

  /** Builds, writes and parses {@code packet}, and checks the result equals it. */
  static <T extends RtcpPacket> T assertRoundTrip(T packet) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) packet.getClass();
    T parsed = parseSingle(encode(packet), type);
    assertEquals(packet, parsed);
    assertEquals(packet.hashCode(), parsed.hashCode());
    return parsed;
  }
}
