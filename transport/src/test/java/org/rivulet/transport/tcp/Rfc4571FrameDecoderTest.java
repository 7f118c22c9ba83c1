package org.rivulet.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Rfc4571FrameDecoderTest {

  private static final HexFormat HEX = HexFormat.of();

  private Rfc4571Counters counters;
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    counters = new Rfc4571Counters();
    channel = new EmbeddedChannel(new Rfc4571FrameDecoder(counters));
  }

  /**
   * Named cases: the reads as they arrive (hex, one string per read), the frames expected (hex), and the
   * counts of zero-length frames and of a partial frame left when the stream ends.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("one frame in one read", List.of("0003abcdef"), List.of("abcdef"), 0, 0),
        Arguments.of("several frames in one read", List.of("0001aa0002bbcc0003ddeeff"),
            List.of("aa", "bbcc", "ddeeff"), 0, 0),
        Arguments.of("length field split across reads", List.of("00", "02aabb"), List.of("aabb"), 0, 0),
        Arguments.of("body split across reads", List.of("0004aa", "bb", "ccdd"), List.of("aabbccdd"), 0,
            0),
        Arguments.of("frame boundary inside a read", List.of("0002aabb00", "01cc"),
            List.of("aabb", "cc"), 0, 0),
        Arguments.of("byte by byte", List.of("00", "02", "aa", "bb", "00", "01", "cc"),
            List.of("aabb", "cc"), 0, 0),
        Arguments.of("zero-length frame alone", List.of("0000"), List.of(), 1, 0),
        Arguments.of("zero-length frames between frames", List.of("0001aa00000000", "0001bb"),
            List.of("aa", "bb"), 2, 0),
        Arguments.of("zero-length frame split across reads", List.of("00", "00", "0001aa"),
            List.of("aa"), 1, 0),
        Arguments.of("partial length field at end of stream", List.of("0001aa00"), List.of("aa"), 0, 1),
        Arguments.of("partial body at end of stream", List.of("0001aa0003bbcc"), List.of("aa"), 0, 1),
        Arguments.of("length only at end of stream", List.of("0005"), List.of(), 0, 1),
        Arguments.of("nothing at all", List.of(), List.of(), 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodes(String name, List<String> reads, List<String> expected, int zeroLength, int truncated) {
    List<String> frames = new ArrayList<>();
    for (String read : reads) {
      channel.writeInbound(buffer(HEX.parseHex(read)));
      drainInto(frames);
    }
    channel.finish(); // end of stream: decodeLast
    drainInto(frames);

    assertEquals(expected, frames);
    assertEquals(expected.size(), counters.framesDecoded());
    assertEquals(zeroLength, counters.zeroLengthFrames());
    assertEquals(truncated, counters.truncatedAtClose());
  }

  @Test
  void handsOutTheLargestFrame() {
    byte[] payload = new byte[Rfc4571FrameDecoder.MAX_FRAME_LENGTH];
    Arrays.fill(payload, (byte) 0x5a);
    ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(payload.length + 2);
    in.writeShort(0xFFFF).writeBytes(payload);
    // Arrives in MTU-sized pieces, as TCP would deliver it.
    while (in.isReadable()) {
      channel.writeInbound(in.readRetainedSlice(Math.min(1448, in.readableBytes())));
    }
    in.release();
    ByteBuf frame = channel.readInbound();
    try {
      assertEquals(0xFFFF, frame.readableBytes());
      assertArrayEquals(payload, ByteBufUtil.getBytes(frame));
    } finally {
      frame.release();
    }
    assertFalse(channel.finish());
  }

  /** Frames are retained slices: each holds the accumulation buffer until it is released. */
  @Test
  void framesAreRetainedSlicesTheReceiverReleases() {
    channel.writeInbound(buffer(HEX.parseHex("0002aabb0002ccdd")));
    ByteBuf first = channel.readInbound();
    ByteBuf second = channel.readInbound();
    assertEquals(1, first.refCnt());
    assertTrue(first.release());
    assertEquals(0, first.refCnt());
    assertEquals("ccdd", ByteBufUtil.hexDump(second), "releasing one frame leaves the other intact");
    second.release();
    assertFalse(channel.finish());
  }

  /** An input shutdown, then the close, run the end-of-stream path twice: the leftover counts once. */
  @Test
  void countsATruncatedStreamOnceAcrossShutdownAndClose() {
    channel.writeInbound(buffer(HEX.parseHex("0004aabb")));
    channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    assertEquals(1, counters.truncatedAtClose());
    assertFalse(channel.finish());
    assertEquals(1, counters.truncatedAtClose());
    assertNull(channel.readInbound());
  }

  private void drainInto(List<String> frames) {
    for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
      frames.add(ByteBufUtil.hexDump(frame));
      frame.release();
    }
  }

  private static ByteBuf buffer(byte[] bytes) {
    return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
  }
}
