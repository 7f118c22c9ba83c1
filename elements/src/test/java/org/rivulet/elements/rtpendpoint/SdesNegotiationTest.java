package org.rivulet.elements.rtpendpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.SdpParseException;
import org.rivulet.sdp.SdpParser;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;

/** SDES offer/answer (RFC 4568) for one m-line, with the a=crypto lines read by the real SDP parser. */
class SdesNegotiationTest {

  private static final String CM80 = "AES_CM_128_HMAC_SHA1_80";
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      + "m=audio 30000 RTP/SAVP 0\r\n";

  /** RFC 4568's offer example (section 4): lifetime 2^20, MKI 1 of 32 bytes. */
  private static final String RFC_OFFER = "1 AES_CM_128_HMAC_SHA1_80"
      + " inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32";
  /** RFC 4568's answer to it. */
  private static final String RFC_ANSWER = "1 AES_CM_128_HMAC_SHA1_80"
      + " inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32";
  /** RFC 4568's session parameter example (section 6.3). */
  private static final String RFC_FEC_ORDER = "1 AES_CM_128_HMAC_SHA1_80"
      + " inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP";
  /** RFC 4568's two-key example (section 6.1): key switching by MKI. */
  private static final String RFC_TWO_KEYS = "1 AES_CM_128_HMAC_SHA1_80"
      + " inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
      + "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP";

