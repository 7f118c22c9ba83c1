package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpPliTest {

  static final byte[] PLI = hex("""
      81 ce 00 02   # V=2 P=0 FMT=1 | PT=206 | length 2 (12 bytes)
      00 00 00 01   # SSRC of packet sender
      12 34 56 78   # SSRC of media source
      """);

  static Stream<Arguments> packets() {
    return Stream.of(
        Arguments.of("valid", PLI, new RtcpPli(1, 0x12345678)),
        Arguments.of("longer than the RFC says, extra bytes ignored", hex("""
            81 ce 00 03   # FMT=1 | PT=206 | length 3 (16 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            ee ee ee ee   # unexpected FCI
            """), new RtcpPli(1, 2)),
        Arguments.of("packet too short", hex("""
            81 ce 00 01   # FMT=1 | PT=206 | length 1 (8 bytes)
            00 00 00 01   # SSRC of packet sender, no media source
            """), null),
        Arguments.of("SSRCs eaten by padding", hex("""
            a1 ce 00 02   # P=1 FMT=1 | PT=206 | length 2
            00 00 00 01   # SSRC of packet sender
            00 00 00 08   # really padding, count 8
            """), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  @DisplayName("RFC 4585 section 6.3.1: Picture Loss Indication")
  void parsesPictureLossIndications(String name, byte[] packet, RtcpPli expected) {
    if (expected == null) {
      assertEquals(RtcpDropReason.BAD_PLI, reasonFor(packet), name);
    } else {
      assertEquals(expected, parseSingle(packet, RtcpPli.class), name);
    }
  }

  @Test
  void writesTheSameBytes() {
    assertArrayEquals(PLI, encode(new RtcpPli(1, 0x12345678)));
    assertRoundTrip(new RtcpPli(-1, 0));
  }
}
