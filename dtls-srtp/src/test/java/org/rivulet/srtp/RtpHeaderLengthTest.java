package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rivulet.srtp.HexText.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpHeaderLengthTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("fixed header only", "80000001 00000000 00000000", 12),
        Arguments.of("fixed header and payload", "80000001 00000000 00000000 aabbcc", 12),
        Arguments.of("two CSRCs", "82000001 00000000 00000000 11111111 22222222 ff", 20),
        Arguments.of("one-byte extension, 1 word", """
            90000001 00000000 00000000   # X=1
            bede 0001                    # RFC 8285 one-byte profile, 1 word
            10ff0000                     # extension
            ee
            """, 20),
        Arguments.of("CSRC and empty extension", "91000001 00000000 00000000 33333333 bede0000", 20),
        Arguments.of("padding bit is not looked at", "a0000001 00000000 00000000 00000004", 12),
        Arguments.of("too short", "80000001 00000000 000000", -1),
        Arguments.of("version 0", "00000001 00000000 00000000", -1),
        Arguments.of("version 3", "c0000001 00000000 00000000", -1),
        Arguments.of("CSRC count past the end", "8f000001 00000000 00000000 11111111", -1),
        Arguments.of("extension header cut off", "90000001 00000000 00000000 bede", -1),
        Arguments.of("extension length past the end", "90000001 00000000 00000000 bede0002 11111111",
            -1),
        Arguments.of("largest extension length", "90000001 00000000 00000000 beedffff", -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void headerLength(String name, String packet, int expected) {
    byte[] bytes = hex(packet);
    // Put the packet at a non-zero reader index to check that offsets are honoured.
    ByteBuf buf = Unpooled.buffer(bytes.length + 3);
    try {
      buf.writeZero(3).writeBytes(bytes).skipBytes(3);
      assertEquals(expected, RtpHeaderLength.of(buf, buf.readerIndex(), buf.readableBytes()));
      assertEquals(3, buf.readerIndex());
    } finally {
      buf.release();
    }
  }
}