  private static final SdesConfig LOCAL_80 = SdesConfig.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, bytes(30, 100));

  /** The m-line's a=crypto values, through SdpParser as an offer or answer would be read. */
  static List<Crypto> cryptos(String... values) throws SdpParseException {
    StringBuilder sdp = new StringBuilder(HEAD);
    for (String v : values) {
      sdp.append("a=crypto:").append(v).append("\r\n");
    }
    return SdpParser.parse(sdp.toString()).media().get(0).attributes().cryptos();
  }

  /** {@code n} bytes, different for each seed. */
  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 17);
    }
    return b;
  }

  static String inline(int n, int seed) {
    return "inline:" + Base64.getEncoder().encodeToString(bytes(n, seed));
  }

  static String offerError(List<Crypto> offered) {
    KurentoException e = assertThrows(KurentoException.class, () -> SdesNegotiation.answer(LOCAL_80, offered));
    assertEquals(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR, e.error());
    return e.getMessage();
  }

  static String answerError(List<Crypto> answered) {
    KurentoException e = assertThrows(KurentoException.class,
        () -> SdesNegotiation.processAnswer(LOCAL_80, answered));
    assertEquals(KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR, e.error());
    return e.getMessage();
  }

  @Test
  @DisplayName("RFC 4568 offer: accepted with its lifetime and MKI; the answer echoes tag and suite")
  void rfcOffer() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos(RFC_OFFER));
    byte[] keySalt = Base64.getDecoder().decode("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
    assertEquals(1, n.tag());
    assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, n.profile());
    assertArrayEquals(Arrays.copyOf(keySalt, 16), n.remoteMasterKey());
    assertArrayEquals(Arrays.copyOfRange(keySalt, 16, 30), n.remoteMasterSalt());
    assertArrayEquals(LOCAL_80.masterKey(), n.localMasterKey());
    assertArrayEquals(LOCAL_80.masterSalt(), n.localMasterSalt());
    assertEquals(1L << 20, n.remoteLifetimePackets());
    assertEquals(32, n.remoteMkiLength());
    assertEquals(1, n.remoteMki());
    assertEquals(OptionalInt.empty(), n.windowSizeHint());
    assertEquals(LOCAL_80.attribute(1), n.localAttribute());
  }

  @Test
  @DisplayName("RFC 4568 answer to our offer: its key is the remote key")
  void rfcAnswer() throws Exception {
    NegotiatedSdes n = SdesNegotiation.processAnswer(LOCAL_80, cryptos(RFC_ANSWER));
    byte[] keySalt = Base64.getDecoder().decode("d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj");
    assertEquals(1, n.tag());
    assertArrayEquals(Arrays.copyOf(keySalt, 16), n.remoteMasterKey());
    assertArrayEquals(Arrays.copyOfRange(keySalt, 16, 30), n.remoteMasterSalt());
    assertEquals(LOCAL_80.offerAttribute(), n.localAttribute());
  }

  @Test
  @DisplayName("RFC 4568 FEC_ORDER=FEC_SRTP (the default order) is accepted; two keys in a line are not")
  void rfcSessionParamsAndTwoKeys() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos(RFC_FEC_ORDER));
    assertEquals(4, n.remoteMkiLength());
    assertEquals("Error processing offer: no usable a=crypto line: a=crypto:1 has 2 keys; switching master keys by"
        + " MKI is not supported, only one key per line", offerError(cryptos(RFC_TWO_KEYS)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("every suite, offered among all the others: the configured one is chosen, both ways round")
  void everySuite(SrtpProfile profile) throws Exception {
    SdesConfig answerer = SdesConfig.random(profile);
    List<String> lines = new ArrayList<>();
    int tag = 10;
    int ourTag = -1;
    for (SrtpProfile p : SrtpProfile.values()) {
      if (p == profile) {
        ourTag = tag;
      }
      lines.add(tag++ + " " + p.sdesName() + " " + inline(SdesConfig.keyAndSaltLength(p), tag));
    }
    NegotiatedSdes n = SdesNegotiation.answer(answerer, cryptos(lines.toArray(String[]::new)));
    assertEquals(ourTag, n.tag());
    assertEquals(profile, n.profile());
    byte[] offered = bytes(SdesConfig.keyAndSaltLength(profile), ourTag + 1);
    assertArrayEquals(Arrays.copyOf(offered, profile.masterKeyLength()), n.remoteMasterKey());
    assertArrayEquals(Arrays.copyOfRange(offered, profile.masterKeyLength(), offered.length), n.remoteMasterSalt());
    assertEquals(answerer.attribute(ourTag), n.localAttribute());
    assertEquals(KeyLifetime.SRTP_MAX_PACKETS, n.remoteLifetimePackets());
    assertEquals(0, n.remoteMkiLength());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SrtpProfile.class)
  @DisplayName("two endpoints: offer, answer, process answer; SRTP flows both ways with the agreed keys")
  void endToEnd(SrtpProfile profile) throws Exception {
    SdesConfig offerer = SdesConfig.random(profile);
    SdesConfig answerer = SdesConfig.random(profile);
    Crypto offer = offerer.offerAttribute();
    NegotiatedSdes atAnswerer = SdesNegotiation.answer(answerer, cryptos(offer.attributeValue()));
    NegotiatedSdes atOfferer = SdesNegotiation.processAnswer(offerer,
        cryptos(atAnswerer.localAttribute().attributeValue()));
    assertEquals(atAnswerer.tag(), atOfferer.tag());
    assertArrayEquals(atOfferer.localMasterKey(), atAnswerer.remoteMasterKey());
    assertArrayEquals(atOfferer.remoteMasterSalt(), atAnswerer.localMasterSalt());
    roundTrip(atOfferer, atAnswerer);
    roundTrip(atAnswerer, atOfferer);
  }

  private static void roundTrip(NegotiatedSdes from, NegotiatedSdes to) {
    SrtpSender sender = new SrtpSender(from.profile(), from.localMasterKey(), from.localMasterSalt());
    SrtpReceiver receiver = new SrtpReceiver(to.profile(), to.remoteMasterKey(), to.remoteMasterSalt());
    byte[] rtp = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 2, 0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8};
    ByteBuf packet = Unpooled.buffer(64).writeBytes(rtp);
    try {
      assertEquals(SrtpResult.OK, sender.protectRtp(packet));
      assertFalse(Arrays.equals(rtp, Arrays.copyOf(packet.array(), rtp.length)), "payload not encrypted");
      assertEquals(SrtpResult.OK, receiver.unprotectRtp(packet));
      byte[] out = new byte[packet.readableBytes()];
      packet.readBytes(out);
      assertArrayEquals(rtp, out);
    } finally {
      packet.release();
    }
  }

  @Test
  @DisplayName("the offerer's order decides among usable lines; unusable ones are skipped")
  void preference() throws Exception {
    assertEquals(5, SdesNegotiation.answer(LOCAL_80, cryptos("5 " + CM80 + " " + inline(30, 1),
        "3 " + CM80 + " " + inline(30, 2))).tag());
    assertEquals(3, SdesNegotiation.answer(LOCAL_80, cryptos("5 " + CM80 + " " + inline(30, 1) + " KDR=1",
        "3 " + CM80 + " " + inline(30, 2))).tag());
    assertEquals(3, SdesNegotiation.answer(LOCAL_80, cryptos("5 AES_CM_128_HMAC_SHA1_32 " + inline(30, 1),
        "3 " + CM80 + " " + inline(30, 2))).tag());
    assertEquals(0, SdesNegotiation.answer(LOCAL_80, cryptos("0 " + CM80 + " " + inline(30, 2))).tag());
    assertEquals(999999999, SdesNegotiation.answer(LOCAL_80, cryptos("999999999 " + CM80 + " " + inline(30, 2))).tag());
  }

  @Test
  @DisplayName("session parameters we can honour or ignore")
  void acceptedSessionParams() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1)
        + " KDR=0 FEC_ORDER=FEC_SRTP WSH=1024 -X-VENDOR=1 -"));
    assertEquals(OptionalInt.of(1024), n.windowSizeHint());
    n = SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + " kdr=0 wsh=64 fec_order=fec_srtp"));
    assertEquals(OptionalInt.of(64), n.windowSizeHint());
  }

  @Test
  @DisplayName("lifetimes: 2^N or decimal, capped at 2^48, at least 2^16")
  void lifetimes() throws Exception {
    assertEquals(1L << 48, SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|2^60"))
        .remoteLifetimePackets());
    assertEquals(1L << 48, SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|2^48"))
        .remoteLifetimePackets());
    assertEquals(1L << 31, SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|2^31"))
        .remoteLifetimePackets());
    assertEquals(65536, SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|65536|7:1"))
        .remoteLifetimePackets());
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|255:1"));
    assertEquals(255, n.remoteMki());
    assertEquals(1, n.remoteMkiLength());
    n = SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1) + "|9223372036854775807:128"));
    assertEquals(128, n.remoteMkiLength());
  }

  /** A line for the configured suite (AES_CM_128_HMAC_SHA1_80), what makes it unusable in the message. */
  static Stream<Arguments> unusable() {
    String key = inline(30, 1);
    return Stream.of(
        Arguments.of("1 " + CM80 + " " + inline(29, 1),
            "has a key||salt of 29 bytes after base64, AES_CM_128_HMAC_SHA1_80 needs 30 (16-byte master key"
                + " + 14-byte master salt)"),
        Arguments.of("1 " + CM80 + " " + inline(46, 1),
            "has a key||salt of 46 bytes after base64, AES_CM_128_HMAC_SHA1_80 needs 30 (16-byte master key"
                + " + 14-byte master salt)"),
        Arguments.of("1 F8_128_HMAC_SHA1_80 " + key,
            "has unknown suite 'F8_128_HMAC_SHA1_80', but the endpoint is configured for AES_CM_128_HMAC_SHA1_80"),
        Arguments.of("1 AES_256_CM_HMAC_SHA1_80 " + inline(46, 1),
            "has suite 'AES_256_CM_HMAC_SHA1_80', but the endpoint is configured for AES_CM_128_HMAC_SHA1_80"),
        Arguments.of("1 aes_cm_128_hmac_sha1_80 " + key,
            "has unknown suite 'aes_cm_128_hmac_sha1_80', but the endpoint is configured for AES_CM_128_HMAC_SHA1_80"),
        Arguments.of("1 " + CM80 + " " + key + "|256:1", "has MKI value 256, which does not fit its length of 1 byte"),
        Arguments.of("1 " + CM80 + " " + key + "|2^20|65536:2",
            "has MKI value 65536, which does not fit its length of 2 bytes"),
        Arguments.of("1 " + CM80 + " " + key + "|2^10", "has a key lifetime of '2^10' packets, below the minimum of 2^16"),
        Arguments.of("1 " + CM80 + " " + key + "|65535|1:4",
            "has a key lifetime of '65535' packets, below the minimum of 2^16"),
        Arguments.of("1 " + CM80 + " " + key + " UNENCRYPTED_SRTP",
            "has UNENCRYPTED_SRTP, which is not supported: the endpoint always encrypts and authenticates"),
        Arguments.of("1 " + CM80 + " " + key + " UNENCRYPTED_SRTCP",
            "has UNENCRYPTED_SRTCP, which is not supported: the endpoint always encrypts and authenticates"),
        Arguments.of("1 " + CM80 + " " + key + " WSH=128 UNAUTHENTICATED_SRTP",
            "has UNAUTHENTICATED_SRTP, which is not supported: the endpoint always encrypts and authenticates"),
        Arguments.of("1 " + CM80 + " " + key + " KDR=1",
            "has KDR=1 (key derivation rate 2^1), which is not supported; session keys are derived once (KDR=0"
                + " or none)"),
        Arguments.of("1 " + CM80 + " " + key + " KDR=24",
            "has KDR=24 (key derivation rate 2^24), which is not supported; session keys are derived once (KDR=0"
                + " or none)"),
        Arguments.of("1 " + CM80 + " " + key + " FEC_ORDER=SRTP_FEC",
            "has FEC_ORDER=SRTP_FEC, which is not supported; only the default FEC_SRTP"),
        Arguments.of("1 " + CM80 + " " + key + " FEC_KEY=" + key + "|2^20|1:4",
            "has FEC_KEY (a separate master key for FEC), which is not supported"),
        Arguments.of("1 " + CM80 + " " + key + " FOO=1",
            "has unknown session parameter 'FOO=1', which is not marked optional with '-'"),
        Arguments.of("1 " + CM80 + " " + key + " KDR=25",
            "has malformed session parameter 'KDR=25': KDR must be a number from 0 to 24"),
        Arguments.of("1 " + CM80 + " " + key + " KDR=001",
            "has malformed session parameter 'KDR=001': KDR must be a number from 0 to 24"),
        Arguments.of("1 " + CM80 + " " + key + " KDR",
            "has malformed session parameter 'KDR': KDR must be a number from 0 to 24"),
        Arguments.of("1 " + CM80 + " " + key + " KDR=-1",
            "has malformed session parameter 'KDR=-1': KDR must be a number from 0 to 24"),
        Arguments.of("1 " + CM80 + " " + key + " WSH=63",
            "has malformed session parameter 'WSH=63': WSH must be a number of at least 64"),
        Arguments.of("1 " + CM80 + " " + key + " WSH=99999999999",
            "has malformed session parameter 'WSH=99999999999': WSH must be a number of at least 64"),
        Arguments.of("1 " + CM80 + " " + key + " FEC_ORDER=BOTH",
            "has malformed session parameter 'FEC_ORDER=BOTH': FEC_ORDER must be FEC_SRTP or SRTP_FEC"),
        Arguments.of("1 " + CM80 + " " + key + " UNENCRYPTED_SRTP=yes",
            "has malformed session parameter 'UNENCRYPTED_SRTP=yes': UNENCRYPTED_SRTP takes no value"),
        Arguments.of("1 " + CM80 + " " + key + " " + "X".repeat(60),
            "has unknown session parameter '" + "X".repeat(40) + "...', which is not marked optional with '-'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unusable")
  @DisplayName("an offer whose only line is unusable, and an answer with that line: the message says why")
  void unusableLine(String line, String why) throws Exception {
    assertEquals("Error processing offer: no usable a=crypto line: a=crypto:1 " + why, offerError(cryptos(line)));
    if (line.startsWith("1 " + CM80)) {
      assertEquals("Error processing answer: a=crypto:1 " + why, answerError(cryptos(line)));
    }
  }

  @Test
  @DisplayName("no a=crypto line in the offer")
  void noLines() {
    assertEquals("Error processing offer: the m-line has no a=crypto line, and the endpoint needs SDES keys"
        + " (RFC 4568)", offerError(List.of()));
  }

  @Test
  @DisplayName("duplicate tags make both lines unusable; a third line is still chosen")
  void duplicateTags() throws Exception {
    List<Crypto> offered = cryptos("1 " + CM80 + " " + inline(30, 1), "1 " + CM80 + " " + inline(30, 2));
    assertEquals("Error processing offer: no usable a=crypto line: a=crypto:1 its tag is used by another a=crypto"
        + " line of the m-line (tags are unique per m-line, RFC 4568); a=crypto:1 its tag is used by another"
        + " a=crypto line of the m-line (tags are unique per m-line, RFC 4568)", offerError(offered));
    assertEquals(2, SdesNegotiation.answer(LOCAL_80, cryptos("1 " + CM80 + " " + inline(30, 1),
        "1 " + CM80 + " " + inline(30, 2), "2 " + CM80 + " " + inline(30, 3))).tag());
  }

  @Test
  @DisplayName("many unusable lines: the message describes five")
  void manyProblems() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      lines.add(i + " " + CM80 + " " + inline(29, i));
    }
    String message = offerError(cryptos(lines.toArray(String[]::new)));
    assertTrue(message.contains("a=crypto:5 has a key||salt of 29"), message);
    assertFalse(message.contains("a=crypto:6"), message);
    assertTrue(message.endsWith("; and 3 more"), message);
  }

  @Test
  @DisplayName("answers: the line with our tag is used, other tags ignored; errors say what differs")
  void answers() throws Exception {
    NegotiatedSdes n = SdesNegotiation.processAnswer(LOCAL_80, cryptos("7 " + CM80 + " " + inline(30, 7),
        "1 " + CM80 + " " + inline(30, 1), "1 " + CM80 + " " + inline(29, 1)));
    assertArrayEquals(Arrays.copyOf(bytes(30, 1), 16), n.remoteMasterKey());
    assertEquals("Error processing answer: the m-line has no a=crypto line, but we offered SDES (RFC 4568)",
        answerError(List.of()));
    assertEquals("Error processing answer: no a=crypto line has the tag we offered (1); its tags are 2, 3",
        answerError(cryptos("2 " + CM80 + " " + inline(30, 1), "3 " + CM80 + " " + inline(30, 1))));
    assertEquals("Error processing answer: a=crypto:1 answers with suite 'AES_CM_128_HMAC_SHA1_32', but we offered"
        + " AES_CM_128_HMAC_SHA1_80 under that tag",
        answerError(cryptos("1 AES_CM_128_HMAC_SHA1_32 " + inline(30, 1))));
    List<String> tags = new ArrayList<>();
    for (int i = 2; i < 10; i++) {
      tags.add(i + " " + CM80 + " " + inline(30, 1));
    }
    assertEquals("Error processing answer: no a=crypto line has the tag we offered (1); its tags are 2, 3, 4, 5, 6, ...",
        answerError(cryptos(tags.toArray(String[]::new))));
  }

  @Test
  @DisplayName("the peer may reuse our own key (FFmpeg set-ups with one shared key do): accepted")
  void sameKeyBothWays() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos(LOCAL_80.attribute(4).attributeValue()));
    assertArrayEquals(n.localMasterKey(), n.remoteMasterKey());
  }

  @Test
  @DisplayName("our answer line is valid SDP: it parses back to itself")
  void answerLineParses() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos(RFC_OFFER));
    assertEquals(List.of(n.localAttribute()), cryptos(n.localAttribute().attributeValue()));
  }

  @Test
  @DisplayName("lines the SDP parser already refuses: bad base64, no inline key, not inline")
  void refusedByParser() {
    SdpParseException e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80 + " inline:QU=JD"));
    assertEquals(SdpParseException.Reason.BAD_CRYPTO, e.reason());
    assertTrue(e.getMessage().contains("key||salt is not base64"), e.getMessage());
    e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80 + " inline:QUJD!"));
    assertEquals(SdpParseException.Reason.BAD_CRYPTO, e.reason());
    e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80));
    assertEquals(SdpParseException.Reason.BAD_CRYPTO, e.reason());
    assertTrue(e.getMessage().contains("expected '<tag> <suite> <key-params>'"), e.getMessage());
    e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80 + " uri:http://example.com/key"));
    assertTrue(e.getMessage().contains("key method is not inline"), e.getMessage());
    e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80 + " inline:"));
    assertEquals(SdpParseException.Reason.BAD_CRYPTO, e.reason());
    e = assertThrows(SdpParseException.class, () -> cryptos("1 " + CM80 + " inline:QUJD|1:0"));
    assertEquals(SdpParseException.Reason.BAD_CRYPTO, e.reason());
  }

  @Test
  @DisplayName("nothing prints a key; quoted peer text is short and escaped")
  void secretsAndQuoting() throws Exception {
    NegotiatedSdes n = SdesNegotiation.answer(LOCAL_80, cryptos(RFC_OFFER));
    assertEquals("NegotiatedSdes[tag=1, AES_CM_128_HMAC_SHA1_80, remote lifetime=1048576, remote MKI length=32]",
        n.toString());
    assertEquals("'a\\u0027b\\u000a\\u00e9\\u005c'", SdesNegotiation.quote("a'b\n\u00e9\\"));
    assertEquals("'" + "y".repeat(40) + "...'", SdesNegotiation.quote("y".repeat(41)));
    assertEquals("null", SdesNegotiation.quote(null));
    String message = offerError(cryptos("1 F8\u00e9 " + inline(30, 1)));
    assertTrue(message.contains("unknown suite 'F8\\u00e9'"), message);
    assertFalse(message.contains(inline(30, 1).substring(7, 20)), message);
  }
}
