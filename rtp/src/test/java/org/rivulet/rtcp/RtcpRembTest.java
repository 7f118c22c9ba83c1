package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpRembTest {

  static final byte[] REMB = hex("""
      8f ce 00 06   # V=2 P=0 FMT=15 | PT=206 | length 6 (28 bytes)
      00 00 00 01   # SSRC of packet sender
      00 00 00 00   # SSRC of media source: 0
      52 45 4d 42   # unique identifier 'R' 'E' 'M' 'B'
      02 0b d0 90   # Num SSRC 2 | BR Exp 2 | BR Mantissa 250000 (0x3d090)
      12 34 56 78   # SSRC feedback 1
      9a bc de f0   # SSRC feedback 2
      """);

  @Test
  @DisplayName("draft-alvestrand-rmcat-remb-03 section 2.2: 1 Mbit/s for two SSRCs")
  void parsesTheBitrateAndSsrcs() {
    RtcpRemb remb = parseSingle(REMB, RtcpRemb.class);
    assertEquals(2, remb.exponent());
    assertEquals(250_000, remb.mantissa());
    assertEquals(1_000_000, remb.bitrate());
    assertEquals(List.of(0x12345678, 0x9abcdef0), remb.ssrcs());
    assertEquals(RtcpRemb.of(1, 1_000_000, List.of(0x12345678, 0x9abcdef0)), remb);
    assertArrayEquals(REMB, encode(remb));
  }

  static Stream<Arguments> bitrates() {
    return Stream.of(
        Arguments.of("zero", 0L, 0, 0, 0L),
        Arguments.of("fits the mantissa exactly", 262_143L, 0, 262_143, 262_143L),
        Arguments.of("one past the mantissa", 262_144L, 1, 131_072, 262_144L),
        Arguments.of("rounded down to 18 significant bits", 1_000_001L, 2, 250_000, 1_000_000L),
        Arguments.of("30 Mbit/s", 30_000_000L, 7, 234_375, 30_000_000L),
        Arguments.of("largest long", Long.MAX_VALUE, 45, 262_143, 262_143L << 45));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bitrates")
  void encodesBitratesAsExponentAndMantissa(String name, long bitrate, int exponent, int mantissa,
      long expressed) {
    RtcpRemb remb = RtcpRemb.of(1, bitrate, List.of(2));
    assertEquals(exponent, remb.exponent(), name);
    assertEquals(mantissa, remb.mantissa(), name);
    assertEquals(expressed, remb.bitrate(), name);
    assertRoundTrip(remb);
  }

  @Test
  @DisplayName("RELIABILITY.md B7 item 76: exponent 63 saturates instead of overflowing")
  void saturatesHugeBitrates() {
    RtcpRemb remb = parseSingle(hex("""
        8f ce 00 04   # FMT=15 | PT=206 | length 4 (20 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 00   # SSRC of media source
        52 45 4d 42   # 'REMB'
        00 ff ff ff   # Num SSRC 0 | BR Exp 63 | BR Mantissa 2^18-1
        """), RtcpRemb.class);
    assertEquals(63, remb.exponent());
    assertEquals(Long.MAX_VALUE, remb.bitrate());
    assertEquals(Long.MAX_VALUE, new RtcpRemb(1, 0, 46, 1 << 17, List.of()).bitrate());
    assertEquals(1L << 62, new RtcpRemb(1, 0, 45, 1 << 17, List.of()).bitrate());
    assertEquals(0, new RtcpRemb(1, 0, 63, 0, List.of()).bitrate());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("Num SSRC 255 in a 20-byte packet", hex("""
            8f ce 00 04   # FMT=15 | PT=206 | length 4 (20 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 00   # SSRC of media source
            52 45 4d 42   # 'REMB'
            ff 0b d0 90   # Num SSRC 255, and no SSRC follows
            """)),
        Arguments.of("identifier without the bitrate word", hex("""
            8f ce 00 03   # FMT=15 | PT=206 | length 3 (16 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 00   # SSRC of media source
            52 45 4d 42   # 'REMB', then nothing
            """)),
        Arguments.of("one SSRC short", hex("""
            8f ce 00 05   # FMT=15 | PT=206 | length 5 (24 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 00   # SSRC of media source
            52 45 4d 42   # 'REMB'
            02 0b d0 90   # Num SSRC 2
            12 34 56 78   # only one SSRC
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 76: Num SSRC checked against the bytes")
  void dropsMalformedRembs(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_REMB, reasonFor(packet), name);
  }

  @Test
  void keepsOtherApplicationFeedbackRaw() {
    byte[] afb = hex("""
        8f ce 00 03   # FMT=15 | PT=206 | length 3
        00 00 00 01   # SSRC of packet sender
        00 00 00 00   # SSRC of media source
        41 42 43 44   # another application's identifier 'ABCD'
        """);
    ByteBuf buf = pooled(afb);
    try {
      RtcpCompound compound = RtcpCompound.parse(buf);
      assertNotNull(compound);
      assertInstanceOf(RtcpUnknown.class, compound.packets().get(0));
    } finally {
      buf.release();
    }
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpRemb(1, 0, 64, 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new RtcpRemb(1, 0, 0, 1 << 18, List.of()));
    assertThrows(IllegalArgumentException.class, () -> RtcpRemb.of(1, -1, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> RtcpRemb.of(1, 1, Collections.nCopies(RtcpRemb.MAX_SSRCS + 1, 1)));
    assertRoundTrip(RtcpRemb.of(1, 1, Collections.nCopies(RtcpRemb.MAX_SSRCS, 1)));
  }
}
