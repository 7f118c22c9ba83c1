package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SdpWriterTest {

  @Test
  @DisplayName("an answer built in code: CRLF lines in RFC 8866 order, and it parses back equal")
  void builtAnswer() throws SdpParseException {
    SessionDescription offer = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
    MediaDescription offeredAudio = offer.media().get(0);
    List<Codec> codecs = CodecNegotiation.answer(offeredAudio.codecs(), List.of(Codec.of(0, "PCMU", 8000)));

    MediaDescription.Builder audio = MediaDescription.builder(MediaDescription.AUDIO, 9, offeredAudio.protocol())
        .connection(Connection.IN_IP4_ANY)
        .bandwidth(new Bandwidth(Bandwidth.TIAS, 64000))
        .attribute(new Mid(offeredAudio.mid().orElseThrow()))
        .attribute(new IceUfrag("Ckco"))
        .attribute(new IcePwd("Hf8wZ2nL0qR5tY7uI3oP1a"))
        .attribute(Fingerprint.of("sha-256", new byte[32]))
        .attribute(offer.effective(offeredAudio).setup().orElseThrow().answer(true))
        .attribute(offer.direction(offeredAudio).answer(true, true))
        .attribute(Flag.RTCP_MUX);
    codecs.forEach(audio::codec);
    audio.attribute(new Ssrc(1234, Ssrc.CNAME, "rivulet"))
        .attribute(new Candidate("1", 1, "UDP", 2015363327L, "192.168.1.10", 40000, CandidateType.HOST, null, null,
            null, null, java.util.Map.of()))
        .attribute(Flag.END_OF_CANDIDATES);

    SessionDescription answer = SessionDescription.builder()
        .origin(Origin.of(3912345678L, 3912345678L, "0.0.0.0"))
        .attribute(new Group(Group.BUNDLE, List.of("0")))
        .attribute(new MsidSemantic("WMS", List.of("*")))
        .media(audio.build())
        .media(offer.media().get(1).toBuilder().port(0).formats(List.of("96")).removeAttributes(a -> true)
            .attribute(new Mid("1")).build())
        .build();

    String expected = String.join("\r\n",
        "v=0",
        "o=- 3912345678 3912345678 IN IP4 0.0.0.0",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=msid-semantic:WMS *",
        "m=audio 9 UDP/TLS/RTP/SAVPF 0",
        "c=IN IP4 0.0.0.0",
        "b=TIAS:64000",
        "a=mid:0",
        "a=ice-ufrag:Ckco",
        "a=ice-pwd:Hf8wZ2nL0qR5tY7uI3oP1a",
        "a=fingerprint:sha-256 " + String.join(":", java.util.Collections.nCopies(32, "00")),
        "a=setup:active",
        "a=sendrecv",
        "a=rtcp-mux",
        "a=rtpmap:0 PCMU/8000",
        "a=ssrc:1234 cname:rivulet",
        "a=candidate:1 1 UDP 2015363327 192.168.1.10 40000 typ host",
        "a=end-of-candidates",
        "m=video 0 UDP/TLS/RTP/SAVPF 96",
        "c=IN IP4 0.0.0.0",
        "a=mid:1",
        "");
    assertEquals(expected, SdpWriter.write(answer));
    assertEquals(expected, answer.toString());
    assertEquals(answer, SdpParser.parse(expected));
    assertEquals(true, answer.media().get(1).isRejected());
  }

  @Test
  @DisplayName("builders refuse what could not be written and parsed back")
  void builderGuards() {
    MediaDescription.Builder noFormats = MediaDescription.builder("audio", 9, MediaProtocol.RTP_AVP);
    assertThrows(IllegalArgumentException.class, noFormats::build);
    assertThrows(IllegalArgumentException.class,
        () -> MediaDescription.builder("audio", 9, MediaProtocol.RTP_AVP).format("PCMU").build());
    assertThrows(IllegalArgumentException.class,
        () -> MediaDescription.builder("audio", 9, MediaProtocol.RTP_AVP).format("096").build());
    assertThrows(IllegalArgumentException.class,
        () -> MediaDescription.builder("audio", 65536, MediaProtocol.RTP_AVP).payloadType(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> MediaDescription.builder("audio", 9, MediaProtocol.RTP_AVP).payloadType(0).payloadType(0).build());
    MediaDescription withMid = MediaDescription.builder("audio", 9, MediaProtocol.RTP_AVP).payloadType(0)
        .attribute(new Mid("a")).build();
    assertThrows(IllegalArgumentException.class, () -> SessionDescription.builder()
        .origin(Origin.of(1, 1, "::1")).media(withMid).media(withMid).build());
    assertThrows(NullPointerException.class, () -> SessionDescription.builder().build());
    assertThrows(IllegalArgumentException.class, () -> SessionDescription.builder()
        .origin(Origin.of(1, 1, "::1")).sessionName("a\nb").build());
    assertEquals("IP6", Origin.of(1, 1, "::1").addressType());
  }

  @Test
  @DisplayName("toBuilder gives an equal copy")
  void toBuilder() throws SdpParseException {
    for (String fixture : SdpFixtures.ALL) {
      SessionDescription sdp = SdpFixtures.parse(fixture);
      assertEquals(sdp, sdp.toBuilder().build());
      for (MediaDescription m : sdp.media()) {
        assertEquals(m, m.toBuilder().build());
      }
    }
  }
}
