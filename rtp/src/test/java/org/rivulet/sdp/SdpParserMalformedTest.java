package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.sdp.SdpParseException.Reason;

/** Named malformed descriptions, each rejected with an exact reason and line (RELIABILITY.md B9). */
class SdpParserMalformedTest {

  /** Lines 1 to 4 of every case; the line under test is line 5 unless the case says otherwise. */
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
  private static final String AUDIO = "m=audio 9 RTP/AVP 0\r\n";

  private static Arguments bad(String name, String sdp, Reason reason, int line) {
    return Arguments.of(name, sdp, reason, line);
  }

  /** A case whose one line under test follows HEAD, so it is line 5. */
  private static Arguments session(String name, String line, Reason reason) {
    return bad(name, HEAD + line + "\r\n", reason, 5);
  }

  /** A case whose line under test follows HEAD and an audio m= line, so it is line 6. */
  private static Arguments media(String name, String line, Reason reason) {
    return bad(name, HEAD + AUDIO + line + "\r\n", reason, 6);
  }

  /** A case of two lines after HEAD and an audio m= line, the second rejected, so it is line 7. */
  private static Arguments media2(String name, String first, String second, Reason reason) {
    return bad(name, HEAD + AUDIO + first + "\r\n" + second + "\r\n", reason, 7);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // document structure
        bad("empty string", "", Reason.EMPTY, 0),
        bad("only line ends", "\r\n\n\r\n", Reason.EMPTY, 0),
        bad("first line is o=", "o=- 1 1 IN IP4 0.0.0.0\r\nv=0\r\n", Reason.MISSING_VERSION, 1),
        bad("first line is text", "hello\r\n", Reason.MISSING_VERSION, 1),
        bad("version 1", "v=1\r\n", Reason.BAD_VERSION, 1),
        bad("version with junk", "v=0x\r\n", Reason.BAD_VERSION, 1),
        bad("no origin", "v=0\r\ns=-\r\nt=0 0\r\n", Reason.MISSING_ORIGIN, 0),
        bad("no session name", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\n", Reason.MISSING_SESSION_NAME, 0),
        bad("no timing", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", Reason.MISSING_TIMING, 0),
        session("unknown line type x", "x=anything", Reason.UNKNOWN_LINE_TYPE),
        session("upper-case line type", "A=rtcp-mux", Reason.MALFORMED_LINE),
        session("line without equals sign", "a", Reason.MALFORMED_LINE),
        session("space before equals sign", "a =rtcp-mux", Reason.MALFORMED_LINE),
        session("second v= line", "v=0", Reason.DUPLICATE_LINE),
        session("second o= line", "o=- 2 2 IN IP4 0.0.0.0", Reason.DUPLICATE_LINE),
        session("second s= line", "s=again", Reason.DUPLICATE_LINE),
        bad("second session c= line", HEAD + "c=IN IP4 0.0.0.0\r\nc=IN IP4 0.0.0.0\r\n", Reason.DUPLICATE_LINE, 6),
        bad("r= before t=", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nr=7d 1h 0\r\n", Reason.MISPLACED_LINE, 4),
        media("t= inside a media section", "t=0 0", Reason.MISPLACED_LINE),
        media("o= inside a media section", "o=- 1 1 IN IP4 0.0.0.0", Reason.MISPLACED_LINE),
        media2("second i= in a media section", "i=a", "i=b", Reason.DUPLICATE_LINE),
        bad("o= with five fields", "v=0\r\no=- 1 IN IP4 0.0.0.0\r\n", Reason.BAD_ORIGIN, 2),
        session("c= with two fields", "c=IN 0.0.0.0", Reason.BAD_CONNECTION),
        session("b= without colon", "b=AS500", Reason.BAD_BANDWIDTH),
        session("b= with negative value", "b=AS:-1", Reason.BAD_BANDWIDTH),
        session("b= overflowing a long", "b=AS:99999999999999999999", Reason.BAD_BANDWIDTH),
        session("b= with a bad type", "b=A S:1", Reason.BAD_BANDWIDTH),
        session("t= with one field", "t=0", Reason.BAD_TIMING),
        session("r= with two fields", "r=7d 1h", Reason.BAD_TIMING),
        // control characters and limits
        session("NUL inside a line (PJSIP #2092)", "a=fmtp\0:101 0-15", Reason.CONTROL_CHARACTER),
        session("CR inside a line", "a=x\ry", Reason.CONTROL_CHARACTER),
        bad("CR-only line ends", "v=0\ro=- 1 1 IN IP4 0.0.0.0\rs=-\rt=0 0\r", Reason.CONTROL_CHARACTER, 1),
        session("line of 4097 characters", "a=x:" + "y".repeat(4093), Reason.LINE_TOO_LONG),
        bad("1001 lines in one media section",
            HEAD + AUDIO + "a=x\r\n".repeat(SdpParser.MAX_LINES_PER_SECTION), Reason.TOO_MANY_LINES,
            5 + SdpParser.MAX_LINES_PER_SECTION),
        bad("1001 lines in the session part", HEAD + "a=x\r\n".repeat(SdpParser.MAX_LINES_PER_SECTION - 3),
            Reason.TOO_MANY_LINES, SdpParser.MAX_LINES_PER_SECTION + 1),
        bad("65 media sections", HEAD + AUDIO.repeat(SdpParser.MAX_MEDIA + 1), Reason.TOO_MANY_MEDIA,
            5 + SdpParser.MAX_MEDIA),
        // m= line (RELIABILITY.md B9 92)
        session("m= with two fields", "m=audio 9", Reason.BAD_MEDIA_LINE),
        session("m= with a bad media type", "m=au(dio 9 RTP/AVP 0", Reason.BAD_MEDIA_LINE),
        session("m= port 65536", "m=audio 65536 RTP/AVP 0", Reason.BAD_MEDIA_PORT),
        session("m= negative port", "m=audio -1 RTP/AVP 0", Reason.BAD_MEDIA_PORT),
        session("m= port not a number", "m=audio nine RTP/AVP 0", Reason.BAD_MEDIA_PORT),
        session("m= number of ports 0", "m=audio 9/0 RTP/AVP 0", Reason.BAD_MEDIA_PORT),
        session("m= protocol with empty element", "m=audio 9 RTP//AVP 0", Reason.BAD_MEDIA_PROTO),
        session("m= protocol ending in slash", "m=audio 9 RTP/AVP/ 0", Reason.BAD_MEDIA_PROTO),
        session("m= protocol with a separator", "m=audio 9 RTP/A:VP 0", Reason.BAD_MEDIA_PROTO),
        session("m= without formats", "m=audio 9 RTP/AVP", Reason.BAD_MEDIA_FORMAT),
        session("m= payload type 128", "m=audio 9 RTP/AVP 0 128", Reason.BAD_MEDIA_FORMAT),
        session("m= payload type 4294967296 (PJSIP #2093)", "m=audio 17000 RTP/AVP 4294967296",
            Reason.BAD_MEDIA_FORMAT),
        session("m= payload type not a number", "m=audio 9 RTP/AVP PCMU", Reason.BAD_MEDIA_FORMAT),
        session("m= payload type listed twice", "m=audio 9 RTP/AVP 0 8 00", Reason.BAD_MEDIA_FORMAT),
        session("m= data format listed twice", "m=application 9 UDP/DTLS/SCTP a a", Reason.BAD_MEDIA_FORMAT),
        // attributes in general (RELIABILITY.md B9 90)
        session("attribute name with a space", "a=rtcp mux", Reason.BAD_ATTRIBUTE),
        session("empty attribute", "a=", Reason.BAD_ATTRIBUTE),
        media("mid without value (Janus PR 2214)", "a=mid", Reason.MISSING_ATTRIBUTE_VALUE),
        media("mid with empty value", "a=mid:", Reason.MISSING_ATTRIBUTE_VALUE),
        media("rtpmap without value", "a=rtpmap", Reason.MISSING_ATTRIBUTE_VALUE),
        media("fmtp with blank value", "a=fmtp:  ", Reason.MISSING_ATTRIBUTE_VALUE),
        media("ssrc without value", "a=ssrc", Reason.MISSING_ATTRIBUTE_VALUE),
        media("rtcp-mux with a value", "a=rtcp-mux:yes", Reason.UNEXPECTED_ATTRIBUTE_VALUE),
        media("sendrecv with a value", "a=sendrecv:1", Reason.UNEXPECTED_ATTRIBUTE_VALUE),
        media2("two directions", "a=sendonly", "a=recvonly", Reason.DUPLICATE_ATTRIBUTE),
        media2("two setup lines", "a=setup:active", "a=setup:passive", Reason.DUPLICATE_ATTRIBUTE),
        media2("two ice-ufrag lines", "a=ice-ufrag:abcd", "a=ice-ufrag:efgh", Reason.DUPLICATE_ATTRIBUTE),
        // mid and group (RELIABILITY.md B9 95)
        bad("duplicate mid across sections", HEAD + AUDIO + "a=mid:0\r\n" + AUDIO + "a=mid:0\r\n",
            Reason.DUPLICATE_MID, 8),
        media2("two mids in one section", "a=mid:0", "a=mid:1", Reason.DUPLICATE_MID),
        media("mid with two tokens", "a=mid:0 1", Reason.BAD_MID),
        media("mid with a separator", "a=mid:a/b", Reason.BAD_MID),
        bad("BUNDLE names an absent mid", HEAD + "a=group:BUNDLE 0 1\r\n" + AUDIO + "a=mid:0\r\n",
            Reason.UNKNOWN_GROUP_MID, 5),
        session("group with a bad mid token", "a=group:BUNDLE a,b", Reason.BAD_GROUP),
        // rtpmap
        media("rtpmap payload type 128", "a=rtpmap:128 PCMU/8000", Reason.BAD_RTPMAP_PAYLOAD_TYPE),
        media("rtpmap payload type negative", "a=rtpmap:-1 PCMU/8000", Reason.BAD_RTPMAP_PAYLOAD_TYPE),
        media("rtpmap payload type 2^32", "a=rtpmap:4294967296 PCMU/8000", Reason.BAD_RTPMAP_PAYLOAD_TYPE),
        media("rtpmap clock rate 0", "a=rtpmap:96 VP8/0", Reason.BAD_RTPMAP_CLOCK_RATE),
        media("rtpmap clock rate missing", "a=rtpmap:96 VP8", Reason.BAD_RTPMAP_CLOCK_RATE),
        media("rtpmap clock rate empty", "a=rtpmap:96 VP8/", Reason.BAD_RTPMAP_CLOCK_RATE),
        media("rtpmap clock rate not a number", "a=rtpmap:96 VP8/90k", Reason.BAD_RTPMAP_CLOCK_RATE),
        media("rtpmap clock rate overflowing int", "a=rtpmap:96 VP8/4294967296", Reason.BAD_RTPMAP_CLOCK_RATE),
        media("rtpmap without encoding name", "a=rtpmap:96 /90000", Reason.BAD_RTPMAP),
        media("rtpmap with 0 channels", "a=rtpmap:111 opus/48000/0", Reason.BAD_RTPMAP),
        media("rtpmap with four parts", "a=rtpmap:111 opus/48000/2/1", Reason.BAD_RTPMAP),
        media("rtpmap with trailing field", "a=rtpmap:111 opus/48000/2 x", Reason.BAD_RTPMAP),
        media2("rtpmap twice for one payload type", "a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMA/8000",
            Reason.DUPLICATE_RTPMAP),
        // other typed attributes
        media("rtcp-fb without type", "a=rtcp-fb:96", Reason.BAD_RTCP_FB),
        media("rtcp-fb payload type 300", "a=rtcp-fb:300 nack", Reason.BAD_RTCP_FB),
        media("extmap id 0 (RELIABILITY.md B9 96)", "a=extmap:0 urn:x", Reason.BAD_EXTMAP),
        media("extmap id 256", "a=extmap:256 urn:x", Reason.BAD_EXTMAP),
        media("extmap without URI", "a=extmap:1", Reason.BAD_EXTMAP),
        media("extmap with a bad direction", "a=extmap:1/both urn:x", Reason.BAD_EXTMAP),
        media2("extmap id twice", "a=extmap:1 urn:x", "a=extmap:1 urn:y", Reason.DUPLICATE_EXTMAP_ID),
        media("ssrc 2^32", "a=ssrc:4294967296 cname:x", Reason.BAD_SSRC),
        media("ssrc without attribute", "a=ssrc:1234", Reason.BAD_SSRC),
        media("ssrc attribute not a token", "a=ssrc:1234 c/name:x", Reason.BAD_SSRC),
        media("ssrc-group FID with one ssrc (RELIABILITY.md B9 97)", "a=ssrc-group:FID 1", Reason.BAD_SSRC_GROUP),
        media("ssrc-group with a bad ssrc", "a=ssrc-group:SIM 1 x", Reason.BAD_SSRC_GROUP),
        media("msid with three fields", "a=msid:a b c", Reason.BAD_MSID),
        media("ice-ufrag of 3 characters", "a=ice-ufrag:abc", Reason.BAD_ICE_UFRAG),
        media("ice-ufrag with a bad character", "a=ice-ufrag:ab-cd", Reason.BAD_ICE_UFRAG),
        media("ice-pwd of 21 characters (RELIABILITY.md B9 94)", "a=ice-pwd:" + "p".repeat(21), Reason.BAD_ICE_PWD),
        media("fingerprint without value", "a=fingerprint:sha-256", Reason.BAD_FINGERPRINT),
        media("fingerprint with odd hex", "a=fingerprint:sha-256 AB:C", Reason.BAD_FINGERPRINT),
        media("fingerprint with non-hex", "a=fingerprint:sha-256 AB:CG", Reason.BAD_FINGERPRINT),
        media("setup with an unknown role", "a=setup:both", Reason.BAD_SETUP),
        media("candidate missing typ", "a=candidate:1 1 udp 1 10.0.0.1 5000 host", Reason.BAD_CANDIDATE),
        media("crypto with a bad key", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:not*base64", Reason.BAD_CRYPTO),
        media("rtcp port 70000", "a=rtcp:70000", Reason.BAD_RTCP),
        media("rtcp with two address fields", "a=rtcp:9 IN IP4", Reason.BAD_RTCP),
        media("sctp-port 65536", "a=sctp-port:65536", Reason.BAD_SCTP_PORT),
        media("max-message-size negative", "a=max-message-size:-1", Reason.BAD_MAX_MESSAGE_SIZE),
        session("msid-semantic blank after colon", "a=msid-semantic: ", Reason.MISSING_ATTRIBUTE_VALUE),
        session("ice-options of spaces", "a=ice-options:   ", Reason.MISSING_ATTRIBUTE_VALUE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejected(String name, String sdp, Reason reason, int line) {
    SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    // The same through the byte entry point.
    SdpParseException fromBytes =
        assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp.getBytes(StandardCharsets.UTF_8)));
    assertEquals(reason, fromBytes.reason());
  }

  @Test
  @DisplayName("more than 256 KiB is rejected before parsing, as bytes and as text")
  void tooLarge() {
    String big = HEAD + ("a=x:" + "y".repeat(1000) + "\r\n").repeat(262);
    assertTrue(big.length() > SdpParser.MAX_SIZE);
    assertEquals(Reason.TOO_LARGE, assertThrows(SdpParseException.class, () -> SdpParser.parse(big)).reason());
    assertEquals(Reason.TOO_LARGE,
        assertThrows(SdpParseException.class, () -> SdpParser.parse(big.getBytes(StandardCharsets.UTF_8))).reason());
    // 100k three-byte characters: fewer chars than the limit, more UTF-8 bytes.
    String wide = HEAD + "i=" + "\u4f1a".repeat(100_000) + "\r\n";
    assertTrue(wide.length() < SdpParser.MAX_SIZE);
    assertEquals(Reason.TOO_LARGE, assertThrows(SdpParseException.class, () -> SdpParser.parse(wide)).reason());
  }

  @Test
  @DisplayName("a 20 000-line description (RELIABILITY.md B9 89) stops at the section line cap")
  void manyLines() {
    String sdp = HEAD + "a=x\n".repeat(20_000);
    SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
    assertEquals(Reason.TOO_MANY_LINES, e.reason());
  }

  @Test
  @DisplayName("invalid UTF-8 names the line it is on")
  void invalidUtf8() {
    byte[] head = HEAD.getBytes(StandardCharsets.UTF_8);
    byte[] sdp = new byte[head.length + 6];
    System.arraycopy(head, 0, sdp, 0, head.length);
    byte[] tail = {'i', '=', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
    System.arraycopy(tail, 0, sdp, head.length, tail.length);
    SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
    assertEquals(Reason.INVALID_UTF8, e.reason());
    assertEquals(5, e.line());
  }

  @Test
  @DisplayName("the message names line and reason and escapes control characters")
  void message() {
    SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(HEAD + "z\u0001=1\r\n"));
    assertEquals(Reason.MALFORMED_LINE, e.reason());
    assertTrue(e.getMessage().startsWith("line 5: malformed line"), e.getMessage());
    assertTrue(e.getMessage().contains("\\x01"), e.getMessage());
    assertFalse(e.getMessage().contains("\u0001"));
    assertTrue(e.getMessage().endsWith("(MALFORMED_LINE)"));
  }

  @Test
  @DisplayName("a long bad value is cut short in the message")
  void messageIsBounded() {
    SdpParseException e =
        assertThrows(SdpParseException.class, () -> SdpParser.parse(HEAD + "a=setup:" + "x".repeat(3000) + "\r\n"));
    assertEquals(Reason.BAD_SETUP, e.reason());
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }
}
