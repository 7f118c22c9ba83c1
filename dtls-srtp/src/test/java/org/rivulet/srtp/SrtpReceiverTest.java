package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The receiver's refusals, replay protection and rollover handling (RELIABILITY.md section B4). */
class SrtpReceiverTest {

  private static final int SSRC = 0x0a0b0c0d;
  private static final SrtpProfile DEFAULT = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private final TestBuffers buffers = new TestBuffers();

  @AfterEach
  void release() {
    buffers.releaseAll();
  }

  /** The protected bytes of an RTP packet. */
  private byte[] sealRtp(SrtpSender sender, int seq, int ssrc) {
    ByteBuf buf = buffers.heap(TestPackets.rtp(seq, ssrc, 50));
    assertEquals(SrtpResult.OK, sender.protectRtp(buf));
    return TestBuffers.readable(buf);
  }

  private byte[] sealRtcp(SrtpSender sender, int ssrc) {
    ByteBuf buf = buffers.heap(TestPackets.rtcp(ssrc, 24));
    assertEquals(SrtpResult.OK, sender.protectRtcp(buf));
    return TestBuffers.readable(buf);
  }

  /** Unprotects a copy; on failure also checks that the buffer was left exactly as it was. */
  private SrtpResult openRtp(SrtpReceiver receiver, byte[] sealed) {
    ByteBuf buf = buffers.heap(sealed);
    SrtpResult result = receiver.unprotectRtp(buf);
    if (result != SrtpResult.OK) {
      assertArrayEquals(sealed, TestBuffers.readable(buf), "a dropped packet is left untouched");
    }
    return result;
  }

  private SrtpResult openRtcp(SrtpReceiver receiver, byte[] sealed) {
    ByteBuf buf = buffers.heap(sealed);
    SrtpResult result = receiver.unprotectRtcp(buf);
    if (result != SrtpResult.OK) {
      assertArrayEquals(sealed, TestBuffers.readable(buf), "a dropped packet is left untouched");
    }
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("An exact replay is dropped as REPLAYED, for SRTP and SRTCP")
  void replayIsRejected(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    byte[] rtp = sealRtp(sender, 100, SSRC);
    byte[] rtcp = sealRtcp(sender, SSRC);
    assertEquals(SrtpResult.OK, openRtp(receiver, rtp));
    assertEquals(SrtpResult.REPLAYED, openRtp(receiver, rtp));
    assertEquals(SrtpResult.OK, openRtcp(receiver, rtcp));
    assertEquals(SrtpResult.REPLAYED, openRtcp(receiver, rtcp));
    assertEquals(1, receiver.rtpCounters().get(SrtpResult.REPLAYED));
    assertEquals(1, receiver.rtcpCounters().get(SrtpResult.REPLAYED));
  }

  static Stream<Arguments> tamperedBytes() {
    List<Arguments> cases = new ArrayList<>();
    for (SrtpProfile p : SrtpProfile.values()) {
      cases.add(Arguments.of(p, "marker bit in the header", 1));
      cases.add(Arguments.of(p, "payload", 30));
      cases.add(Arguments.of(p, "last byte of the tag", -1));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tamperedBytes")
  @DisplayName("A flipped bit fails authentication and changes neither ROC nor replay window")
  void badTagLeavesStateAlone(SrtpProfile profile, String where, int position) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, 65535, SSRC)));
    SrtpStreamState state = receiver.stream(SSRC);
    long highest = state.rollover().highestIndex();

    byte[] next = sealRtp(sender, 0, SSRC); // would move ROC to 1
    byte[] forged = next.clone();
    forged[position < 0 ? forged.length + position : position] ^= (byte) 0x80;
    assertEquals(SrtpResult.AUTH_FAILED, openRtp(receiver, forged));
    assertEquals(highest, state.rollover().highestIndex(), "ROC and s_l unchanged");
    assertEquals(0, state.rollover().roc());
    assertEquals(highest, state.rtpWindow().top(), "replay window unchanged");

    assertEquals(SrtpResult.OK, openRtp(receiver, next), "the real packet still gets through");
    assertEquals(1, state.rollover().roc());
    assertEquals(1, receiver.rtpCounters().get(SrtpResult.AUTH_FAILED));

