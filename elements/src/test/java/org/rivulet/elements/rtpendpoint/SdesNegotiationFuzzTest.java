package org.rivulet.elements.rtpendpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.SdpParseException;
import org.rivulet.sdp.SdpParser;
import org.rivulet.srtp.SrtpProfile;

/**
 * Fuzzes SDES negotiation with arbitrary {@code a=crypto} values: each input line becomes one
 * {@code a=crypto:} line of an m-line, read by the SDP parser (which may refuse it, with
 * {@link SdpParseException}). Whatever parses goes through {@link SdesNegotiation#answer} and
 * {@link SdesNegotiation#processAnswer} for every suite; they either succeed with a consistent result
 * or fail with a {@link KurentoException} of the right code whose message is bounded and free of
 * control characters. Anything else is a finding.
 *
 * <p>Seeds: {@code src/test/resources/org/rivulet/elements/rtpendpoint/SdesNegotiationFuzzTestInputs/negotiate/}
 * (RFC 4568's examples, every suite, the session parameters). {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SdesNegotiationFuzzTest {

  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      + "m=audio 30000 RTP/SAVP 0\r\n";
  private static final int MAX_MESSAGE = 2000;
  private static final List<SdesConfig> CONFIGS = configs();

  @FuzzTest(maxDuration = "2m")
  @DictionaryEntries({
    // libFuzzer dictionary syntax: \xNN escapes; LF separates a=crypto lines.
    "\\x0A", "1 ", "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
    "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", " inline:", ";inline:", "|2^20", "|2^48",
    "|1:4", "|65536", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk",
    "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA", "==", " KDR=", " KDR=0", " WSH=",
    " WSH=64", " FEC_ORDER=FEC_SRTP", " FEC_ORDER=SRTP_FEC", " FEC_KEY=inline:", " UNENCRYPTED_SRTP",
    " UNENCRYPTED_SRTCP", " UNAUTHENTICATED_SRTP", " -"
  })
  void negotiate(byte[] input) {
    List<Crypto> cryptos;
    try {
      cryptos = parse(input);
    } catch (SdpParseException expected) {
      return;
    }
    for (SdesConfig local : CONFIGS) {
      try {
        checkAnswer(local, cryptos, SdesNegotiation.answer(local, cryptos));
      } catch (KurentoException e) {
        checkError(e, KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR);
      }
      try {
        checkProcessedAnswer(local, cryptos, SdesNegotiation.processAnswer(local, cryptos));
      } catch (KurentoException e) {
        checkError(e, KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR);
      }
    }
  }

  private static List<SdesConfig> configs() {
    List<SdesConfig> out = new ArrayList<>();
    for (SrtpProfile p : SrtpProfile.values()) {
      byte[] key = new byte[SdesConfig.keyAndSaltLength(p)];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) ('A' + i);
      }
      out.add(SdesConfig.of(p, key));
    }
    return out;
  }

  private static List<Crypto> parse(byte[] input) throws SdpParseException {
    String text = new String(input, StandardCharsets.UTF_8);
    StringBuilder sdp = new StringBuilder(HEAD);
    for (String line : text.split("\n", -1)) {
      sdp.append("a=crypto:").append(line).append("\r\n");
    }
    return SdpParser.parse(sdp.toString()).media().get(0).attributes().cryptos();
  }

  private static void checkAnswer(SdesConfig local, List<Crypto> offered, NegotiatedSdes n) {
    checkCommon(local, n);
    Crypto chosen = null;
    for (Crypto c : offered) {
      if (c.tag() == n.tag()) {
        assertEquals(null, chosen, "answered a tag that is not unique");
        chosen = c;
      }
    }
    assertNotNull(chosen, "answered a tag nobody offered");
    assertEquals(local.profile().sdesName(), chosen.suite());
    assertArrayEquals(chosen.keyParams().get(0).keyAndSalt(), concat(n.remoteMasterKey(), n.remoteMasterSalt()));
    assertEquals(local.attribute(n.tag()), n.localAttribute());
    try {
      StringBuilder sdp = new StringBuilder(HEAD).append("a=crypto:").append(n.localAttribute().attributeValue())
          .append("\r\n");
      assertEquals(List.of(n.localAttribute()),
          SdpParser.parse(sdp.toString()).media().get(0).attributes().cryptos());
    } catch (SdpParseException e) {
      throw new AssertionError("our answer line does not parse: " + n.localAttribute().attributeValue(), e);
    }
  }

  private static void checkProcessedAnswer(SdesConfig local, List<Crypto> answered, NegotiatedSdes n) {
    checkCommon(local, n);
    assertEquals(SdesConfig.OFFER_TAG, n.tag());
    assertEquals(local.offerAttribute(), n.localAttribute());
    Crypto line = answered.stream().filter(c -> c.tag() == SdesConfig.OFFER_TAG).findFirst().orElseThrow();
    assertArrayEquals(line.keyParams().get(0).keyAndSalt(), concat(n.remoteMasterKey(), n.remoteMasterSalt()));
  }

  private static void checkCommon(SdesConfig local, NegotiatedSdes n) {
    SrtpProfile p = local.profile();
    assertEquals(p, n.profile());
    assertEquals(p.masterKeyLength(), n.remoteMasterKey().length);
    assertEquals(p.masterSaltLength(), n.remoteMasterSalt().length);
    assertArrayEquals(local.masterKey(), n.localMasterKey());
    assertArrayEquals(local.masterSalt(), n.localMasterSalt());
    long lifetime = n.remoteLifetimePackets();
    assertTrue(lifetime >= SdesNegotiation.MIN_LIFETIME_PACKETS && lifetime <= KeyLifetime.SRTP_MAX_PACKETS,
        "lifetime " + lifetime);
    assertTrue(n.remoteMkiLength() >= 0 && n.remoteMkiLength() <= 128, "MKI length " + n.remoteMkiLength());
    n.windowSizeHint().ifPresent(w -> assertTrue(w >= 64, "WSH " + w));
    KeyLifetime k = new KeyLifetime(MediaType.AUDIO, lifetime);
    assertTrue(k.srtpSoftLimit() < k.srtpLimit() || k.srtpLimit() == 1);
    n.toString();
  }

  private static void checkError(KurentoException e, KurentoError expected) {
    assertEquals(expected, e.error());
    String m = e.getMessage();
    assertNotNull(m);
    assertTrue(m.length() <= MAX_MESSAGE, "message of " + m.length() + " characters");
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f, "unescaped character " + (int) c + " in: " + m);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
