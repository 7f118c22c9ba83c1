package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.ext.ExtensionPackets.withPacket;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AbsSendTimeTest {

  @Test
  void readsAndRewritesInPlace() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals(0x123456, AbsSendTime.read(rtp, ChromeBlock.ABS_SEND_TIME));
      assertTrue(AbsSendTime.write(rtp, ChromeBlock.ABS_SEND_TIME, 0xfedcba));
      assertEquals(0xfedcba, AbsSendTime.read(rtp, ChromeBlock.ABS_SEND_TIME));
      assertArrayEquals(hex("fe dc ba"), bytes(HeaderExtensions.find(rtp, ChromeBlock.ABS_SEND_TIME)));
      assertEquals(0xabcd, TransportSequenceNumber.read(rtp, ChromeBlock.TRANSPORT_CC), "neighbour intact");
    });
  }

  @Test
  void elementOfTheWrongSizeOrAbsentIsNotRead() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals(-1, AbsSendTime.read(rtp, ChromeBlock.TRANSPORT_CC), "2 bytes, not 3");
      assertFalse(AbsSendTime.write(rtp, ChromeBlock.TRANSPORT_CC, 1));
      assertEquals(-1, AbsSendTime.read(rtp, 9));
      assertFalse(AbsSendTime.write(rtp, 9, 1));
      assertThrows(IllegalArgumentException.class,
          () -> AbsSendTime.write(rtp, ChromeBlock.ABS_SEND_TIME, 0x1000000));
    });
  }

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of("zero", 0L, 0),
        Arguments.of("one second is 2^18", 1_000_000_000L, 0x040000),
        Arguments.of("1.5 seconds", 1_500_000_000L, 0x060000),
        Arguments.of("63 seconds and a quarter", 63_250_000_000L, 0xfd0000),
        Arguments.of("64 seconds wrap to zero", 64_000_000_000L, 0),
        Arguments.of("just under one tick of 3814.7 ns", 3814L, 0),
        Arguments.of("one tick", 3815L, 1),
        Arguments.of("two ticks", 7630L, 2),
        Arguments.of("a negative clock reading wraps backwards", -1_000_000_000L, 0xfc0000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversions")
  void convertsNanosToSixEighteenFixedPoint(String name, long nanos, int expected) {
    assertEquals(expected, AbsSendTime.fromNanos(nanos), name);
  }

  @Test
  void convertsBackToNanosWithinOneTick() {
    assertEquals(1_000_000_000L, AbsSendTime.toNanos(0x040000));
    assertEquals(63_250_000_000L, AbsSendTime.toNanos(0xfd0000));
    for (long nanos = 0; nanos < 64_000_000_000L; nanos += 987_654_321L) {
      long back = AbsSendTime.toNanos(AbsSendTime.fromNanos(nanos));
      assertTrue(back <= nanos && nanos - back <= 3815, nanos + " came back as " + back);
    }
  }
}
