package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class RtcpNackTest {

  static final byte[] NACK = hex("""
      81 cd 00 03   # V=2 P=0 FMT=1 | PT=205 | length 3 (16 bytes)
      00 00 00 01   # SSRC of packet sender
      12 34 56 78   # SSRC of media source
      00 64 80 05   # PID 100 | BLP 0x8005: bits 0, 2 and 15
      """);

  @Test
  @DisplayName("RFC 4585 section 6.2.1: PID and BLP expand into lost sequence numbers")
  void parsesAndExpands() {
    RtcpNack nack = parseSingle(NACK, RtcpNack.class);
    assertEquals(new RtcpNack(1, 0x12345678, List.of(new RtcpNack.Item(100, 0x8005))), nack);
    assertArrayEquals(new int[] {100, 101, 103, 116}, nack.lostSequenceNumbers());
    assertArrayEquals(NACK, encode(nack));
  }

  @Test
  void expandsAcrossTheSequenceNumberWrap() {
    RtcpNack nack = parseSingle(hex("""
        81 cd 00 04   # FMT=1 | PT=205 | length 4 (20 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        ff ff 00 03   # PID 65535 | BLP bits 0, 1: 0 and 1
        ff ff 00 00   # the same PID again, no BLP
        """), RtcpNack.class);
    assertArrayEquals(new int[] {65535, 0, 1, 65535}, nack.lostSequenceNumbers());
  }

  @Test
  void ignoresBytesAfterTheLastWholeEntry() {
    RtcpNack nack = parseSingle(hex("""
        a1 cd 00 04   # P=1 FMT=1 | PT=205 | length 4 (20 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        00 0a 00 00   # PID 10
        ee ee 00 02   # two bytes of data, then RTCP padding, count 2
        """), RtcpNack.class);
    assertEquals(List.of(new RtcpNack.Item(10, 0)), nack.items());
  }

  static Stream<Arguments> compressions() {
    return Stream.of(
        Arguments.of("one number", new int[] {7}, List.of(new RtcpNack.Item(7, 0))),
        Arguments.of("seventeen in a row fit one entry", range(1000, 17),
            List.of(new RtcpNack.Item(1000, 0xffff))),
        Arguments.of("eighteen in a row need two", range(1000, 18),
            List.of(new RtcpNack.Item(1000, 0xffff), new RtcpNack.Item(1017, 0))),
        Arguments.of("gaps inside the bitmask", new int[] {5, 7, 21},
            List.of(new RtcpNack.Item(5, 0x8002))),
        Arguments.of("across the wrap", new int[] {65534, 65535, 0, 3},
            List.of(new RtcpNack.Item(65534, 0x0013))),
        Arguments.of("repeats collapse", new int[] {9, 9, 10, 10},
            List.of(new RtcpNack.Item(9, 0x0001))),
        Arguments.of("out of order starts a new entry", new int[] {50, 40},
            List.of(new RtcpNack.Item(50, 0), new RtcpNack.Item(40, 0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressions")
  void packsLostNumbersIntoEntries(String name, int[] lost, List<RtcpNack.Item> expected) {
    RtcpNack nack = RtcpNack.of(1, 2, lost);
    assertEquals(expected, nack.items(), name);
    assertEquals(Arrays.stream(lost).distinct().count(),
        Arrays.stream(nack.lostSequenceNumbers()).distinct().count());
    assertRoundTrip(nack);
  }

  static Stream<Arguments> malformed() {
    StringBuilder tooMany = new StringBuilder("81 cd 02 03  00 00 00 01  00 00 00 02");
    tooMany.append("  00 01 00 00".repeat(RtcpNack.MAX_ITEMS + 1));
    return Stream.of(
        Arguments.of("no FCI entry", hex("""
            81 cd 00 02   # FMT=1 | PT=205 | length 2 (12 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source, and no FCI
            """)),
        Arguments.of("half an FCI entry", hex("""
            a1 cd 00 03   # P=1 FMT=1 | PT=205 | length 3 (16 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 0a 00 02   # PID 10, then RTCP padding, count 2
            """)),
        Arguments.of("no media source SSRC", hex("""
            81 cd 00 01   # FMT=1 | PT=205 | length 1
            00 00 00 01   # SSRC of packet sender
            """)),
        Arguments.of("513 FCI entries", hex(tooMany.toString())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 77: NACK with no entry or too many is dropped")
  void dropsMalformedNacks(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_NACK, reasonFor(packet), name);
  }

  @Test
  void acceptsTheMaximumNumberOfEntries() {
    RtcpNack nack = new RtcpNack(1, 2,
        Collections.nCopies(RtcpNack.MAX_ITEMS, new RtcpNack.Item(3, 0xffff)));
    assertRoundTrip(nack);
    assertEquals(17 * RtcpNack.MAX_ITEMS, nack.lostSequenceNumbers().length);
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpNack(1, 2, List.of()));
    assertThrows(IllegalArgumentException.class, () -> RtcpNack.of(1, 2));
    assertThrows(IllegalArgumentException.class, () -> RtcpNack.of(1, 2, 65536));
    assertThrows(IllegalArgumentException.class, () -> new RtcpNack.Item(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new RtcpNack.Item(0, 0x10000));
    int[] spread = new int[RtcpNack.MAX_ITEMS + 1];
    for (int i = 0; i < spread.length; i++) {
      spread[i] = i * 20;
    }
    assertThrows(IllegalArgumentException.class, () -> RtcpNack.of(1, 2, spread));
  }

  private static int[] range(int first, int count) {
    int[] numbers = new int[count];
    for (int i = 0; i < count; i++) {
      numbers[i] = first + i;
    }
    return numbers;
  }
}
