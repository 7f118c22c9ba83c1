package org.rivulet.transport.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpMuxTest {

  /** RFC 5761 section 4: RTCP packet types 192..223 share the second byte with RTP's M bit and PT. */
  static Stream<Arguments> secondBytes() {
    return Stream.of(
        Arguments.of("RTP, PT 111 (Opus) without marker", 111, false),
        Arguments.of("RTP, PT 96 with marker (224)", 0x80 | 96, false),
        Arguments.of("191: just below the RTCP range (M=1, PT 63)", 191, false),
        Arguments.of("192: first RTCP value (FIR, RFC 2032)", 192, true),
        Arguments.of("200: SR", 200, true),
        Arguments.of("201: RR", 201, true),
        Arguments.of("205: RTPFB (NACK, TWCC)", 205, true),
        Arguments.of("206: PSFB (PLI, REMB)", 206, true),
        Arguments.of("223: last RTCP value", 223, true),
        Arguments.of("224: just above the RTCP range (M=1, PT 96)", 224, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secondBytes")
  void classifiesBySecondByte(String name, int secondByte, boolean rtcp) {
    assertEquals(rtcp, RtcpMux.isRtcpSecondByte(secondByte));
    ByteBuf buf = Unpooled.buffer(16).writeByte(0xFF).writeByte(0xFF); // bytes before the reader index
    buf.writeByte(0x80).writeByte(secondByte).writeZero(10);
    buf.skipBytes(2);
    try {
      assertEquals(rtcp, RtcpMux.isRtcp(buf));
      assertEquals(2, buf.readerIndex(), "no bytes consumed");
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0} readable bytes")
  @MethodSource("shortLengths")
  void treatsTooShortPacketsAsRtp(int length) {
    ByteBuf buf = Unpooled.buffer(2).writeByte(0x80).writeByte(200).writerIndex(length);
    try {
      assertEquals(length == 2, RtcpMux.isRtcp(buf));
    } finally {
      buf.release();
    }
  }

  static Stream<Integer> shortLengths() {
    return Stream.of(0, 1, 2);
  }
}
