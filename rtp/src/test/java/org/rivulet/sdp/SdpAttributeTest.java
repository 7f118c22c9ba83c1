package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The typed attribute values, one at a time, through the same path as an a= line. */
class SdpAttributeTest {

  /** Attribute text, the typed value it must become, and the text it is written back as. */
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("rtcp-mux", Flag.RTCP_MUX, "rtcp-mux"),
        Arguments.of("extmap-allow-mixed:", Flag.EXTMAP_ALLOW_MIXED, "extmap-allow-mixed"),
        Arguments.of("bundle-only", Flag.BUNDLE_ONLY, "bundle-only"),
        Arguments.of("inactive", Direction.INACTIVE, "inactive"),
        Arguments.of("setup:PASSIVE", Setup.PASSIVE, "setup:passive"),
        Arguments.of("mid:audio", new Mid("audio"), "mid:audio"),
        Arguments.of("group:BUNDLE", new Group("BUNDLE", List.of()), "group:BUNDLE"),
        Arguments.of("group:LS 1  2", new Group("LS", List.of("1", "2")), "group:LS 1 2"),
        Arguments.of("msid-semantic: WMS", new MsidSemantic("WMS", List.of()), "msid-semantic:WMS"),
        Arguments.of("msid:- track", new Msid("-", "track"), "msid:- track"),
        Arguments.of("msid:stream", new Msid("stream", null), "msid:stream"),
        Arguments.of("ice-options:trickle ice2", new IceOptions(List.of("trickle", "ice2")), "ice-options:trickle ice2"),
        Arguments.of("fingerprint:SHA-1 ab:cd:ef", new Fingerprint("SHA-1", "AB:CD:EF"), "fingerprint:SHA-1 AB:CD:EF"),
        Arguments.of("rtpmap:101 telephone-event/8000", new Rtpmap(101, "telephone-event", 8000, null),
            "rtpmap:101 telephone-event/8000"),
        Arguments.of("fmtp:97 apt=96", new Fmtp("97", "apt=96"), "fmtp:97 apt=96"),
        Arguments.of("fmtp:96", new Fmtp("96", ""), "fmtp:96"),
        Arguments.of("fmtp:webrtc-datachannel max-message-size=100000",
            new Fmtp("webrtc-datachannel", "max-message-size=100000"), "fmtp:webrtc-datachannel max-message-size=100000"),
        Arguments.of("rtcp-fb:* ccm  tmmbr smaxpr=120", new RtcpFb(RtcpFb.WILDCARD, new RtcpFeedback("ccm", "tmmbr smaxpr=120")),
            "rtcp-fb:* ccm tmmbr smaxpr=120"),
        Arguments.of("rtcp-fb:96 trr-int 100", new RtcpFb(96, new RtcpFeedback("trr-int", "100")), "rtcp-fb:96 trr-int 100"),
        Arguments.of("extmap:255/sendonly urn:ietf:params:rtp-hdrext:encrypt urn:x a b",
            new Extmap(255, Direction.SENDONLY, "urn:ietf:params:rtp-hdrext:encrypt", "urn:x a b"),
            "extmap:255/sendonly urn:ietf:params:rtp-hdrext:encrypt urn:x a b"),
        Arguments.of("ssrc:4294967295 cname: spaced value ", new Ssrc(4294967295L, "cname", "spaced value"),
            "ssrc:4294967295 cname:spaced value"),
        Arguments.of("ssrc:0 label", new Ssrc(0, "label", null), "ssrc:0 label"),
        Arguments.of("ssrc:1 x:", new Ssrc(1, "x", ""), "ssrc:1 x:"),
        Arguments.of("ssrc-group:SIM 1 2 3", new SsrcGroup("SIM", List.of(1L, 2L, 3L)), "ssrc-group:SIM 1 2 3"),
        Arguments.of("rtcp:53020 IN IP6 2001:db8::1", new Rtcp(53020, new Connection("IN", "IP6", "2001:db8::1")),
            "rtcp:53020 IN IP6 2001:db8::1"),
        Arguments.of("sctp-port:0", new SctpPort(0), "sctp-port:0"),
        Arguments.of("max-message-size:0", new MaxMessageSize(0), "max-message-size:0"),
        Arguments.of("crypto:9 AES_256_CM_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==|1:1;"
                + "inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==|1048576|2:1 UNENCRYPTED_SRTCP",
            new Crypto(9, "AES_256_CM_HMAC_SHA1_80", List.of(
                new CryptoKeyParam("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==", null, 1L, 1),
                new CryptoKeyParam("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==", "1048576", 2L, 1)),
                List.of("UNENCRYPTED_SRTCP")),
            "crypto:9 AES_256_CM_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==|1:1;"
                + "inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA==|1048576|2:1 UNENCRYPTED_SRTCP"),
        Arguments.of("x-unknown", GenericAttribute.property("x-unknown"), "x-unknown"),
        Arguments.of("ptime:20", new GenericAttribute("ptime", "20"), "ptime:20"));
  }

  @ParameterizedTest(name = "a={0}")
  @MethodSource("values")
  void parsedAndWritten(String text, SdpAttribute expected, String written) throws SdpParseException {
    SdpAttribute parsed = AttributeParser.parse(text);
    assertEquals(expected, parsed);
    assertEquals("a=" + written, SdpWriter.attributeLine(parsed));
    assertEquals(parsed, AttributeParser.parse(written));
  }

  /** Attribute text and the reason it is rejected with. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("crypto without key params", "crypto:1 AES_CM_128_HMAC_SHA1_80", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto tag of 10 digits", "crypto:1234567890 S inline:QUJD", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto key method not inline", "crypto:1 S uri:http://x", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto lifetime 2^63", "crypto:1 S inline:QUJD|2^63", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto empty lifetime", "crypto:1 S inline:QUJD|", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto MKI length 0", "crypto:1 S inline:QUJD|1:0", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto MKI length 129", "crypto:1 S inline:QUJD|1:129", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto lifetime after MKI", "crypto:1 S inline:QUJD|1:4|2^20", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto four key parts", "crypto:1 S inline:QUJD|2^20|1:4|x", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("crypto base64 with bad padding", "crypto:1 S inline:QU=JD", SdpParseException.Reason.BAD_CRYPTO),
        Arguments.of("fingerprint of 65 bytes", "fingerprint:sha-512 " + "AA:".repeat(64) + "AA",
            SdpParseException.Reason.BAD_FINGERPRINT),
        Arguments.of("fingerprint with full-width digits", "fingerprint:sha-1 \uff10\uff10",
            SdpParseException.Reason.BAD_FINGERPRINT),
        Arguments.of("group without semantics", "group: ", SdpParseException.Reason.MISSING_ATTRIBUTE_VALUE),
        Arguments.of("ice-pwd of 257 characters", "ice-pwd:" + "p".repeat(257), SdpParseException.Reason.BAD_ICE_PWD),
        Arguments.of("ice-ufrag of two fields", "ice-ufrag:abcd efgh", SdpParseException.Reason.BAD_ICE_UFRAG),
        Arguments.of("rtcp without port", "rtcp:IN IP4 1.2.3.4 x", SdpParseException.Reason.BAD_RTCP),
        Arguments.of("ssrc-group FEC-FR with three", "ssrc-group:FEC-FR 1 2 3", SdpParseException.Reason.BAD_SSRC_GROUP),
        Arguments.of("ssrc-group without ssrcs", "ssrc-group:SIM", SdpParseException.Reason.BAD_SSRC_GROUP),
        Arguments.of("sctp-port with two fields", "sctp-port:5000 1", SdpParseException.Reason.BAD_SCTP_PORT),
        Arguments.of("max-message-size 2^63", "max-message-size:9223372036854775808",
            SdpParseException.Reason.BAD_MAX_MESSAGE_SIZE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejected(String name, String text, SdpParseException.Reason reason) {
    SdpParseException e = assertThrows(SdpParseException.class, () -> AttributeParser.parse(text));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  @Test
  @DisplayName("a GenericAttribute cannot carry the name of a typed attribute, nor a line break")
  void genericGuards() {
    assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("rtpmap", "0 PCMU/8000"));
    assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("sendrecv", null));
    assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("x", "a\r\nm=audio"));
    assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("a b", null));
  }

  @Test
  @DisplayName("Fingerprint.of writes upper-case hex pairs, bytes() reads them back")
  void fingerprintBytes() {
    byte[] hash = {0x00, (byte) 0xAB, 0x7F, (byte) 0xFF};
    Fingerprint f = Fingerprint.of("sha-256", hash);
    assertEquals("00:AB:7F:FF", f.fingerprint());
    assertArrayEquals(hash, f.bytes());
  }

  @Test
  @DisplayName("RFC 4568 section 6.1: key||salt decodes; keys stay out of toString")
  void cryptoKey() {
    byte[] keySalt = new byte[30];
    for (int i = 0; i < keySalt.length; i++) {
      keySalt[i] = (byte) i;
    }
    CryptoKeyParam k = CryptoKeyParam.inline(keySalt);
    assertArrayEquals(keySalt, k.keyAndSalt());
    assertEquals(-1, k.lifetimePackets());
    assertEquals("inline:" + k.keySalt(), k.format());
    assertFalse(k.toString().contains(k.keySalt()));
    assertEquals(1048576, new CryptoKeyParam("QUJD", "1048576", null, null).lifetimePackets());
    assertThrows(IllegalArgumentException.class, () -> new CryptoKeyParam("QUJD", null, 1L, null));
  }

  @Test
  @DisplayName("ice-pwd stays out of toString")
  void icePwdToString() {
    IcePwd pwd = new IcePwd("asd88fgpdd777uzjYhagZg");
    assertFalse(pwd.toString().contains("asd88"));
  }

  @Test
  @DisplayName("RFC 3264 section 6.1: answer directions")
  void directions() {
    assertEquals(Direction.RECVONLY, Direction.SENDONLY.reverse());
    assertEquals(Direction.SENDRECV, Direction.SENDRECV.reverse());
    assertEquals(Direction.SENDRECV, Direction.SENDRECV.answer(true, true));
    assertEquals(Direction.RECVONLY, Direction.SENDONLY.answer(true, true));
    assertEquals(Direction.SENDONLY, Direction.RECVONLY.answer(true, true));
    assertEquals(Direction.INACTIVE, Direction.RECVONLY.answer(false, true));
    assertEquals(Direction.INACTIVE, Direction.INACTIVE.answer(true, true));
    assertTrue(Direction.SENDRECV.sends() && Direction.SENDRECV.receives());
    assertFalse(Direction.RECVONLY.sends());
  }

  @Test
  @DisplayName("RFC 8842 section 5.3: answer setup roles")
  void setupRoles() {
    assertEquals(Setup.ACTIVE, Setup.ACTPASS.answer(true));
    assertEquals(Setup.PASSIVE, Setup.ACTPASS.answer(false));
    assertEquals(Setup.PASSIVE, Setup.ACTIVE.answer(true));
    assertEquals(Setup.ACTIVE, Setup.PASSIVE.answer(false));
    assertEquals(Setup.HOLDCONN, Setup.HOLDCONN.answer(true));
  }

  @Test
  @DisplayName("Fmtp.of joins parameters in order; a parameter without value stays alone")
  void fmtpOf() {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("level-asymmetry-allowed", "1");
    p.put("packetization-mode", "1");
    p.put("0-15", "");
    Fmtp f = Fmtp.of(102, p);
    assertEquals("level-asymmetry-allowed=1;packetization-mode=1;0-15", f.parameters());
    assertEquals(p, f.parameterMap());
    assertEquals(102, f.payloadType());
    assertEquals(-1, new Fmtp("webrtc-datachannel", "").payloadType());
    assertNull(f.parameterMap().get("missing"));
  }

  @Test
  @DisplayName("media protocols: RTP, SRTP, feedback, DTLS, SCTP")
  void protocols() {
    assertTrue(MediaProtocol.RTP_AVP.isRtp());
    assertFalse(MediaProtocol.RTP_AVP.isSecure() || MediaProtocol.RTP_AVP.hasFeedback());
    assertTrue(MediaProtocol.RTP_AVPF.hasFeedback());
    assertTrue(MediaProtocol.RTP_SAVP.isSecure() && !MediaProtocol.RTP_SAVP.isDtls());
    assertTrue(MediaProtocol.RTP_SAVPF.isSecure() && MediaProtocol.RTP_SAVPF.hasFeedback());
    assertTrue(MediaProtocol.UDP_TLS_RTP_SAVP.isDtls() && !MediaProtocol.UDP_TLS_RTP_SAVP.hasFeedback());
    assertTrue(new MediaProtocol("TCP/DTLS/SCTP").isSctp());
    assertFalse(new MediaProtocol("udp").isRtp());
    assertEquals(List.of("UDP", "TLS", "RTP", "SAVPF"), MediaProtocol.UDP_TLS_RTP_SAVPF.elements());
  }
}
