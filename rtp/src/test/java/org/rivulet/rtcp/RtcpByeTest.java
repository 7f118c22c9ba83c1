package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpByeTest {

  static final byte[] BYE_WITH_REASON = hex("""
      82 cb 00 04   # V=2 P=0 SC=2 | PT=203 | length 4 (20 bytes)
      12 34 56 78   # SSRC 1
      9a bc de f0   # SSRC 2
      07 67 6f 6f 64 62 79 65   # reason length 7 | "goodbye"
      """);

  @Test
  @DisplayName("RFC 3550 section 6.6: BYE with two sources and a reason")
  void parsesSourcesAndReason() {
    RtcpBye bye = parseSingle(BYE_WITH_REASON, RtcpBye.class);
    assertEquals(List.of(0x12345678, 0x9abcdef0), bye.ssrcs());
    assertEquals("goodbye", bye.reasonText());
    assertEquals(RtcpBye.of(List.of(0x12345678, 0x9abcdef0), "goodbye"), bye);
    assertArrayEquals(BYE_WITH_REASON, encode(bye));
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("one source, no reason", hex("""
            81 cb 00 01   # SC=1 | PT=203 | length 1
            00 00 00 01   # SSRC
            """), RtcpBye.of(List.of(1), null)),
        Arguments.of("no source at all (valid, if useless)", hex("""
            80 cb 00 00   # SC=0 | PT=203 | length 0
            """), RtcpBye.of(List.of(), null)),
        Arguments.of("empty reason is no reason", hex("""
            81 cb 00 02   # SC=1 | PT=203 | length 2
            00 00 00 01   # SSRC
            00 00 00 00   # reason length 0 | padding
            """), RtcpBye.of(List.of(1), null)),
        Arguments.of("reason filling its word exactly", hex("""
            80 cb 00 01   # SC=0 | PT=203 | length 1
            03 61 62 63   # reason length 3 | "abc"
            """), RtcpBye.of(List.of(), "abc")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesValidByes(String name, byte[] packet, RtcpBye expected) {
    assertEquals(expected, parseSingle(packet, RtcpBye.class), name);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("reason length beyond the packet (PJSIP CVE-2021-43804)", hex("""
            81 cb 00 02   # SC=1 | PT=203 | length 2
            00 00 00 01   # SSRC
            08 61 62 63   # reason length 8, 3 bytes present
            """)),
        Arguments.of("SC=31 in an 8-byte packet", hex("""
            9f cb 00 01   # SC=31 | PT=203 | length 1
            00 00 00 01   # one SSRC
            """)),
        Arguments.of("SC=1 and no SSRC", hex("""
            81 cb 00 00   # SC=1 | PT=203 | length 0
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 74: BYE counts and reason checked against the bytes")
  void dropsMalformedByes(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_BYE, reasonFor(packet), name);
  }

  @Test
  void roundTripsEveryReasonLength() {
    for (int length = 0; length <= 255; length += 17) {
      byte[] reason = new byte[length];
      Arrays.fill(reason, (byte) 0xff);
      assertRoundTrip(new RtcpBye(Collections.nCopies(length % 32, 5), reason));
    }
    assertRoundTrip(new RtcpBye(Collections.nCopies(RtcpBye.MAX_SSRCS, -1), new byte[255]));
  }

  @Test
  void keepsItsReasonImmutable() {
    byte[] reason = hex("61 62");
    RtcpBye bye = new RtcpBye(List.of(1), reason);
    reason[0] = 0;
    bye.reason()[1] = 0;
    assertEquals("ab", bye.reasonText());
    assertNull(new RtcpBye(List.of(1), new byte[0]).reason());
    assertEquals("RtcpBye[ssrcs=[1], reason=ab]", bye.toString());
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpBye(Collections.nCopies(32, 1), null));
    assertThrows(IllegalArgumentException.class, () -> new RtcpBye(List.of(), new byte[256]));
  }
}
