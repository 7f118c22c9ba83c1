package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.srtp.TestBuffers.Kind;

/** protect then unprotect gives the packet back: every profile, every buffer kind, RTP and RTCP. */
class SrtpRoundTripTest {

  private final TestBuffers buffers = new TestBuffers();

  @AfterEach
  void release() {
    buffers.releaseAll();
  }

  static Stream<Arguments> profilesAndKinds() {
    return Arrays.stream(SrtpProfile.values())
        .flatMap(p -> Arrays.stream(Kind.values()).map(k -> Arguments.of(p, k)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("profilesAndKinds")
  void rtpInPlace(SrtpProfile profile, Kind kind) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    int[] payloadLengths = {0, 1, 15, 16, 17, 160, 1188, 3000};
    int seq = 65530; // crosses the 65535 -> 0 wrap on the way
    for (int length : payloadLengths) {
      for (boolean extended : new boolean[] {false, true}) {
        byte[] plain = extended
            ? TestPackets.rtpWithCsrcsAndExtension(seq, 0x1234, length)
            : TestPackets.rtp(seq, 0x1234, length);
        ByteBuf buf = buffers.of(kind, plain, profile.srtpOverhead());
        int reader = buf.readerIndex();

        assertEquals(SrtpResult.OK, sender.protectRtp(buf));
        assertEquals(plain.length + profile.srtpOverhead(), buf.readableBytes());
        assertEquals(reader, buf.readerIndex());
        byte[] sealed = TestBuffers.readable(buf);
        int header = extended ? 28 : 12;
        assertArrayEquals(Arrays.copyOf(plain, header), Arrays.copyOf(sealed, header),
            "the header stays in clear");
        if (length >= 16) {
          assertFalse(Arrays.equals(Arrays.copyOfRange(plain, header, plain.length),
              Arrays.copyOfRange(sealed, header, plain.length)), "the payload is encrypted");
        }

        assertEquals(SrtpResult.OK, receiver.unprotectRtp(buf));
        assertArrayEquals(plain, TestBuffers.readable(buf));
        assertEquals(reader, buf.readerIndex());
        seq = (seq + 1) & 0xFFFF;
      }
    }
    assertEquals(16, sender.rtpCounters().passed());
    assertEquals(16, receiver.rtpCounters().passed());
    assertEquals(0, receiver.rtpCounters().dropped());
    assertEquals(1, receiver.stream(0x1234).rollover().roc());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("profilesAndKinds")
  void rtcpInPlace(SrtpProfile profile, Kind kind) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    for (int body : new int[] {0, 4, 24, 500}) {
      byte[] plain = TestPackets.rtcp(0x5678, body);
      ByteBuf buf = buffers.of(kind, plain, profile.srtcpOverhead());
      assertEquals(SrtpResult.OK, sender.protectRtcp(buf));
      assertEquals(plain.length + profile.srtcpOverhead(), buf.readableBytes());
      byte[] sealed = TestBuffers.readable(buf);
      assertArrayEquals(Arrays.copyOf(plain, 8), Arrays.copyOf(sealed, 8), "header in clear");
      assertEquals(SrtpResult.OK, receiver.unprotectRtcp(buf));
      assertArrayEquals(plain, TestBuffers.readable(buf));
    }
    assertEquals(4, sender.stream(0x5678).nextSrtcpIndex());
    assertEquals(4, receiver.rtcpCounters().passed());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  void intoAFreshBufferLeavesTheSourceAlone(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    byte[] plain = TestPackets.rtp(7, 0xabcdef01, 1188);
    ByteBuf shared = buffers.of(Kind.POOLED_DIRECT, plain, 0);
    // Fan-out: one packet, several peers with their own keys.
    for (int peer = 0; peer < 3; peer++) {
      ByteBuf out = buffers.empty(plain.length + profile.srtpOverhead());
      out.writeByte(0x55).readerIndex(1); // dst need not start at index 0
      assertEquals(SrtpResult.OK, sender.protectRtp(shared, out));
      assertArrayEquals(plain, TestBuffers.readable(shared), "source untouched");
      assertEquals(0, shared.readerIndex());
      assertEquals(plain.length + profile.srtpOverhead(), out.readableBytes());
      if (peer == 0) {
        assertEquals(SrtpResult.OK, receiver.unprotectRtp(out));
        assertArrayEquals(plain, TestBuffers.readable(out));
      } else {
        assertEquals(SrtpResult.REPLAYED, receiver.unprotectRtp(out), "same index, same key");
      }
      sender = TestPackets.sender(profile); // the next peer's sender
    }

    byte[] rtcp = TestPackets.rtcp(0xabcdef01, 20);
    ByteBuf rtcpSrc = buffers.heap(rtcp);
    ByteBuf rtcpOut = buffers.empty(8);
    assertEquals(SrtpResult.OK, sender.protectRtcp(rtcpSrc, rtcpOut));
    assertArrayEquals(rtcp, TestBuffers.readable(rtcpSrc));
    assertEquals(SrtpResult.OK, receiver.unprotectRtcp(rtcpOut));
    assertArrayEquals(rtcp, TestBuffers.readable(rtcpOut));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  void inPlaceGrowsABufferWithoutTailroom(SrtpProfile profile) {
    byte[] plain = TestPackets.rtp(1, 99, 100);
    ByteBuf buf = buffers.of(Kind.HEAP, plain, 0);
    assertEquals(0, buf.writableBytes());
    assertEquals(SrtpResult.OK, TestPackets.sender(profile).protectRtp(buf));
    assertEquals(SrtpResult.OK, TestPackets.receiver(profile).unprotectRtp(buf));
    assertArrayEquals(plain, TestBuffers.readable(buf));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  void differentKeysDoNotInteroperate(SrtpProfile profile) {
    byte[] otherKey = TestPackets.masterKey(profile);
    otherKey[0] ^= 1;
    SrtpReceiver stranger = new SrtpReceiver(profile, otherKey, TestPackets.masterSalt(profile));
    ByteBuf rtp = buffers.heap(TestPackets.rtp(1, 99, 100));
    ByteBuf rtcp = buffers.heap(TestPackets.rtcp(99, 20));
    SrtpSender sender = TestPackets.sender(profile);
    assertEquals(SrtpResult.OK, sender.protectRtp(rtp));
    assertEquals(SrtpResult.OK, sender.protectRtcp(rtcp));
    assertEquals(SrtpResult.AUTH_FAILED, stranger.unprotectRtp(rtp));
    assertEquals(SrtpResult.AUTH_FAILED, stranger.unprotectRtcp(rtcp));
    assertEquals(0, stranger.ssrcCount());
  }
}