    byte[] rtcp = sealRtcp(sender, SSRC);
    byte[] forgedRtcp = rtcp.clone();
    forgedRtcp[position < 0 ? forgedRtcp.length + position : position + 8] ^= (byte) 0x80;
    assertEquals(SrtpResult.AUTH_FAILED, openRtcp(receiver, forgedRtcp));
    assertEquals(SrtpResult.OK, openRtcp(receiver, rtcp));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("A forged packet far ahead (seq + 30000, bad tag) does not move the ROC")
  void forgedJumpAhead(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    for (int seq = 40000; seq < 40010; seq++) {
      assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, seq, SSRC)));
    }
    // Seq 40009 + 30000 wraps to 4473: accepted, it would mean ROC + 1.
    SrtpSender attacker = new SrtpSender(profile, new byte[profile.masterKeyLength()],
        new byte[profile.masterSaltLength()]);
    byte[] forged = sealRtp(attacker, (40009 + 30000) & 0xFFFF, SSRC);
    assertEquals(SrtpResult.AUTH_FAILED, openRtp(receiver, forged));
    assertEquals(0, receiver.stream(SSRC).rollover().roc());
    for (int seq = 40010; seq < 40020; seq++) {
      assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, seq, SSRC)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("ROC rolls over across seq 65535 -> 0")
  void rollover(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    for (int i = 0; i < 3 * 65536 + 10; i += 97) {
      assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, 65000 + i & 0xFFFF, SSRC)));
    }
    assertEquals(3, receiver.stream(SSRC).rollover().roc());
    assertEquals(3, sender.stream(SSRC).rollover().roc());
  }

  @Test
  @DisplayName("Reordering across the wrap (65534, 1, 65535, 2, 0) decrypts every packet")
  void reorderingAtTheWrap() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    byte[] p65534 = sealRtp(sender, 65534, SSRC);
    byte[] p65535 = sealRtp(sender, 65535, SSRC);
    byte[] p0 = sealRtp(sender, 0, SSRC);
    byte[] p1 = sealRtp(sender, 1, SSRC);
    byte[] p2 = sealRtp(sender, 2, SSRC);
    assertEquals(SrtpResult.OK, openRtp(receiver, p65534));
    assertEquals(SrtpResult.OK, openRtp(receiver, p1));
    assertEquals(SrtpResult.OK, openRtp(receiver, p65535));
    assertEquals(SrtpResult.OK, openRtp(receiver, p2));
    assertEquals(SrtpResult.OK, openRtp(receiver, p0));
    assertEquals(65536 + 2, receiver.stream(SSRC).rollover().highestIndex());
    assertEquals(SrtpResult.REPLAYED, openRtp(receiver, p65535));
  }

  @Test
  @DisplayName("Out of order inside the window: accepted once")
  void outOfOrderAcceptedOnce() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    byte[][] sealed = new byte[20][];
    for (int seq = 0; seq < 20; seq++) {
      sealed[seq] = sealRtp(sender, seq, SSRC);
    }
    assertEquals(SrtpResult.OK, openRtp(receiver, sealed[10]));
    assertEquals(SrtpResult.OK, openRtp(receiver, sealed[15]));
    assertEquals(SrtpResult.OK, openRtp(receiver, sealed[12]));
    assertEquals(SrtpResult.REPLAYED, openRtp(receiver, sealed[12]));
    assertEquals(SrtpResult.OK, openRtp(receiver, sealed[11]));
    assertEquals(SrtpResult.REPLAYED, openRtp(receiver, sealed[15]));
    assertEquals(15, receiver.stream(SSRC).rollover().highestIndex());
  }

  @Test
  @DisplayName("Packets older than the window are dropped as TOO_OLD; the window size is configurable")
  void tooOld() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver small = TestPackets.receiver(DEFAULT);
    SrtpReceiver large = new SrtpReceiver(DEFAULT, TestPackets.masterKey(DEFAULT),
        TestPackets.masterSalt(DEFAULT), 16, 1024);
    byte[][] sealed = new byte[1101][];
    for (int seq = 0; seq <= 1100; seq++) {
      sealed[seq] = sealRtp(sender, seq, SSRC);
    }
    assertEquals(SrtpResult.OK, openRtp(small, sealed[1100]));
    assertEquals(SrtpResult.OK, openRtp(large, sealed[1100]));
    assertEquals(SrtpResult.TOO_OLD, openRtp(small, sealed[1100 - 128]));
    assertEquals(SrtpResult.OK, openRtp(small, sealed[1100 - 127]));
    assertEquals(SrtpResult.OK, openRtp(large, sealed[1100 - 1023]));
    assertEquals(SrtpResult.TOO_OLD, openRtp(large, sealed[1100 - 1024]));
    assertEquals(1, small.rtpCounters().get(SrtpResult.TOO_OLD));
  }

  @Test
  @DisplayName("SSRC cap: 2000 authenticated SSRCs, the first 1024 are kept, the rest counted")
  void ssrcCap() {
    SrtpSender sender = new SrtpSender(DEFAULT, TestPackets.masterKey(DEFAULT),
        TestPackets.masterSalt(DEFAULT), 4096);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    for (int ssrc = 1; ssrc <= 2000; ssrc++) {
      SrtpResult expected = ssrc <= 1024 ? SrtpResult.OK : SrtpResult.UNKNOWN_SSRC_LIMIT;
      assertEquals(expected, openRtp(receiver, sealRtp(sender, 1, ssrc)), "SSRC " + ssrc);
    }
    assertEquals(1024, receiver.ssrcCount());
    assertEquals(976, receiver.rtpCounters().get(SrtpResult.UNKNOWN_SSRC_LIMIT));
    assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, 2, 1024)), "known SSRCs go on");
    assertEquals(SrtpResult.UNKNOWN_SSRC_LIMIT, openRtcp(receiver, sealRtcp(sender, 1999)));

    assertTrue(receiver.removeSsrc(1));
    assertNull(receiver.stream(1));
    assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, 2, 1999)), "a freed slot is reused");
    assertNotNull(receiver.stream(1999));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("5000 unsignalled SSRCs with random payloads: dropped, no state created")
  void unauthenticatedSsrcsCreateNoState(SrtpProfile profile) {
    SrtpReceiver receiver = TestPackets.receiver(profile);
    Random random = new Random(5000);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[12 + 20 + random.nextInt(100)];
      random.nextBytes(junk);
      junk[0] = (byte) 0x80; // a plausible header
      byte[] rtcpJunk = junk.clone();
      rtcpJunk[0] = (byte) 0x81;
      assertEquals(SrtpResult.AUTH_FAILED, openRtp(receiver, junk));
      SrtpResult rtcp = openRtcp(receiver, rtcpJunk);
      assertTrue(rtcp == SrtpResult.AUTH_FAILED || rtcp == SrtpResult.NOT_ENCRYPTED, rtcp.name());
    }
    assertEquals(0, receiver.ssrcCount());
    assertEquals(5000, receiver.rtpCounters().get(SrtpResult.AUTH_FAILED));
    assertEquals(5000, receiver.rtcpCounters().dropped());
  }

  static Stream<Arguments> malformedRtp() {
    int tag = DEFAULT.srtpAuthTagLength();
    return Stream.of(
        Arguments.of("empty", new byte[0], SrtpResult.TOO_SHORT),
        Arguments.of("11 bytes", new byte[11], SrtpResult.TOO_SHORT),
        Arguments.of("header but no room for the tag", header(0x80, 12 + tag - 1), SrtpResult.TOO_SHORT),
        Arguments.of("version 0", header(0x00, 40), SrtpResult.BAD_HEADER),
        Arguments.of("version 1", header(0x40, 40), SrtpResult.BAD_HEADER),
        Arguments.of("15 CSRCs in 40 bytes", header(0x8F, 40), SrtpResult.BAD_HEADER),
        Arguments.of("CSRCs run into the tag", header(0x83, 12 + 12 + tag - 1), SrtpResult.BAD_HEADER),
        Arguments.of("extension length 0xffff", extension(0xFFFF, 60), SrtpResult.BAD_HEADER),
        Arguments.of("extension runs into the tag", extension(3, 12 + 4 + 12 + tag - 4),
            SrtpResult.BAD_HEADER),
        Arguments.of("65536 bytes", header(0x80, 65536), SrtpResult.TOO_LONG));
  }

  private static byte[] header(int firstByte, int length) {
    byte[] p = new byte[length];
    if (length > 0) {
      p[0] = (byte) firstByte;
    }
    return p;
  }

  private static byte[] extension(int words, int length) {
    byte[] p = header(0x90, length);
    p[12] = (byte) 0xBE;
    p[13] = (byte) 0xDE;
    p[14] = (byte) (words >>> 8);
    p[15] = (byte) words;
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRtp")
  void malformedSrtp(String name, byte[] packet, SrtpResult expected) {
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    assertEquals(expected, openRtp(receiver, packet));
    assertEquals(1, receiver.rtpCounters().get(expected));
    assertEquals(0, receiver.ssrcCount());
  }

  static Stream<Arguments> malformedRtcp() {
    int minimum = 8 + DEFAULT.srtcpOverhead();
    byte[] unencrypted = header(0x81, 60);
    byte[] encrypted = header(0x81, 60);
    encrypted[60 - 14] = (byte) 0x80; // E flag, where AES-CM puts the index word
    return Stream.of(
        Arguments.of("empty", new byte[0], SrtpResult.TOO_SHORT),
        Arguments.of("header only", header(0x81, 8), SrtpResult.TOO_SHORT),
        Arguments.of("one byte short of header, index and tag", header(0x81, minimum - 1),
            SrtpResult.TOO_SHORT),
        Arguments.of("version 1", header(0x41, 60), SrtpResult.BAD_HEADER),
        Arguments.of("E flag clear", unencrypted, SrtpResult.NOT_ENCRYPTED),
        Arguments.of("E flag set, tag wrong", encrypted, SrtpResult.AUTH_FAILED),
        Arguments.of("65536 bytes", header(0x81, 65536), SrtpResult.TOO_LONG));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRtcp")
  void malformedSrtcp(String name, byte[] packet, SrtpResult expected) {
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    assertEquals(expected, openRtcp(receiver, packet));
    assertEquals(1, receiver.rtcpCounters().get(expected));
    assertEquals(0, receiver.ssrcCount());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("SRTCP with the E flag cleared after protect: NOT_ENCRYPTED")
  void srtcpEncryptionFlagCleared(SrtpProfile profile) {
    SrtpSender sender = TestPackets.sender(profile);
    SrtpReceiver receiver = TestPackets.receiver(profile);
    byte[] sealed = sealRtcp(sender, SSRC);
    sealed[receiverIndexOffset(profile, sealed.length)] &= 0x7F;
    assertEquals(SrtpResult.NOT_ENCRYPTED, openRtcp(receiver, sealed));
  }

  private static int receiverIndexOffset(SrtpProfile profile, int length) {
    return profile.isAead() ? length - 4 : length - profile.srtcpAuthTagLength() - 4;
  }

  @Test
  @DisplayName("SRTCP: index read from the packet, old indices dropped as TOO_OLD")
  void srtcpWindow() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    byte[] first = sealRtcp(sender, SSRC);
    for (int i = 0; i < 200; i++) {
      sealRtcp(sender, SSRC);
    }
    byte[] last = sealRtcp(sender, SSRC);
    assertEquals(SrtpResult.OK, openRtcp(receiver, last));
    assertEquals(SrtpResult.TOO_OLD, openRtcp(receiver, first));
    assertEquals(201, receiver.stream(SSRC).rtcpWindow().top());
  }

  @Test
  @DisplayName("An index past 2^48 - 1 is refused as KEY_EXHAUSTED (RFC 3711 section 9.2)")
  void srtpKeyLimit() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    assertEquals(SrtpResult.OK, openRtp(receiver, sealRtp(sender, 65535, SSRC)));
    receiver.stream(SSRC).rollover().reset((0xFFFF_FFFFL << 16) + 65535);
    assertEquals(SrtpResult.KEY_EXHAUSTED, openRtp(receiver, sealRtp(sender, 0, SSRC)));
  }

  @Test
  void countersSayWhatHappened() {
    SrtpSender sender = TestPackets.sender(DEFAULT);
    SrtpReceiver receiver = TestPackets.receiver(DEFAULT);
    byte[] sealed = sealRtp(sender, 1, SSRC);
    openRtp(receiver, sealed);
    openRtp(receiver, sealed);
    openRtp(receiver, new byte[3]);
    SrtpCounters c = receiver.rtpCounters();
    assertEquals(1, c.passed());
    assertEquals(2, c.dropped());
    assertEquals("{OK=1, TOO_SHORT=1, REPLAYED=1}", c.toString());
  }
}
