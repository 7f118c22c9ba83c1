package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodecNegotiationTest {

  /** Kurento's default codec set (SdpEndpoint.conf.json, kurento-protocol.md section 10), in local order. */
  private static final List<Codec> LOCAL_AUDIO = List.of(
      Codec.of(96, "opus", 48000).withChannels(2).withParameters("minptime=10;useinbandfec=1")
          .withFeedback(List.of(RtcpFeedback.TRANSPORT_CC)),
      Codec.of(0, "PCMU", 8000),
      Codec.of(8, "PCMA", 8000));

  private static final List<RtcpFeedback> VIDEO_FB =
      List.of(RtcpFeedback.GOOG_REMB, RtcpFeedback.CCM_FIR, RtcpFeedback.NACK, RtcpFeedback.NACK_PLI);

  private static final List<Codec> LOCAL_VIDEO = List.of(
      Codec.of(100, "VP9", 90000).withFeedback(VIDEO_FB),
      Codec.of(101, "VP8", 90000).withFeedback(VIDEO_FB),
      Codec.of(102, "H264", 90000).withFeedback(VIDEO_FB)
          .withParameters("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
      Codec.of(103, "rtx", 90000));

  @Test
  @DisplayName("Chrome audio: offerer's order and payload types, local parameters, feedback intersected")
  void chromeAudio() throws SdpParseException {
    List<Codec> offered = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(0).codecs();
    List<Codec> answer = CodecNegotiation.answer(offered, LOCAL_AUDIO);
    assertEquals(List.of(
        Codec.of(111, "opus", 48000).withChannels(2).withParameters("minptime=10;useinbandfec=1")
            .withFeedback(List.of(RtcpFeedback.TRANSPORT_CC)),
        Codec.of(0, "PCMU", 8000),
        Codec.of(8, "PCMA", 8000)), answer);
  }

  @Test
  @DisplayName("Chrome video: VP9 profile 0 only, VP8, one H.264 per matching profile and mode, RTX after each")
  void chromeVideo() throws SdpParseException {
    List<Codec> offered = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(1).codecs();
    List<Codec> answer = CodecNegotiation.answer(offered, LOCAL_VIDEO);
    assertEquals(List.of(96, 97, 98, 99, 106, 107), answer.stream().map(Codec::payloadType).toList());
    assertEquals(VIDEO_FB, answer.get(0).feedback(), "transport-cc is not supported locally");
    assertEquals("apt=96", answer.get(1).parameters());
    assertEquals("apt=98", answer.get(3).parameters());
    assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", answer.get(4).parameters());
  }

  @Test
  @DisplayName("RFC 6184 section 8.2.2: without level asymmetry the answer takes the lower level")
  void h264Level() {
    Codec offered = Codec.of(126, "H264", 90000).withParameters("profile-level-id=42e00d;packetization-mode=1");
    Codec local = Codec.of(102, "H264", 90000).withParameters("packetization-mode=1;profile-level-id=4d801f");
    assertEquals(List.of(Codec.of(126, "H264", 90000).withParameters("packetization-mode=1;profile-level-id=42e00d")),
        CodecNegotiation.answer(List.of(offered), List.of(local)));

    Codec lowLocal = Codec.of(102, "H264", 90000).withParameters("packetization-mode=1;profile-level-id=42e00a");
    assertEquals("packetization-mode=1;profile-level-id=42e00a",
        CodecNegotiation.answer(List.of(offered), List.of(lowLocal)).get(0).parameters());
  }

  @Test
  @DisplayName("RTX is dropped when its codec is not accepted or RTX is not supported")
  void rtxRules() {
    List<Codec> offered = List.of(Codec.of(96, "VP8", 90000), Codec.of(97, "rtx", 90000).withParameters("apt=96"),
        Codec.of(98, "AV1", 90000), Codec.of(99, "rtx", 90000).withParameters("apt=98"));
    assertEquals(List.of(Codec.of(96, "VP8", 90000), Codec.of(97, "rtx", 90000).withParameters("apt=96")),
        CodecNegotiation.answer(offered, LOCAL_VIDEO));
    assertEquals(List.of(Codec.of(96, "VP8", 90000)),
        CodecNegotiation.answer(offered, List.of(Codec.of(1, "VP8", 90000))));
  }

  @Test
  @DisplayName("audio RED keeps the offered parameters; nothing in common gives an empty answer")
  void redAndEmpty() {
    Codec red = Codec.of(63, "red", 48000).withChannels(2).withParameters("111/111");
    List<Codec> answer = CodecNegotiation.answer(List.of(red),
        List.of(Codec.of(120, "RED", 48000).withChannels(2).withParameters("120/120")));
    assertEquals(List.of(red), answer);
    assertEquals(List.of(), CodecNegotiation.answer(List.of(Codec.of(9, "G722", 8000)), LOCAL_AUDIO));
  }
}
