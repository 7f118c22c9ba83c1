package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpReportBlockTest {

  static Stream<Arguments> cumulativeLost() {
    return Stream.of(
        Arguments.of("zero", "00 00 00", 0),
        Arguments.of("largest positive", "7f ff ff", 0x7fffff),
        Arguments.of("minus one (duplicates outnumber losses)", "ff ff ff", -1),
        Arguments.of("most negative", "80 00 00", -0x800000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cumulativeLost")
  void signExtendsTheCumulativeLoss(String name, String field, int expected) {
    byte[] block = hex("00 00 00 01  2a " + field + " 00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00");
    ByteBuf buf = pooled(block);
    ByteBuf out = buf.alloc().buffer(RtcpReportBlock.LENGTH);
    try {
      RtcpReportBlock read = RtcpReportBlock.read(buf, 0);
      assertEquals(expected, read.cumulativeLost(), name);
      assertEquals(42, read.fractionLost());
      read.writeTo(out);
      assertArrayEquals(block, bytes(out));
    } finally {
      out.release();
      buf.release();
    }
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 256, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, -1, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpReportBlock(1, 0, 0x800000, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpReportBlock(1, 0, -0x800001, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpReportBlock(1, 0, 0, 0x100000000L, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 0, 0, 0, -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 0, 0, 0, 0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 0, 0, 0, 0, 0, -1));
  }
}
