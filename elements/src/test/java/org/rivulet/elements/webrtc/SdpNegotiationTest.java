package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.sdp.Direction;
import org.rivulet.sdp.Fingerprint;
import org.rivulet.sdp.Flag;
import org.rivulet.sdp.MediaDescription;
import org.rivulet.sdp.SdpParser;
import org.rivulet.sdp.SdpWriter;
import org.rivulet.sdp.SessionDescription;
import org.rivulet.sdp.Setup;

class SdpNegotiationTest {
  private static final SupportedCodecs CODECS = SupportedCodecs.from(ModuleConfig.empty());

  private static LocalParameters local(boolean recvonly, boolean sendonly) {
    return new LocalParameters("abcd", "0123456789abcdefghijkl",
        Fingerprint.of("sha-256", new byte[32]), "rivulet-cname", "stream1", 1111L, 2222L,
        2223L, recvonly, sendonly, 0, 2000);
  }

  /** The other endpoint, when one of ours answers another's offer. */
  private static LocalParameters answerer() {
    return new LocalParameters("wxyz", "zyxwvutsrqponmlkjihgfe",
        Fingerprint.of("sha-256", new byte[32]), "c2", "stream2", 3333L, 4444L, 4445L, false, false,
        0, 0);
  }

  private static SessionDescription fixture(String name) throws Exception {
    try (InputStream in = SdpNegotiationTest.class.getResourceAsStream(name)) {
      return SdpParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chrome-unified-plan-offer.sdp", "firefox-offer.sdp"})
  void answersABrowserOffer(String fixture) throws Exception {
    SessionDescription offer = fixture(fixture);
    SdpNegotiation.Outcome outcome = SdpNegotiation.answer(offer, local(false, false), CODECS);
    SessionDescription answer = outcome.description();
    // The answer survives our own parser: what we send is well-formed SDP.
    SessionDescription reparsed = SdpParser.parse(SdpWriter.write(answer));
    assertEquals(answer, reparsed);
    assertEquals(offer.media().size(), answer.media().size(), "one m-line per offered m-line");
    for (int i = 0; i < offer.media().size(); i++) {
      assertEquals(offer.media().get(i).mid(), answer.media().get(i).mid());
    }
    List<NegotiatedMedia> media = outcome.media();
    assertTrue(media.stream().anyMatch(m -> m.kind().equals("audio")
        && m.codecs().get(0).is("opus")), media.toString());
    assertTrue(media.stream().anyMatch(m -> m.kind().equals("video")
        && m.codecs().stream().anyMatch(c -> c.is("VP8"))), media.toString());
    for (MediaDescription m : answer.media()) {
      if (m.isRejected()) {
        continue;
      }
      var attrs = answer.effective(m);
      assertEquals(Setup.ACTIVE, attrs.setup().orElseThrow(), "we answer actpass with active");
      assertTrue(attrs.rtcpMux());
      assertEquals("abcd", attrs.iceUfrag().orElseThrow());
      assertEquals(1, attrs.fingerprints().size());
      assertEquals(Direction.SENDRECV, answer.direction(m));
      for (var c : m.codecs()) {
        assertTrue(offer.media().stream().flatMap(o -> o.codecs().stream())
            .anyMatch(o -> o.payloadType() == c.payloadType() && o.name().equalsIgnoreCase(c.name())),
            "payload types are the offerer's: " + c);
      }
    }
    MediaDescription video = answer.media().stream().filter(m -> m.type().equals("video")
        && !m.isRejected()).findFirst().orElseThrow();
    assertEquals(2000, video.bandwidth("AS").orElseThrow(), "maxVideoRecvBandwidth as b=AS");
    assertTrue(answer.attributes().bundleGroup().isPresent());
  }

  @Test
  void recvonlyEndpointAnswersRecvonlyAndAnnouncesNoSsrc() throws Exception {
    SdpNegotiation.Outcome outcome = SdpNegotiation.answer(fixture("chrome-unified-plan-offer.sdp"),
        local(true, false), CODECS);
    for (NegotiatedMedia m : outcome.media()) {
      assertEquals(Direction.RECVONLY, m.direction());
    }
    assertFalse(SdpWriter.write(outcome.description()).contains("a=ssrc:"));
  }

  @Test
  void transportCcIsAnsweredOnlyWhereTheEndpointReceives() throws Exception {
    SdpNegotiation.Outcome receiving = SdpNegotiation.answer(
        fixture("chrome-unified-plan-offer.sdp"), local(false, false), CODECS);
    String text = SdpWriter.write(receiving.description());
    assertTrue(text.contains(
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
        text);
    assertTrue(text.contains("a=rtcp-fb:96 transport-cc"), text);
    assertTrue(text.contains("a=rtcp-fb:111 transport-cc"), text);
    for (NegotiatedMedia m : receiving.media()) {
      assertEquals(3, m.transportCcId(), m.kind());
    }
    SdpNegotiation.Outcome sending = SdpNegotiation.answer(
        fixture("chrome-unified-plan-offer.sdp"), local(false, true), CODECS);
    String sendonly = SdpWriter.write(sending.description());
    assertFalse(sendonly.contains("transport-wide-cc"), sendonly);
    assertFalse(sendonly.contains("transport-cc"), sendonly);
    for (NegotiatedMedia m : sending.media()) {
      assertEquals(0, m.transportCcId());
    }
  }

  /** rtcp-rsize (RFC 5506) is agreed where the offer has it, and our offers have it. */
  @Test
  void reducedSizeRtcpIsAgreedWhereBothSidesHaveIt() throws Exception {
    SdpNegotiation.Outcome chrome = SdpNegotiation.answer(
        fixture("chrome-unified-plan-offer.sdp"), local(false, false), CODECS);
    assertTrue(chrome.media().stream().allMatch(NegotiatedMedia::reducedSizeRtcp));
    SdpNegotiation.Outcome firefox = SdpNegotiation.answer(fixture("firefox-offer.sdp"),
        local(false, false), CODECS);
    for (NegotiatedMedia m : firefox.media()) {
      assertEquals(m.kind().equals("video"), m.reducedSizeRtcp(), "on its video m-line only");
    }
    String text = SdpWriter.write(firefox.description());
    assertEquals(1, text.split("a=rtcp-rsize", -1).length - 1, text);

    SdpNegotiation.Outcome ours = SdpNegotiation.offer(local(false, false), CODECS, true, true);
    assertTrue(ours.media().stream().allMatch(NegotiatedMedia::reducedSizeRtcp));
    SdpNegotiation.Outcome answered = SdpNegotiation.answer(ours.description(), answerer(), CODECS);
    assertTrue(SdpNegotiation.readAnswer(answered.description(), ours.media()).stream()
        .allMatch(NegotiatedMedia::reducedSizeRtcp));
    SessionDescription withoutRsize = SdpParser.parse(
        SdpWriter.write(answered.description()).replace("a=rtcp-rsize\r\n", ""));
    assertTrue(SdpNegotiation.readAnswer(withoutRsize, ours.media()).stream()
        .noneMatch(NegotiatedMedia::reducedSizeRtcp), "an answer without it");
  }

  @Test
  void audioLevelAndVideoOrientationAreAnsweredWithTheOfferersIds() throws Exception {
    SdpNegotiation.Outcome outcome = SdpNegotiation.answer(
        fixture("chrome-unified-plan-offer.sdp"), local(false, false), CODECS);
    String text = SdpWriter.write(outcome.description());
    assertTrue(text.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"), text);
    assertTrue(text.contains("a=extmap:13 urn:3gpp:video-orientation"), text);
    NegotiatedMedia audio = outcome.media().stream().filter(m -> m.kind().equals("audio"))
        .findFirst().orElseThrow();
    NegotiatedMedia video = outcome.media().stream().filter(m -> m.kind().equals("video"))
        .findFirst().orElseThrow();
    assertEquals(java.util.Map.of(org.rivulet.rtp.ext.AudioLevel.URI, 1),
        audio.forwardedExtensions());
    assertEquals(java.util.Map.of(org.rivulet.rtp.ext.ForwardedExtensions.VIDEO_ORIENTATION_URI,
        13), video.forwardedExtensions());
    // Firefox offers no video orientation: none answered, none recorded.
    SdpNegotiation.Outcome firefox = SdpNegotiation.answer(fixture("firefox-offer.sdp"),
        local(false, false), CODECS);
    assertFalse(SdpWriter.write(firefox.description()).contains("video-orientation"));
    assertTrue(firefox.media().stream().filter(m -> m.kind().equals("video"))
        .allMatch(m -> m.forwardedExtensions().isEmpty()));
  }

  @Test
  void ourOffersCarryTheForwardedExtensionsAndTheAnswerKeepsThem() throws Exception {
    SdpNegotiation.Outcome offer = SdpNegotiation.offer(local(false, false), CODECS, true, true);
    String offerText = SdpWriter.write(offer.description());
    assertTrue(offerText.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    assertTrue(offerText.contains("a=extmap:13 urn:3gpp:video-orientation"));
    LocalParameters other = answerer();
    SdpNegotiation.Outcome answer = SdpNegotiation.answer(SdpParser.parse(offerText), other, CODECS);
    List<NegotiatedMedia> agreed = SdpNegotiation.readAnswer(
        SdpParser.parse(SdpWriter.write(answer.description())), offer.media());
    assertEquals(java.util.Map.of(org.rivulet.rtp.ext.AudioLevel.URI, 1),
        agreed.get(0).forwardedExtensions());
    assertEquals(java.util.Map.of(org.rivulet.rtp.ext.ForwardedExtensions.VIDEO_ORIENTATION_URI,
        13), agreed.get(1).forwardedExtensions());
  }

  @Test
  void offerAndAnswerBetweenTwoEndpoints() throws Exception {
    SdpNegotiation.Outcome offer = SdpNegotiation.offer(local(false, false), CODECS, true, true);
    String offerText = SdpWriter.write(offer.description());
    assertTrue(offerText.contains("a=setup:actpass"), offerText);
    LocalParameters other = answerer();
    SdpNegotiation.Outcome answer = SdpNegotiation.answer(SdpParser.parse(offerText), other, CODECS);
    List<NegotiatedMedia> agreed = SdpNegotiation.readAnswer(
        SdpParser.parse(SdpWriter.write(answer.description())), offer.media());
    assertEquals(2, agreed.size());
    assertEquals(List.of(4444L, 4445L), agreed.get(1).remoteSsrcs(),
        "the answerer's video SSRC and its RTX SSRC");
    assertEquals(Direction.SENDRECV, agreed.get(0).direction());
    String answerText = SdpWriter.write(answer.description());
    assertTrue(answerText.contains("a=ssrc-group:FID 4444 4445"), answerText);
    assertTrue(answerText.contains("a=fmtp:97 apt=96"), answerText);
    assertEquals(2223L, agreed.get(1).localRtxSsrc(), "the offerer's RTX SSRC");
    assertTrue(agreed.get(1).hasRtx());
    assertEquals(0L, agreed.get(0).localRtxSsrc(), "no RTX for audio");
  }

  @Test
  void anOfferWithoutIceCredentialsIsRefused() throws Exception {
    String text = SdpWriter.write(fixture("chrome-unified-plan-offer.sdp"))
        .replaceAll("a=ice-ufrag:[^\\r\\n]*\\r\\n", "").replaceAll("a=ice-pwd:[^\\r\\n]*\\r\\n", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SdpNegotiation.answer(SdpParser.parse(text), local(false, false), CODECS));
    assertTrue(e.getMessage().contains("ICE credentials"), e.getMessage());
  }

  @Test
  void rtcpMuxIsAlwaysAnswered() throws Exception {
    SdpNegotiation.Outcome outcome = SdpNegotiation.answer(fixture("chrome-unified-plan-offer.sdp"),
        local(false, false), CODECS);
    outcome.description().media().stream().filter(m -> !m.isRejected())
        .forEach(m -> assertTrue(m.attributes().has(Flag.RTCP_MUX)));
  }
}
