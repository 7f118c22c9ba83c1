package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpSenderTest {

  private static final int SSRC = 0x01020304;
  private static final SrtpProfile DEFAULT = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private final TestBuffers buffers = new TestBuffers();

  @AfterEach
  void release() {
    buffers.releaseAll();
  }

  /** Protects a copy of {@code plain}; on failure also checks that the readable bytes are unchanged. */
  private SrtpResult protect(SrtpSender sender, byte[] plain) {
    ByteBuf buf = buffers.heap(plain);
    SrtpResult result = sender.protectRtp(buf);
    if (result != SrtpResult.OK) {
      assertArrayEquals(plain, TestBuffers.readable(buf));
    }
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("The same index is never protected twice (keystream / GCM IV reuse)")
  void sameSequenceNumberTwiceIsRefused(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(500, SSRC, 100)));
    assertEquals(SrtpResult.REPLAYED, protect(sender, TestPackets.rtp(500, SSRC, 100)));
    assertEquals(SrtpResult.REPLAYED, protect(sender, TestPackets.rtp(500, SSRC, 7)));
    assertEquals(2, sender.rtpCounters().get(SrtpResult.REPLAYED));
  }

  @Test
  @DisplayName("A retransmission on the media SSRC repeats the same ciphertext and is accepted once")
  void retransmissionRepeatsTheSameCiphertext() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    ByteBuf first = buffers.heap(TestPackets.rtp(500, SSRC, 100));
    assertEquals(SrtpResult.OK, sender.protectRtp(first));
    for (int seq = 501; seq < 800; seq++) {
      assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(seq, SSRC, 100)));
    }
    ByteBuf again = buffers.heap(TestPackets.rtp(500, SSRC, 100));
    assertEquals(SrtpResult.OK, sender.protectRtpRetransmission(again), "older than the window");
    assertArrayEquals(TestBuffers.readable(first), TestBuffers.readable(again), "same bytes");
    assertEquals(799, sender.stream(SSRC).rollover().highestIndex(), "the index did not move");
    assertEquals(SrtpResult.OK, receiver.unprotectRtp(again), "the lost original's stand-in");
    ByteBuf unknown = buffers.heap(TestPackets.rtp(1, 0x0badcafe, 100));
    assertEquals(SrtpResult.OK, sender.protectRtpRetransmission(unknown),
        "a new SSRC starts normally");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
  @DisplayName("AEAD never protects an index twice, even as a retransmission (GCM nonce reuse)")
  void aeadRefusesARetransmissionOnTheMediaSsrc(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(500, SSRC, 100)));
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(501, SSRC, 100)));
    byte[] plain = TestPackets.rtp(500, SSRC, 100);
    ByteBuf again = buffers.heap(plain);
    assertEquals(SrtpResult.REPLAYED, sender.protectRtpRetransmission(again));
    assertArrayEquals(plain, TestBuffers.readable(again), "left as it was");
  }

  @Test
  @DisplayName("Forwarded out of order: late packets get the receiver's index, too late ones are refused")
  void outOfOrderForwarding() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    int[] order = {65533, 1, 65534, 0, 2, 65535};
    for (int seq : order) {
      ByteBuf buf = buffers.heap(TestPackets.rtp(seq, SSRC, 40));
      assertEquals(SrtpResult.OK, sender.protectRtp(buf), "protect " + seq);
      assertEquals(SrtpResult.OK, receiver.unprotectRtp(buf), "unprotect " + seq);
    }
    assertEquals(65536 + 2, sender.stream(SSRC).rollover().highestIndex());
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(300, SSRC, 40)));
    assertEquals(SrtpResult.TOO_OLD, protect(sender, TestPackets.rtp(3, SSRC, 40)));
  }

  @Test
  @DisplayName("SRTCP index: starts at 0, one per packet, refused after 2^31 - 1")
  void srtcpIndex() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    for (int i = 0; i < 3; i++) {
      ByteBuf buf = buffers.heap(TestPackets.rtcp(SSRC, 12));
      assertEquals(SrtpResult.OK, sender.protectRtcp(buf));
      assertEquals(0x8000_0000 | i, buf.getInt(buf.writerIndex() - 14), "E flag and index");
    }
    sender.stream(SSRC).nextSrtcpIndex(0x7FFF_FFFFL);
    ByteBuf last = buffers.heap(TestPackets.rtcp(SSRC, 12));
    assertEquals(SrtpResult.OK, sender.protectRtcp(last));
    assertEquals(0xFFFF_FFFF, last.getInt(last.writerIndex() - 14));
    assertEquals(SrtpResult.OK, receiver.unprotectRtcp(last));

    ByteBuf refused = buffers.heap(TestPackets.rtcp(SSRC, 12));
    assertEquals(SrtpResult.KEY_EXHAUSTED, sender.protectRtcp(refused));
    assertEquals(TestPackets.rtcp(SSRC, 12).length, refused.readableBytes());
  }

  @Test
  @DisplayName("SRTP index: the last is 2^48 - 1, the next is refused")
  void srtpKeyLimit() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(65000, SSRC, 10)));
    sender.stream(SSRC).rollover().reset((0xFFFF_FFFFL << 16) + 65000);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(65535, SSRC, 10)));
    assertEquals(SrtpResult.KEY_EXHAUSTED, protect(sender, TestPackets.rtp(0, SSRC, 10)));
  }

  @Test
  void ssrcCap() {
    SrtpSender sender = new SrtpSender(DEFAULT, TestPackets.masterKey(DEFAULT),
        TestPackets.masterSalt(DEFAULT), 2);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(1, 1, 10)));
    ByteBuf rtcp = buffers.heap(TestPackets.rtcp(2, 8));
    assertEquals(SrtpResult.OK, sender.protectRtcp(rtcp));
    assertEquals(SrtpResult.UNKNOWN_SSRC_LIMIT, protect(sender, TestPackets.rtp(1, 3, 10)));
    assertEquals(SrtpResult.UNKNOWN_SSRC_LIMIT,
        sender.protectRtcp(buffers.heap(TestPackets.rtcp(3, 8))));
    assertEquals(2, sender.ssrcCount());
    sender.removeSsrc(1);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(1, 3, 10)));
  }

  static Stream<Arguments> malformed() {
    byte[] version1 = TestPackets.rtp(1, SSRC, 20);
    version1[0] = 0x40;
    byte[] csrcs = TestPackets.rtp(1, SSRC, 20);
    csrcs[0] = (byte) 0x88; // 8 CSRCs = 32 bytes, 20 present
    return Stream.of(
        Arguments.of("empty", new byte[0], SrtpResult.TOO_SHORT),
        Arguments.of("11 bytes", new byte[11], SrtpResult.TOO_SHORT),
        Arguments.of("version 1", version1, SrtpResult.BAD_HEADER),
        Arguments.of("CSRC count past the end", csrcs, SrtpResult.BAD_HEADER),
        Arguments.of("no room for the tag under 65535", TestPackets.rtp(1, SSRC, 65535 - 12 - 9),
            SrtpResult.TOO_LONG));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedRtp(String name, byte[] packet, SrtpResult expected) {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    assertEquals(expected, protect(sender, packet));
    assertEquals(1, sender.rtpCounters().get(expected));
    assertEquals(0, sender.ssrcCount());
  }

  @Test
  void malformedRtcp() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    assertEquals(SrtpResult.TOO_SHORT, sender.protectRtcp(buffers.heap(new byte[7])));
    byte[] version0 = TestPackets.rtcp(SSRC, 4);
    version0[0] = 0x01;
    assertEquals(SrtpResult.BAD_HEADER, sender.protectRtcp(buffers.heap(version0)));
    assertEquals(2, sender.rtcpCounters().dropped());
  }

  @Test
  @DisplayName("A refused protect into a destination leaves its writer index alone")
  void refusedIntoDestination() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    ByteBuf dst = buffers.empty(64);
    dst.writeInt(0x11223344);
    assertEquals(SrtpResult.BAD_HEADER, sender.protectRtp(buffers.heap(new byte[20]), dst));
    assertEquals(4, dst.writerIndex());
    assertEquals(SrtpResult.TOO_SHORT, sender.protectRtcp(buffers.heap(new byte[3]), dst));
    assertEquals(4, dst.writerIndex());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
  @DisplayName("GCM: after removeSsrc, the JCE's own IV-reuse refusal comes back as REPLAYED")
  void gcmIvReuseSafetyNet(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    assertEquals(SrtpResult.OK, protect(sender, TestPackets.rtp(9, SSRC, 30)));
    sender.removeSsrc(SSRC); // the caller error the class comment warns about
    assertEquals(SrtpResult.REPLAYED, protect(sender, TestPackets.rtp(9, SSRC, 30)));
  }
}
