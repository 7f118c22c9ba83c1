package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtcp.RtcpTransportCc.NOT_RECEIVED;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_LARGE_DELTA;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_SMALL_DELTA;
import static org.rivulet.rtcp.RtcpTransportCc.RECEIVED_WITHOUT_DELTA;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpTransportCcTest {

  /**
   * One packet holding, in order, the four chunk examples of
   * draft-holmer-rmcat-transport-wide-cc-extensions-01 sections 3.1.3 and 3.1.4.
   */
  static final byte[] DRAFT_EXAMPLES = hex("""
      8f cd 00 09   # V=2 P=0 FMT=15 | PT=205 | length 9 (40 bytes)
      00 00 00 01   # SSRC of packet sender
      12 34 56 78   # SSRC of media source
      00 0a 01 0a   # base sequence number 10 | packet status count 266
      00 00 10 05   # reference time 16 (x 64 ms) | fb pkt. count 5
      00 dd         # 3.1.3 example 1: |0|00|0000011011101| run of 221 "not received"
      60 18         # 3.1.3 example 2: |0|11|0000000011000| run of 24 "received, w/o recv delta"
      9f 1c         # 3.1.4 example 1: |1|0|01111100011100| 1-bit symbols
      cd 50         # 3.1.4 example 2: |1|1|00110101010000| 2-bit symbols 0 3 1 1 1 0 0
      01 02 03 04 05 06 07 08 09 0a 0b   # 11 small recv deltas, one per "received" symbol
      00            # zero padding
      """);

  @Test
  @DisplayName("draft-holmer-rmcat-transport-wide-cc-extensions-01 3.1.3 and 3.1.4 chunk examples")
  void decodesTheDraftExamples() {
    RtcpTransportCc fb = parseSingle(DRAFT_EXAMPLES, RtcpTransportCc.class);
    assertEquals(1, fb.senderSsrc());
    assertEquals(0x12345678, fb.mediaSsrc());
    assertEquals(10, fb.baseSequenceNumber());
    assertEquals(266, fb.packetStatusCount());
    assertEquals(16, fb.referenceTime());
    assertEquals(1_024_000, fb.referenceTimeMicros());
    assertEquals(5, fb.feedbackPacketCount());
    byte[] expected = new byte[266];
    // 221 x not received (0), then 24 x received without delta (3).
    Arrays.fill(expected, 221, 245, (byte) RECEIVED_WITHOUT_DELTA);
    // 1-bit vector: 1x not received, 5x received, 3x not received, 3x received, 2x not received.
    byte[] vector = {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0};
    System.arraycopy(vector, 0, expected, 245, 14);
    // 2-bit vector: not received, received w/o delta, 3x received small, 2x not received.
    byte[] twoBit = {0, 3, 1, 1, 1, 0, 0};
    System.arraycopy(twoBit, 0, expected, 259, 7);
    assertArrayEquals(expected, fb.statuses());
    int[] deltas = new int[266];
    int[] receivedAt = {246, 247, 248, 249, 250, 254, 255, 256, 261, 262, 263};
    for (int i = 0; i < receivedAt.length; i++) {
      deltas[receivedAt[i]] = i + 1;
    }
    assertArrayEquals(deltas, fb.receiveDeltas());
    assertEquals(10 + 265, fb.sequenceNumber(265));
    assertEquals(RECEIVED_WITHOUT_DELTA, fb.status(221));
    assertEquals(0, fb.receiveDelta(221));
    assertRoundTrip(fb);
  }

  @Test
  void writesOneBitVectorsForShortMixedRuns() {
    RtcpTransportCc fb = new RtcpTransportCc.Builder(1, 2, 100, 0, 0)
        .received(4).received(8).notReceived().received(255).build();
    assertArrayEquals(hex("""
        8f cd 00 06   # FMT=15 | PT=205 | length 6 (28 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        00 64 00 04   # base 100 | 4 statuses
        00 00 00 00   # reference time 0 | fb pkt. count 0
        b4 00         # |1|0|11010000000000|: received, received, lost, received, unused
        04 08 ff      # small deltas
        00 00 00      # zero padding
        """), encode(fb));
  }

  @Test
  void writesRunLengthChunksForLargeAndNegativeDeltas() {
    RtcpTransportCc fb = new RtcpTransportCc.Builder(1, 2, 0xffff, -1, 255)
        .received(-4).received(1000).build();
    assertArrayEquals(hex("""
        8f cd 00 06   # FMT=15 | PT=205 | length 6 (28 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        ff ff 00 02   # base 65535 | 2 statuses
        ff ff ff ff   # reference time -1 | fb pkt. count 255
        40 02         # |0|10|0000000000010|: two "received, large or negative delta"
        ff fc 03 e8   # large deltas -4 and 1000
        00 00         # zero padding
        """), encode(fb));
    assertEquals(0, fb.sequenceNumber(1), "sequence numbers wrap");
    assertEquals(-64_000, fb.referenceTimeMicros());
  }

  @Test
  void writesTwoBitVectorsWhenLargeDeltasAreMixedIn() {
    RtcpTransportCc fb = new RtcpTransportCc.Builder(1, 2, 0, 0, 0)
        .received(1).received(-1).notReceived().received(2).build();
    assertArrayEquals(hex("""
        8f cd 00 06   # FMT=15 | PT=205 | length 6 (28 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        00 00 00 04   # base 0 | 4 statuses
        00 00 00 00   # reference time 0 | fb pkt. count 0
        d8 40         # |1|1|01 10 00 01 00 00 00|
        01 ff ff 02   # small 1 | large -1 | small 2
        00 00         # zero padding
        """), encode(fb));
  }

  static Stream<Arguments> statusPatterns() {
    Random random = new Random(8285);
    byte[] mixed = new byte[1000];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = (byte) random.nextInt(4);
    }
    byte[] mostlyReceived = new byte[3000];
    for (int i = 0; i < mostlyReceived.length; i++) {
      mostlyReceived[i] = (byte) (random.nextInt(50) == 0 ? NOT_RECEIVED : RECEIVED_SMALL_DELTA);
    }
    byte[] longRuns = new byte[RtcpTransportCc.MAX_PACKET_STATUS_COUNT];
    Arrays.fill(longRuns, 9000, 9001, (byte) RECEIVED_LARGE_DELTA);
    Arrays.fill(longRuns, 12000, 16384, (byte) RECEIVED_SMALL_DELTA);
    return Stream.of(
        Arguments.of("one lost packet", new byte[] {NOT_RECEIVED}),
        Arguments.of("one packet without delta", new byte[] {RECEIVED_WITHOUT_DELTA}),
        Arguments.of("random symbols", mixed),
        Arguments.of("mostly received", mostlyReceived),
        Arguments.of("16384 statuses in long runs", longRuns));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statusPatterns")
  void roundTripsStatusPatterns(String name, byte[] statuses) {
    Random random = new Random(statuses.length);
    int[] deltas = new int[statuses.length];
    for (int i = 0; i < statuses.length; i++) {
      if (statuses[i] == RECEIVED_SMALL_DELTA) {
        deltas[i] = random.nextInt(256);
      } else if (statuses[i] == RECEIVED_LARGE_DELTA) {
        deltas[i] = random.nextInt(65536) - 32768;
      }
    }
    RtcpTransportCc fb = new RtcpTransportCc(3, 4, 65000, RtcpTransportCc.MIN_REFERENCE_TIME, 9,
        statuses, deltas);
    assertRoundTrip(fb);
  }

  @Test
  void runLengthChunksPastTheCountAreClamped() {
    RtcpTransportCc fb = parseSingle(hex("""
        8f cd 00 06   # FMT=15 | PT=205 | length 6 (28 bytes)
        00 00 00 01   # SSRC of packet sender
        00 00 00 02   # SSRC of media source
        00 00 00 03   # base 0 | 3 statuses
        7f ff ff 00   # reference time 2^23-1 | fb pkt. count 0
        3f ff         # |0|01|1111111111111|: 8191 "received, small delta", clamped to 3
        01 02 03      # the three small deltas
        00 00 00      # zero padding
        """), RtcpTransportCc.class);
    assertArrayEquals(new int[] {1, 2, 3}, fb.receiveDeltas());
    assertEquals(RtcpTransportCc.MAX_REFERENCE_TIME, fb.referenceTime());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("packet status count 0", hex("""
            8f cd 00 05   # FMT=15 | PT=205 | length 5
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 00 00   # base 0 | 0 statuses
            00 00 00 00   # reference time | fb pkt. count
            00 00 00 00   # a chunk and padding
            """)),
        Arguments.of("status count 65535 in a 20-byte packet", hex("""
            8f cd 00 04   # FMT=15 | PT=205 | length 4 (20 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 ff ff   # base 0 | 65535 statuses
            00 00 00 00   # reference time | fb pkt. count, and no chunk
            """)),
        Arguments.of("status count 16385, one over the cap", hex("""
            8f cd 00 06   # FMT=15 | PT=205 | length 6
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 40 01   # base 0 | 16385 statuses
            00 00 00 00   # reference time | fb pkt. count
            1f ff 1f ff   # 8191 + 8191 not received
            00 03 00 00   # 3 not received | padding
            """)),
        Arguments.of("status count 16384 without chunks", hex("""
            8f cd 00 04   # FMT=15 | PT=205 | length 4
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 40 00   # base 0 | 16384 statuses, and no chunk
            00 00 00 00   # reference time | fb pkt. count
            """)),
        Arguments.of("zero-length runs do not cover the count", hex("""
            8f cd 00 05   # FMT=15 | PT=205 | length 5
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 00 0f   # base 0 | 15 statuses
            00 00 00 00   # reference time | fb pkt. count
            80 00         # 1-bit vector: 14 not received
            00 00         # run of length 0, and the packet ends one status short
            """)),
        Arguments.of("a small delta missing", hex("""
            8f cd 00 05   # FMT=15 | PT=205 | length 5
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 00 03   # base 0 | 3 statuses
            00 00 00 00   # reference time | fb pkt. count
            20 03         # run of 3 "received, small delta"
            01 02         # only two deltas
            """)),
        Arguments.of("a large delta cut in half", hex("""
            8f cd 00 05   # FMT=15 | PT=205 | length 5
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 00 02   # base 0 | 2 statuses
            00 00 00 00   # reference time | fb pkt. count
            e4 00         # |1|1|10 01 ...|: large, small
            ff 01         # the large delta's two bytes, and no byte for the small one
            """)),
        Arguments.of("fixed fields cut short", hex("""
            8f cd 00 03   # FMT=15 | PT=205 | length 3
            00 00 00 01   # SSRC of packet sender
            00 00 00 02   # SSRC of media source
            00 00 00 01   # base | count, and no reference time
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 78: counts bounded, chunks and deltas checked")
  void dropsMalformedFeedback(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_TRANSPORT_CC, reasonFor(packet), name);
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[0], new int[0]));
    assertThrows(IllegalArgumentException.class, () -> new RtcpTransportCc(1, 2, 0, 0, 0,
        new byte[RtcpTransportCc.MAX_PACKET_STATUS_COUNT + 1],
        new int[RtcpTransportCc.MAX_PACKET_STATUS_COUNT + 1]));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[] {4}, new int[1]));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[] {1}, new int[2]));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[] {1}, new int[] {256}));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[] {2}, new int[] {32768}));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 0, new byte[] {0}, new int[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0x10000, 0, 0, new byte[] {0}, new int[1]));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0x800000, 0, new byte[] {0}, new int[1]));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpTransportCc(1, 2, 0, 0, 256, new byte[] {0}, new int[1]));
    RtcpTransportCc.Builder builder = new RtcpTransportCc.Builder(1, 2, 0, 0, 0);
    assertThrows(IllegalArgumentException.class, builder::build);
    assertThrows(IllegalArgumentException.class, () -> builder.received(32768));
    for (int i = 0; i < RtcpTransportCc.MAX_PACKET_STATUS_COUNT; i++) {
      builder.notReceived();
    }
    assertEquals(RtcpTransportCc.MAX_PACKET_STATUS_COUNT, builder.size());
    assertThrows(IllegalStateException.class, builder::notReceived);
    assertEquals(3, builder.build().chunkCount(), "8191 + 8191 + 2");
  }

  @Test
  void isAnImmutableValue() {
    byte[] statuses = {RECEIVED_SMALL_DELTA};
    int[] deltas = {5};
    RtcpTransportCc fb = new RtcpTransportCc(1, 2, 3, 4, 5, statuses, deltas);
    statuses[0] = NOT_RECEIVED;
    deltas[0] = 0;
    fb.statuses()[0] = NOT_RECEIVED;
    fb.receiveDeltas()[0] = 0;
    assertEquals(new RtcpTransportCc.Builder(1, 2, 3, 4, 5).received(5).build(), fb);
    assertEquals(5, fb.receiveDelta(0));
    assertThrows(IndexOutOfBoundsException.class, () -> fb.status(1));
    assertEquals("RtcpTransportCc[sender=1, media=2, base=3, count=1, referenceTime=4, fbCount=5]",
        fb.toString());
  }
}
