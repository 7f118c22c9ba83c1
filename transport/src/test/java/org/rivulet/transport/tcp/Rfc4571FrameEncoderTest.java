package org.rivulet.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Rfc4571FrameEncoderTest {

  private Rfc4571Counters counters;
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    counters = new Rfc4571Counters();
    channel = new EmbeddedChannel(new Rfc4571FrameEncoder(counters));
  }

  @AfterEach
  void tearDown() {
    assertFalse(channel.finish(), "something was left in the channel");
  }

  @Test
  void prefixesTheLength() {
    ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(3).writeBytes(new byte[] {'A', 'B', 'C'});
    ChannelFuture written = channel.writeAndFlush(packet);
    ByteBuf out = channel.readOutbound();
    try {
      assertTrue(written.isSuccess());
      assertEquals("0003414243", ByteBufUtil.hexDump(out));
      assertEquals(1, counters.framesEncoded());
    } finally {
      out.release();
    }
    assertEquals(0, packet.refCnt(), "the packet went out inside the frame, not as a copy");
  }

  @Test
  void framesOnlyTheReadableBytes() {
    ByteBuf packet = Unpooled.buffer(8).writeBytes(new byte[] {9, 9, 1, 2});
    packet.skipBytes(2);
    channel.writeAndFlush(packet);
    ByteBuf out = channel.readOutbound();
    assertEquals("00020102", ByteBufUtil.hexDump(out));
    out.release();
  }

  @Test
  void acceptsTheLargestFrame() {
    ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(0xFFFF).writeZero(0xFFFF);
    assertTrue(channel.writeAndFlush(packet).isSuccess());
    ByteBuf out = channel.readOutbound();
    assertEquals(0xFFFF + 2, out.readableBytes());
    assertEquals(0xFFFF, out.getUnsignedShort(out.readerIndex()));
    out.release();
  }

  @Test
  void refusesAFrameTooLongForTheLengthField() {
    ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(0x10000).writeZero(0x10000);
    ChannelFuture written = channel.writeAndFlush(packet);
    assertFalse(written.isSuccess());
    assertInstanceOf(IllegalArgumentException.class, written.cause());
    assertEquals(0, packet.refCnt(), "a refused frame is released");
    assertEquals(1, counters.oversizeRefused());
    assertEquals(0, counters.framesEncoded());
    assertNull(channel.readOutbound());
  }

  /** Netty writes EMPTY_BUFFER to flush; it must not become a zero-length frame on the wire. */
  @Test
  void passesAnEmptyBufferThroughUnframed() {
    assertTrue(channel.writeAndFlush(Unpooled.EMPTY_BUFFER).isSuccess());
    ByteBuf out = channel.readOutbound();
    assertEquals(0, out.readableBytes());
    assertEquals(0, counters.framesEncoded());
  }

  @Test
  void passesOtherMessagesThrough() {
    Object other = "not a buffer";
    channel.writeAndFlush(other);
    assertSame(other, channel.readOutbound());
  }

  @Test
  void roundTripsThroughTheDecoder() {
    EmbeddedChannel decoder = new EmbeddedChannel(new Rfc4571FrameDecoder());
    for (int length : new int[] {1, 12, 1200, 0xFFFF}) {
      ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(length);
      for (int i = 0; i < length; i++) {
        packet.writeByte(i * 7);
      }
      String hex = ByteBufUtil.hexDump(packet);
      channel.writeAndFlush(packet);
      decoder.writeInbound((ByteBuf) channel.readOutbound());
      ByteBuf frame = decoder.readInbound();
      assertEquals(hex, ByteBufUtil.hexDump(frame));
      frame.release();
    }
    assertFalse(decoder.finish());
  }
}
