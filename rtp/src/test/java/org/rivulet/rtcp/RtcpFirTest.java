package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpFirTest {

  static final byte[] FIR = hex("""
      84 ce 00 04   # V=2 P=0 FMT=4 | PT=206 | length 4 (20 bytes)
      00 00 00 01   # SSRC of packet sender
      00 00 00 00   # SSRC of media source: unused, 0
      12 34 56 78   # FCI: SSRC of the media sender
      2a 00 00 00   # command sequence number 42 | reserved
      """);

  @Test
  @DisplayName("RFC 5104 section 4.3.1: Full Intra Request")
  void parsesAFullIntraRequest() {
    RtcpFir fir = parseSingle(FIR, RtcpFir.class);
    assertEquals(RtcpFir.of(1, 0x12345678, 42), fir);
    assertEquals(List.of(new RtcpFir.Entry(0x12345678, 42)), fir.entries());
    assertArrayEquals(FIR, encode(fir));
  }

  @Test
  void readsEveryEntryAndIgnoresTheReservedBytes() {
    RtcpFir fir = parseSingle(hex("""
        84 ce 00 06   # FMT=4 | PT=206 | length 6 (28 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 00   # unused
        00 00 00 0a   # FCI 1: SSRC 10
        01 ff ff ff   # seq 1 | reserved bits set anyway
        00 00 00 0b   # FCI 2: SSRC 11
        ff 00 00 00   # seq 255
        """), RtcpFir.class);
    assertEquals(List.of(new RtcpFir.Entry(10, 1), new RtcpFir.Entry(11, 255)), fir.entries());
  }

  static Stream<Arguments> malformed() {
    StringBuilder tooMany = new StringBuilder("84 ce 02 04  00 00 00 01  00 00 00 00");
    tooMany.append("  00 00 00 01  00 00 00 00".repeat(RtcpFir.MAX_ENTRIES + 1));
    return Stream.of(
        Arguments.of("no FCI entry", hex("""
            84 ce 00 02   # FMT=4 | PT=206 | length 2
            00 00 00 01   # SSRC of packet sender
            00 00 00 00   # unused, and no FCI
            """)),
        Arguments.of("half an FCI entry", hex("""
            84 ce 00 03   # FMT=4 | PT=206 | length 3
            00 00 00 01   # SSRC of packet sender
            00 00 00 00   # unused
            00 00 00 0a   # FCI SSRC, without its sequence number word
            """)),
        Arguments.of("257 FCI entries", hex(tooMany.toString())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void dropsMalformedRequests(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_FIR, reasonFor(packet), name);
  }

  @Test
  void roundTripsManyEntries() {
    assertRoundTrip(new RtcpFir(5, 6,
        Collections.nCopies(RtcpFir.MAX_ENTRIES, new RtcpFir.Entry(-1, 255))));
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpFir(1, 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new RtcpFir.Entry(1, 256));
    assertThrows(IllegalArgumentException.class, () -> new RtcpFir(1, 0,
        Collections.nCopies(RtcpFir.MAX_ENTRIES + 1, new RtcpFir.Entry(1, 1))));
  }
}
