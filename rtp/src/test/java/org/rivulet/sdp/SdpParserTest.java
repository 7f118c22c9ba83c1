package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserTest {

  static List<String> fixtures() {
    return SdpFixtures.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("parse, write, parse gives an equal model and the same text")
  void roundTrip(String fixture) throws SdpParseException {
    SessionDescription first = SdpFixtures.parse(fixture);
    String written = SdpWriter.write(first);
    SessionDescription second = SdpParser.parse(written);
    assertEquals(first, second);
    assertEquals(first.hashCode(), second.hashCode());
    assertEquals(written, SdpWriter.write(second));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("the writer keeps every line of the fixtures, as CRLF lines")
  void writerKeepsEveryLine(String fixture) throws SdpParseException {
    String written = SdpWriter.write(SdpFixtures.parse(fixture));
    assertTrue(written.endsWith("\r\n"));
    assertFalse(written.replace("\r\n", "").contains("\n"), "bare LF in output");
    List<String> in = SdpFixtures.text(fixture).lines().map(l -> l.replace("a=msid-semantic: ", "a=msid-semantic:"))
        .sorted().toList();
    List<String> out = written.lines().sorted().toList();
    assertEquals(in, out);
  }

  @Test
  @DisplayName("LF-only and CRLF input parse to the same model")
  void lineEndings() throws SdpParseException {
    String crlf = SdpFixtures.text(SdpFixtures.CHROME_OFFER);
    assertTrue(crlf.contains("\r\n"));
    assertEquals(SdpParser.parse(crlf), SdpParser.parse(crlf.replace("\r\n", "\n")));
    String noFinalNewline = crlf.substring(0, crlf.length() - 2);
    assertEquals(SdpParser.parse(crlf), SdpParser.parse(noFinalNewline));
  }

  @Test
  @DisplayName("blank lines, extra spaces and a space after the colon are tolerated")
  void tolerance() throws SdpParseException {
    SessionDescription sdp = SdpParser.parse("\r\nv=0 \r\no=-  1 1 IN\tIP4 0.0.0.0\r\ns=\r\n\r\nt=0 0\r\n"
        + "m=audio  9 RTP/AVP  0   8\r\na=rtpmap:0   PCMU/8000\r\na=mid: a \r\n\r\n");
    assertEquals("", sdp.sessionName());
    assertEquals(new Origin("-", "1", "1", "IN", "IP4", "0.0.0.0"), sdp.origin());
    MediaDescription audio = sdp.media().get(0);
    assertEquals(List.of("0", "8"), audio.formats());
    assertEquals(Optional.of("a"), audio.mid());
    assertEquals(Optional.of(new Rtpmap(0, "PCMU", 8000, null)), audio.attributes().rtpmap(0));
  }

  @Test
  @DisplayName("payload types written with leading zeros are normalised")
  void leadingZeros() throws SdpParseException {
    MediaDescription m = SdpParser.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=video 9 RTP/AVP 096 0\n")
        .media().get(0);
    assertEquals(List.of("96", "0"), m.formats());
    assertEquals(List.of(96, 0), m.payloadTypes());
  }

  @Test
  @DisplayName("unknown attributes are kept verbatim and in order among the typed ones")
  void unknownAttributesKeptInOrder() throws SdpParseException {
    String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
        + "a=x-first\r\na=ice-lite\r\na=x-google-flag:conference\r\n"
        + "m=video 9 RTP/AVPF 96\r\na=rid:hi send\r\na=rtpmap:96 VP8/90000\r\na=simulcast:send hi;lo\r\n"
        + "a=Rtpmap:odd case is unknown\r\na=empty:\r\na=x-spaces:  kept  \r\n";
    SessionDescription sdp = SdpParser.parse(text);
    assertEquals(
        List.of(GenericAttribute.property("x-first"), Flag.ICE_LITE, new GenericAttribute("x-google-flag", "conference")),
        sdp.attributes().all());
    assertEquals(
        List.of(
            new GenericAttribute("rid", "hi send"),
            new Rtpmap(96, "VP8", 90000, null),
            new GenericAttribute("simulcast", "send hi;lo"),
            new GenericAttribute("Rtpmap", "odd case is unknown"),
            new GenericAttribute("empty", ""),
            new GenericAttribute("x-spaces", "  kept  ")),
        sdp.media().get(0).attributes().all());
    assertEquals(text, SdpWriter.write(sdp));
  }

  @Test
  @DisplayName("every RFC 8866 line type is kept, and written in RFC order")
  void allLineTypesInRfcOrder() throws SdpParseException {
    String shuffled = String.join("\n",
        "v=0",
        "a=recvonly",
        "k=prompt",
        "z=2882844526 -1h 2898848070 0",
        "t=3034423619 3042462419",
        "r=604800 3600 0 90000",
        "r=7d 1h 0 25h",
        "b=CT:128",
        "c=IN IP4 224.2.17.12/127",
        "p=+1 617 555-6011",
        "e=j.doe@example.com (Jane Doe)",
        "u=http://www.example.com/seminars/sdp.pdf",
        "i=A Seminar on the session description protocol",
        "s=SDP Seminar",
        "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
        "m=audio 49170/2 RTP/AVP 0",
        "a=sendonly",
        "k=clear:secret",
        "b=AS:64",
        "c=IN IP4 224.2.17.12/127",
        "c=IN IP4 224.2.17.13/127",
        "i=audio channel",
        "m=application 32416 udp wb",
        "a=orient:portrait",
        "");
    SessionDescription sdp = SdpParser.parse(shuffled);
    String expected = String.join("\r\n",
        "v=0",
        "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
        "s=SDP Seminar",
        "i=A Seminar on the session description protocol",
        "u=http://www.example.com/seminars/sdp.pdf",
        "e=j.doe@example.com (Jane Doe)",
        "p=+1 617 555-6011",
        "c=IN IP4 224.2.17.12/127",
        "b=CT:128",
        "t=3034423619 3042462419",
        "r=604800 3600 0 90000",
        "r=7d 1h 0 25h",
        "z=2882844526 -1h 2898848070 0",
        "k=prompt",
        "a=recvonly",
        "m=audio 49170/2 RTP/AVP 0",
        "i=audio channel",
        "c=IN IP4 224.2.17.12/127",
        "c=IN IP4 224.2.17.13/127",
        "b=AS:64",
        "k=clear:secret",
        "a=sendonly",
        "m=application 32416 udp wb",
        "a=orient:portrait",
        "");
    assertEquals(expected, SdpWriter.write(sdp));
    assertEquals("224.2.17.12", sdp.connection().orElseThrow().host());
    assertEquals(OptionalInt.of(2), sdp.media().get(0).portCount());
    assertEquals(List.of("604800 3600 0 90000", "7d 1h 0 25h"), sdp.timings().get(0).repeats());
    assertEquals(Direction.SENDONLY, sdp.direction(sdp.media().get(0)));
    assertEquals(Direction.RECVONLY, sdp.direction(sdp.media().get(1)));
    assertFalse(sdp.media().get(1).protocol().isRtp());
    assertEquals(List.of(), sdp.media().get(1).payloadTypes());
  }

  @Test
  @DisplayName("Chrome offer: session level")
  void chromeSession() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
    assertEquals(new Origin("-", "4611731400430051336", "2", "IN", "IP4", "127.0.0.1"), sdp.origin());
    assertEquals("-", sdp.sessionName());
    assertEquals(List.of(Timing.PERMANENT), sdp.timings());
    assertEquals(Optional.of(new Group("BUNDLE", List.of("0", "1", "2"))), sdp.attributes().bundleGroup());
    assertTrue(sdp.attributes().extmapAllowMixed());
    MsidSemantic ms = sdp.attributes().msidSemantic().orElseThrow();
    assertEquals("WMS", ms.semantic());
    assertEquals(List.of("7b3d9a6e-1f2c-4d8e-9a0b-5c6d7e8f9a0b"), ms.identifiers());
    assertEquals(3, sdp.media().size());
    assertEquals(List.of("audio", "video", "application"), sdp.media().stream().map(MediaDescription::type).toList());
    assertEquals("1", sdp.media("1").orElseThrow().mid().orElseThrow());
  }

  @Test
  @DisplayName("Chrome offer: audio section")
  void chromeAudio() throws SdpParseException {
    MediaDescription audio = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(0);
    AttributeList a = audio.attributes();
    assertEquals(9, audio.port());
    assertEquals(MediaProtocol.UDP_TLS_RTP_SAVPF, audio.protocol());
    assertTrue(audio.protocol().isDtls() && audio.protocol().isSecure() && audio.protocol().hasFeedback());
    assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), audio.payloadTypes());
    assertEquals(List.of(Connection.IN_IP4_ANY), audio.connections());
    assertEquals(Optional.of(new Rtcp(9, Connection.IN_IP4_ANY)), a.rtcp());
    assertEquals(Optional.of("Gt0v"), a.iceUfrag());
    assertEquals(Optional.of("qW3rT8yU2iO9pA6sD4fG7hJ1"), a.icePwd());
    assertEquals(List.of("trickle"), a.iceOptions());
    assertEquals(Optional.of(Setup.ACTPASS), a.setup());
    Fingerprint fp = a.fingerprints().get(0);
    assertTrue(fp.isHash("SHA-256"));
    assertEquals(32, fp.bytes().length);
    assertEquals(Optional.of(Direction.SENDRECV), audio.direction());
    assertTrue(a.rtcpMux());
    assertTrue(a.rtcpRsize());
    assertEquals(Optional.of(new Rtpmap(111, "opus", 48000, 2)), a.rtpmap(111));
    assertEquals(2, a.rtpmap(111).orElseThrow().channelCount());
    assertEquals(1, a.rtpmap(0).orElseThrow().channelCount());
    Fmtp opus = a.fmtp(111).orElseThrow();
    assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), opus.parameterMap());
    assertEquals(List.of("minptime", "useinbandfec"), List.copyOf(opus.parameterMap().keySet()));
    assertEquals(Optional.of("1"), opus.parameter("UseInBandFec"));
    assertEquals(Map.of("111/111", ""), a.fmtp(63).orElseThrow().parameterMap());
    assertEquals(List.of(RtcpFeedback.TRANSPORT_CC), a.rtcpFeedback(111));
    assertEquals(List.of(
        Extmap.of(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
        Extmap.of(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
        Extmap.of(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
        Extmap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid")), a.extmaps());
    assertEquals(List.of(new Msid("7b3d9a6e-1f2c-4d8e-9a0b-5c6d7e8f9a0b", "0e5f2c1a-6b7d-4e8f-9a1b-2c3d4e5f6a7b")),
        a.msids());
    assertEquals(List.of(1719390391L), a.ssrcIds());
    assertEquals(Optional.of("yS8vN2qKpL4tX6wE"), a.ssrcAttribute(1719390391L, Ssrc.CNAME));
    assertEquals(new Ssrc(1719390391L, "msid",
        "7b3d9a6e-1f2c-4d8e-9a0b-5c6d7e8f9a0b 0e5f2c1a-6b7d-4e8f-9a1b-2c3d4e5f6a7b"), a.ssrcs().get(1));
  }

  @Test
  @DisplayName("Chrome offer: candidates")
  void chromeCandidates() throws SdpParseException {
    List<Candidate> c = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(0).attributes().candidates();
    assertEquals(4, c.size());
    Candidate host = c.get(0);
    assertEquals("3348148302", host.foundation());
    assertEquals(1, host.component());
    assertTrue(host.isUdp());
    assertEquals(2113937151L, host.priority());
    assertEquals("192.168.1.23", host.address());
    assertEquals(51234, host.port());
    assertEquals(CandidateType.HOST, host.type());
    assertEquals(0, host.generation());
    assertEquals(Map.of("network-id", "1", "network-cost", "10"), host.extensions());
    assertTrue(c.get(1).address().endsWith(".local"));
    assertTrue(c.get(2).isTcp());
    assertEquals("active", c.get(2).tcpType());
    assertEquals(9, c.get(2).port());
    Candidate srflx = c.get(3);
    assertEquals(CandidateType.SRFLX, srflx.type());
    assertEquals("192.168.1.23", srflx.relatedAddress());
    assertEquals(51234, srflx.relatedPort());
    assertFalse(SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(0).attributes().endOfCandidates());
  }

  @Test
  @DisplayName("Chrome offer: video section")
  void chromeVideo() throws SdpParseException {
    MediaDescription video = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(1);
    AttributeList a = video.attributes();
    assertEquals(19, video.payloadTypes().size());
    assertEquals(11, a.extmaps().size());
    assertEquals(Optional.of(Extmap.of(13, "urn:3gpp:video-orientation")), a.extmap("urn:3gpp:video-orientation"));
    assertEquals(List.of(new RtcpFeedback("goog-remb", null), RtcpFeedback.TRANSPORT_CC, RtcpFeedback.CCM_FIR,
        RtcpFeedback.NACK, RtcpFeedback.NACK_PLI), a.rtcpFeedback(96));
    RtcpFb pli = a.rtcpFeedback().get(4);
    assertEquals(96, pli.payloadType());
    assertEquals("nack", pli.type());
    assertEquals("pli", pli.subtype());
    assertEquals(List.of(new SsrcGroup(SsrcGroup.FID, List.of(2931023434L, 3865091738L))), a.ssrcGroups());
    assertEquals(List.of(2931023434L, 3865091738L), a.ssrcIds());

    List<Codec> codecs = video.codecs();
    assertEquals(19, codecs.size());
    Codec vp8 = codecs.get(0);
    assertEquals("VP8", vp8.name());
    assertEquals(90000, vp8.clockRate());
    assertEquals(5, vp8.feedback().size());
    Codec rtx = codecs.get(1);
    assertTrue(rtx.isRtx());
    assertEquals(OptionalInt.of(96), rtx.associatedPayloadType());
    Codec h264 = codecs.get(6);
    assertEquals(102, h264.payloadType());
    assertEquals(Optional.of("42001f"), h264.parameter("profile-level-id"));
    assertTrue(codecs.stream().anyMatch(c -> c.is("ulpfec")));
    assertTrue(codecs.stream().anyMatch(c -> c.is("red")));
  }

  @Test
  @DisplayName("Chrome offer: data channel section")
  void chromeData() throws SdpParseException {
    MediaDescription data = SdpFixtures.parse(SdpFixtures.CHROME_OFFER).media().get(2);
    assertEquals(MediaDescription.APPLICATION, data.type());
    assertEquals(MediaProtocol.UDP_DTLS_SCTP, data.protocol());
    assertTrue(data.protocol().isSctp());
    assertFalse(data.protocol().isRtp());
    assertEquals(List.of("webrtc-datachannel"), data.formats());
    assertEquals(OptionalInt.of(5000), data.attributes().sctpPort());
    assertEquals(OptionalLong.of(262144), data.attributes().maxMessageSize());
    assertEquals(List.of(), data.codecs());
  }

  @Test
  @DisplayName("Firefox offer: session-level defaults resolve per section")
  void firefox() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.FIREFOX_OFFER);
    assertEquals("mozilla...THIS_IS_SDPARTA-99.0", sdp.origin().username());
    MediaDescription audio = sdp.media().get(0);
    assertTrue(audio.attributes().fingerprints().isEmpty());
    AttributeList effective = sdp.effective(audio);
    assertEquals(1, effective.fingerprints().size());
    assertEquals(sdp.attributes().fingerprints(), effective.fingerprints());
    assertEquals(List.of("trickle"), effective.iceOptions());
    assertEquals(Optional.of("b7c4d2e1"), effective.iceUfrag());
    assertEquals(Direction.SENDRECV, sdp.direction(audio));
    assertEquals(new MsidSemantic("WMS", List.of("*")), sdp.attributes().msidSemantic().orElseThrow());
    assertTrue(audio.attributes().endOfCandidates());
    assertEquals(3, audio.attributes().candidates().size());
    assertEquals("UDP", audio.attributes().candidates().get(0).transport());
    assertEquals(new Extmap(2, Direction.RECVONLY, "urn:ietf:params:rtp-hdrext:csrc-audio-level", null),
        audio.attributes().extmaps().get(1));
    assertEquals(Optional.of(new Rtpmap(9, "G722", 8000, 1)), audio.attributes().rtpmap(9));
    assertEquals("0-15", audio.attributes().fmtp(101).orElseThrow().parameters());

    MediaDescription video = sdp.media().get(1);
    List<Codec> codecs = video.codecs();
    assertEquals(List.of(120, 124, 121, 125, 126, 127, 97, 98, 123, 122, 119),
        codecs.stream().map(Codec::payloadType).toList());
    assertEquals(Optional.of("1"), codecs.get(4).parameter("packetization-mode"));
    assertEquals(Optional.empty(), codecs.get(6).parameter("packetization-mode"));
    assertEquals(List.of(new SsrcGroup("FID", List.of(3512094471L, 1127934205L))), video.attributes().ssrcGroups());
  }

  @Test
  @DisplayName("Kurento answer: session-level c=, b=AS, TCP candidates")
  void kurento() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.KURENTO_ANSWER);
    assertEquals("Kurento Media Server", sdp.sessionName());
    assertEquals(Optional.of(Connection.IN_IP4_ANY), sdp.connection());
    MediaDescription audio = sdp.media().get(0);
    assertEquals(1, audio.port());
    assertEquals(Optional.of(Setup.ACTIVE), audio.attributes().setup());
    List<Candidate> candidates = audio.attributes().candidates();
    assertEquals(List.of("passive"), candidates.stream().filter(c -> "passive".equals(c.tcpType()))
        .map(Candidate::tcpType).toList());
    assertNull(candidates.get(0).generation());
    MediaDescription video = sdp.media().get(1);
    assertEquals(OptionalLong.of(500), video.bandwidth(Bandwidth.AS));
    assertEquals(OptionalLong.empty(), video.bandwidth(Bandwidth.TIAS));
    assertEquals(List.of(Codec.of(96, "VP8", 90000).withFeedback(List.of(RtcpFeedback.GOOG_REMB, RtcpFeedback.CCM_FIR,
        RtcpFeedback.NACK, RtcpFeedback.NACK_PLI)), Codec.of(97, "rtx", 90000).withParameters("apt=96")), video.codecs());
  }

  @Test
  @DisplayName("ffmpeg VP8 + Opus: plain RTP/AVP")
  void ffmpegVp8Opus() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.FFMPEG_VP8_OPUS);
    assertEquals("No Name", sdp.sessionName());
    assertEquals(List.of(new GenericAttribute("tool", "libavformat 59.27.100")), sdp.attributes().all());
    MediaDescription video = sdp.media().get(0);
    assertEquals(5004, video.port());
    assertEquals(MediaProtocol.RTP_AVP, video.protocol());
    assertFalse(video.protocol().isSecure());
    assertEquals(List.of(Connection.of("127.0.0.1")), video.connections());
    assertEquals(OptionalLong.of(1000), video.bandwidth("AS"));
    assertEquals(List.of(Codec.of(96, "VP8", 90000)), video.codecs());
    assertEquals(List.of(Codec.of(97, "opus", 48000).withChannels(2).withParameters("sprop-stereo=1")),
        sdp.media().get(1).codecs());
    assertEquals(Optional.empty(), video.mid());
    assertEquals(Direction.SENDRECV, sdp.direction(video));
  }

  @Test
  @DisplayName("ffmpeg H.264 + PCMU: fmtp with '; ', static payload type 0 without rtpmap, LF line ends")
  void ffmpegH264Pcmu() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.FFMPEG_H264_PCMU);
    Fmtp fmtp = sdp.media().get(0).attributes().fmtp(96).orElseThrow();
    assertEquals(List.of("packetization-mode", "sprop-parameter-sets", "profile-level-id"),
        List.copyOf(fmtp.parameterMap().keySet()));
    assertEquals("Z0LAHtkAoD2wEQAAAwABAAADADIPFi5I,aMuMsg==", fmtp.parameterMap().get("sprop-parameter-sets"));
    assertEquals(List.of(Codec.of(0, "PCMU", 8000)), sdp.media().get(1).codecs());
    assertTrue(sdp.media().get(1).connections().isEmpty());
  }

  @Test
  @DisplayName("SDES offer: crypto, rtcp port, wildcard rtcp-fb")
  void sdes() throws SdpParseException {
    SessionDescription sdp = SdpFixtures.parse(SdpFixtures.SDES_OFFER);
    MediaDescription audio = sdp.media().get(0);
    assertEquals(MediaProtocol.RTP_SAVP, audio.protocol());
    List<Crypto> cryptos = audio.attributes().cryptos();
    assertEquals(2, cryptos.size());
    Crypto c1 = cryptos.get(0);
    assertEquals(1, c1.tag());
    assertEquals("AES_CM_128_HMAC_SHA1_80", c1.suite());
    CryptoKeyParam key = c1.keyParams().get(0);
    assertEquals(30, key.keyAndSalt().length);
    assertEquals("2^20", key.lifetime());
    assertEquals(1L << 20, key.lifetimePackets());
    assertEquals(1L, key.mki());
    assertEquals(4, key.mkiLength());
    assertEquals(List.of("KDR=1"), cryptos.get(1).sessionParams());
    assertEquals(Optional.of(Direction.SENDONLY), audio.direction());
    assertEquals(List.of(new GenericAttribute("ptime", "20")), audio.attributes().named("ptime"));

    MediaDescription video = sdp.media().get(1);
    assertEquals(Optional.of(new Rtcp(30003, null)), video.attributes().rtcp());
    assertEquals(List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR),
        video.attributes().rtcpFeedback(96));
    assertEquals(RtcpFb.WILDCARD, video.attributes().rtcpFeedback().get(0).payloadType());
    Crypto gcm = video.attributes().cryptos().get(0);
    assertEquals(28, gcm.keyParams().get(0).keyAndSalt().length);
    assertEquals(-1, gcm.keyParams().get(0).lifetimePackets());
    assertFalse(gcm.toString().contains("bQJXGzEP"), "keys stay out of toString");
  }

  @Test
  @DisplayName("descriptions that differ in one attribute are not equal")
  void equality() throws SdpParseException {
    String text = SdpFixtures.text(SdpFixtures.KURENTO_ANSWER);
    SessionDescription a = SdpParser.parse(text);
    SessionDescription b = SdpParser.parse(text.replace("a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 nack sli"));
    assertNotEquals(a, b);
  }

  @Test
  @DisplayName("parse(byte[]) and parse(String) agree, and a UTF-8 session name survives")
  void bytesAndString() throws SdpParseException {
    String text = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Réunion 会议 🎥\r\nt=0 0\r\n";
    SessionDescription fromBytes = SdpParser.parse(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(SdpParser.parse(text), fromBytes);
    assertEquals("Réunion 会议 🎥", fromBytes.sessionName());
    assertEquals(text, fromBytes.toString());
  }

  @Test
  @DisplayName("limits: exactly at each limit parses")
  void atLimits() throws SdpParseException {
    StringBuilder sb = new StringBuilder("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n");
    for (int i = 0; i < SdpParser.MAX_MEDIA; i++) {
      sb.append("m=audio 9 RTP/AVP 0\n");
    }
    assertEquals(SdpParser.MAX_MEDIA, SdpParser.parse(sb.toString()).media().size());

    StringBuilder lines = new StringBuilder("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\n");
    for (int i = 1; i < SdpParser.MAX_LINES_PER_SECTION; i++) {
      lines.append("a=x\n");
    }
    assertEquals(SdpParser.MAX_LINES_PER_SECTION - 1,
        SdpParser.parse(lines.toString()).media().get(0).attributes().size());

    String longLine = "a=x:" + "y".repeat(SdpParser.MAX_LINE_LENGTH - 4);
    SessionDescription sdp = SdpParser.parse("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n" + longLine + "\r\n");
    assertEquals(SdpParser.MAX_LINE_LENGTH - 4, ((GenericAttribute) sdp.attributes().all().get(0)).value().length());
  }
}
