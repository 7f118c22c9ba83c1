package org.rivulet.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SDP fixture files in {@code src/test/resources/org/rivulet/sdp/}, written for these tests. */
final class SdpFixtures {

  /** Chrome, Unified Plan: BUNDLE of audio, video and data; opus, VP8, VP9, H.264, rtx, red, ulpfec. */
  static final String CHROME_OFFER = "chrome-unified-plan-offer.sdp";
  /** Firefox: session-level fingerprint and direction, per-section ICE credentials, candidates, end-of-candidates. */
  static final String FIREFOX_OFFER = "firefox-offer.sdp";
  /** A Kurento Media Server answer: session name, session-level c=, b=AS, TCP candidates. */
  static final String KURENTO_ANSWER = "kurento-answer.sdp";
  /** What {@code ffmpeg -sdp_file} writes for VP8 and Opus over plain RTP. */
  static final String FFMPEG_VP8_OPUS = "ffmpeg-vp8-opus.sdp";
  /** ffmpeg's H.264 with "; "-separated fmtp and a static PCMU payload type; LF line ends. */
  static final String FFMPEG_H264_PCMU = "ffmpeg-h264-pcmu.sdp";
  /** An RtpEndpoint SDES offer: RTP/SAVP and RTP/SAVPF with a=crypto, rtcp-fb:*, a=rtcp port. */
  static final String SDES_OFFER = "rtp-savp-sdes-offer.sdp";

  static final List<String> ALL =
      List.of(CHROME_OFFER, FIREFOX_OFFER, KURENTO_ANSWER, FFMPEG_VP8_OPUS, FFMPEG_H264_PCMU, SDES_OFFER);

  private SdpFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static SessionDescription parse(String name) throws SdpParseException {
    return SdpParser.parse(bytes(name));
  }
}
