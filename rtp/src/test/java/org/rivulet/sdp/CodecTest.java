package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {

  private static final Codec OPUS = Codec.of(111, "opus", 48000).withChannels(2);
  private static final Codec VP8 = Codec.of(96, "VP8", 90000);

  private static Codec h264(String params) {
    return Codec.of(102, "H264", 90000).withParameters(params);
  }

  /** Two codecs and whether they match. */
  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("opus, any payload type and name case", OPUS, Codec.of(109, "OPUS", 48000).withChannels(2), true),
        Arguments.of("opus mono does not match stereo", OPUS, Codec.of(111, "opus", 48000), false),
        Arguments.of("opus at another clock rate", OPUS, Codec.of(111, "opus", 16000).withChannels(2), false),
        Arguments.of("PCMU", Codec.of(0, "PCMU", 8000), Codec.of(0, "pcmu", 8000), true),
        Arguments.of("PCMU is not PCMA", Codec.of(0, "PCMU", 8000), Codec.of(8, "PCMA", 8000), false),
        Arguments.of("telephone-event with and without /1", Codec.of(101, "telephone-event", 8000),
            Codec.of(126, "telephone-event", 8000).withChannels(1), true),
        Arguments.of("VP8 ignores parameters", VP8, Codec.of(120, "vp8", 90000).withParameters("max-fs=12288;max-fr=60"),
            true),
        Arguments.of("VP9 profile-id absent equals 0", Codec.of(98, "VP9", 90000),
            Codec.of(98, "VP9", 90000).withParameters("profile-id=0"), true),
        Arguments.of("VP9 profile 0 is not profile 2", Codec.of(98, "VP9", 90000).withParameters("profile-id=0"),
            Codec.of(100, "VP9", 90000).withParameters("profile-id=2"), false),
        Arguments.of("H.264 same profile, other level", h264("packetization-mode=1;profile-level-id=42e01f"),
            h264("profile-level-id=42e00d;packetization-mode=1"), true),
        Arguments.of("H.264 constrained baseline written three ways (RFC 6184 table 5)",
            h264("packetization-mode=1;profile-level-id=42e01f"), h264("packetization-mode=1;profile-level-id=4DC01F"),
            true),
        Arguments.of("H.264 constrained baseline is not baseline", h264("packetization-mode=1;profile-level-id=42e01f"),
            h264("packetization-mode=1;profile-level-id=42001f"), false),
        Arguments.of("H.264 packetization-mode 1 is not 0", h264("packetization-mode=1;profile-level-id=42e01f"),
            h264("packetization-mode=0;profile-level-id=42e01f"), false),
        Arguments.of("H.264 packetization-mode absent equals 0", h264("profile-level-id=42e01f"),
            h264("packetization-mode=0;profile-level-id=42e01f"), true),
        Arguments.of("H.264 profile-level-id absent equals baseline 42000a", h264("packetization-mode=1"),
            h264("packetization-mode=1;profile-level-id=42001f"), true),
        Arguments.of("H.264 high is not constrained high", h264("packetization-mode=1;profile-level-id=64001f"),
            h264("packetization-mode=1;profile-level-id=640c1f"), false),
        Arguments.of("H.264 malformed profile-level-id matches nothing", h264("profile-level-id=42e0"),
            h264("profile-level-id=42e0"), false),
        Arguments.of("H.264 unknown profile matches itself", h264("profile-level-id=fa001f"),
            h264("profile-level-id=FA0028"), true),
        Arguments.of("rtx matches rtx at the same clock", Codec.of(97, "rtx", 90000).withParameters("apt=96"),
            Codec.of(99, "RTX", 90000).withParameters("apt=98"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void matches(String name, Codec a, Codec b, boolean expected) {
    assertEquals(expected, a.matches(b));
    assertEquals(expected, b.matches(a), "matching is symmetric");
  }

  @Test
  @DisplayName("codec attributes are rtpmap, rtcp-fb, fmtp, as browsers order them")
  void attributes() {
    Codec c = Codec.of(96, "VP8", 90000).withFeedback(List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI))
        .withParameters("max-fs=12288");
    assertEquals(List.of(new Rtpmap(96, "VP8", 90000, null), new RtcpFb(96, RtcpFeedback.NACK),
        new RtcpFb(96, RtcpFeedback.NACK_PLI), new Fmtp("96", "max-fs=12288")), c.attributes());
    assertEquals(List.of(new Rtpmap(111, "opus", 48000, 2)), OPUS.attributes());
  }

  @Test
  @DisplayName("a codec written into a media section reads back the same")
  void throughMediaDescription() {
    Codec opus = OPUS.withParameters("minptime=10;useinbandfec=1").withFeedback(List.of(RtcpFeedback.TRANSPORT_CC));
    MediaDescription m = MediaDescription.builder(MediaDescription.AUDIO, 9, MediaProtocol.UDP_TLS_RTP_SAVPF)
        .codec(opus).codec(Codec.of(0, "PCMU", 8000)).build();
    assertEquals(List.of(opus, Codec.of(0, "PCMU", 8000)), m.codecs());
    assertEquals(List.of("111", "0"), m.formats());
  }

  @Test
  @DisplayName("RTX apt and findMatch")
  void rtxAndFind() {
    Codec rtx = Codec.of(97, "rtx", 90000).withParameters("apt=96");
    assertTrue(rtx.isRtx());
    assertEquals(OptionalInt.of(96), rtx.associatedPayloadType());
    assertEquals(OptionalInt.empty(), Codec.of(97, "rtx", 90000).withParameters("apt=x").associatedPayloadType());
    assertFalse(VP8.isRtx());
    assertEquals(Optional.of(VP8), Codec.of(120, "VP8", 90000).findMatch(List.of(OPUS, VP8)));
    assertEquals(Optional.empty(), Codec.of(120, "AV1", 90000).findMatch(List.of(OPUS, VP8)));
  }
}
