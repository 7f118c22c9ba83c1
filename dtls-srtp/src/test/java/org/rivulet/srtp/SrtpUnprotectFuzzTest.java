package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzzes the receiver with arbitrary bytes and checks the protect/unprotect round trip on arbitrary
 * payloads, for every profile. In a plain {@code mvn test} each method replays its inputs from
 * {@code SrtpUnprotectFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SrtpUnprotectFuzzTest {

  /**
   * One receiver per profile, shared by all inputs: no input can authenticate, so none changes a
   * receiver's state (checked after each input), and key setup stays out of the fuzzing loop.
   */
  private static final SrtpReceiver[] RECEIVERS = Arrays.stream(SrtpProfile.values())
      .map(TestPackets::receiver).toArray(SrtpReceiver[]::new);

  /**
   * Whatever the bytes, unprotect returns a result and never throws; a dropped packet leaves the buffer
   * exactly as it was; and nothing forged gets through (no fixed-key receiver has seen a real packet).
   */
  @FuzzTest(maxDuration = "60s")
  void unprotectArbitraryBytes(byte[] input) {
    for (SrtpReceiver receiver : RECEIVERS) {
      for (boolean direct : new boolean[] {false, true}) {
        ByteBuf buf = direct ? Unpooled.directBuffer(input.length + 8) : Unpooled.buffer(input.length);
        try {
          buf.writeBytes(input);
          assertDroppedUnchanged(receiver.unprotectRtp(buf), buf, input);
          assertDroppedUnchanged(receiver.unprotectRtcp(buf), buf, input);
        } finally {
          buf.release();
        }
      }
      assertEquals(0, receiver.ssrcCount());
    }
  }

  private static void assertDroppedUnchanged(SrtpResult result, ByteBuf buf, byte[] input) {
    assertNotNull(result);
    // A 32-bit tag can be guessed once in 2^32 tries: not something a fuzzer finds, so any OK is a bug.
    assertNotEquals(SrtpResult.OK, result, "a forged packet was accepted");
    assertEquals(0, buf.readerIndex());
    assertArrayEquals(input, TestBuffers.readable(buf));
  }

  /**
   * The input as an RTP payload (behind a plain header, or CSRCs and an extension, by input length)
   * and as an RTCP body: protect then unprotect gives it back, for every profile.
   */
  @FuzzTest(maxDuration = "60s")
  void protectThenUnprotectRoundTrips(byte[] input) {
    int seq = Integer.rotateLeft(Arrays.hashCode(input), 7) & 0xFFFF;
    byte[] rtp = input.length % 2 == 0
        ? TestPackets.rtp(seq, 0x7e57ab1e, input)
        : withCsrcsAndExtension(seq, input);
    byte[] rtcp = ByteBuffer.allocate(8 + input.length)
        .putInt(0x81c90000).putInt(0x7e57ab1e).put(input).array();
    for (SrtpProfile profile : SrtpProfile.values()) {
      SrtpSender sender = TestPackets.sender(profile);
      SrtpReceiver receiver = TestPackets.receiver(profile);
      roundTrip(rtp, profile.srtpOverhead(), true, sender, receiver);
      roundTrip(rtcp, profile.srtcpOverhead(), false, sender, receiver);
    }
  }

  private static void roundTrip(byte[] plain, int overhead, boolean isRtp, SrtpSender sender,
      SrtpReceiver receiver) {
    ByteBuf buf = Unpooled.buffer(plain.length + overhead);
    try {
      buf.writeBytes(plain);
      SrtpResult sealed = isRtp ? sender.protectRtp(buf) : sender.protectRtcp(buf);
      if (plain.length + overhead > SrtpSender.MAX_PACKET_LENGTH) {
        assertEquals(SrtpResult.TOO_LONG, sealed);
        return;
      }
      assertEquals(SrtpResult.OK, sealed);
      assertEquals(plain.length + overhead, buf.readableBytes());
      SrtpResult opened = isRtp ? receiver.unprotectRtp(buf) : receiver.unprotectRtcp(buf);
      assertEquals(SrtpResult.OK, opened);
      assertArrayEquals(plain, TestBuffers.readable(buf));
    } finally {
      buf.release();
    }
  }

  private static byte[] withCsrcsAndExtension(int seq, byte[] payload) {
    return ByteBuffer.allocate(12 + 4 + 8 + payload.length)
        .put((byte) 0x91).put((byte) 111).putShort((short) seq).putInt(seq).putInt(0x7e57ab1e)
        .putInt(0x0badcafe) // one CSRC
        .putShort((short) 0x1000).putShort((short) 1).putInt(0x22334455) // RFC 8285 two-byte profile
        .put(payload).array();
  }
}
