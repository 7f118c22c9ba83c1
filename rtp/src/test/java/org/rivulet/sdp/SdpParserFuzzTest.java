package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes {@link SdpParser} (RELIABILITY.md 3.1, as pion/sdp's FuzzUnmarshal): any input either parses or
 * fails with {@link SdpParseException}; whatever parses is written, and the text read back must give an
 * equal model and the same text. Every typed accessor and the codec helpers run on the result too, as
 * mediasoup's fuzzers call every getter.
 *
 * <p>Seeds: {@code src/test/resources/org/rivulet/sdp/SdpParserFuzzTestInputs/parseWriteParse/} (the
 * fixtures and the smallest valid description). {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SdpParserFuzzTest {

  @FuzzTest(maxDuration = "2m")
  @DictionaryEntries({
    // libFuzzer dictionary syntax: \xNN escapes; CR LF is the line end.
    "\\x0D\\x0A", "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0", "c=IN IP4 ", "b=AS:", "m=audio 9 ", "m=video 9 ",
    "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "UDP/TLS/RTP/SAVPF", "RTP/AVP", "a=rtpmap:", "a=fmtp:",
    "a=rtcp-fb:", "a=extmap:", "a=ssrc:", "a=ssrc-group:FID ", "a=msid:", "a=msid-semantic: WMS", "a=group:BUNDLE ",
    "a=mid:", "a=ice-ufrag:", "a=ice-pwd:", "a=ice-options:trickle", "a=fingerprint:sha-256 ", "a=setup:actpass",
    "a=candidate:", " typ host", " raddr ", " rport ", " tcptype ", " generation ", "a=end-of-candidates",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:", "|2^20|1:4", "a=rtcp:9 IN IP4 0.0.0.0", "a=rtcp-mux",
    "a=sctp-port:", "a=max-message-size:", "a=sendrecv", "/90000", "/48000/2", "apt=", "profile-level-id=42e01f"
  })
  void parseWriteParse(byte[] input) {
    SessionDescription first;
    try {
      first = SdpParser.parse(input);
    } catch (SdpParseException expected) {
      return;
    }
    String written = SdpWriter.write(first);
    SessionDescription second;
    try {
      second = SdpParser.parse(written);
    } catch (SdpParseException e) {
      throw new AssertionError("written SDP does not parse back: " + e.getMessage() + "\n" + written, e);
    }
    assertEquals(first, second);
    assertEquals(written, SdpWriter.write(second));
    useEverything(second);
  }

  /** Calls the accessors and helpers that interpret values, so their bugs surface as findings. */
  private static void useEverything(SessionDescription sdp) {
    touch(sdp.attributes());
    for (MediaDescription m : sdp.media()) {
      touch(m.attributes());
      touch(sdp.effective(m));
      sdp.direction(m);
      m.payloadTypes();
      m.isRejected();
      List<Codec> codecs = m.codecs();
      for (Codec c : codecs) {
        c.parameterMap();
        c.associatedPayloadType();
        c.attributes();
        c.findMatch(codecs);
      }
      CodecNegotiation.answer(codecs, codecs);
    }
  }

  private static void touch(AttributeList a) {
    a.mid();
    a.bundleGroup();
    a.iceOptions();
    a.ssrcIds();
    a.sctpPort();
    a.maxMessageSize();
    for (Fingerprint f : a.fingerprints()) {
      f.bytes();
    }
    for (Fmtp f : a.fmtps()) {
      f.parameterMap();
      f.payloadType();
    }
    for (Candidate c : a.candidates()) {
      try {
        assertEquals(c, Candidate.parse(c.toIceCandidateString()));
      } catch (SdpParseException e) {
        throw new AssertionError("candidate does not parse back: " + c, e);
      }
    }
    for (Crypto c : a.cryptos()) {
      for (CryptoKeyParam k : c.keyParams()) {
        k.keyAndSalt();
        k.lifetimePackets();
      }
    }
  }
}
