package org.rivulet.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FramedDatagramHandlerTest {

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 50000);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50001);

  private Rfc4571Counters counters;
  private EmbeddedChannel channel;

  /** An EmbeddedChannel with IP addresses, as an accepted TCP connection has. */
  private static final class TcpLikeChannel extends EmbeddedChannel {
    TcpLikeChannel(ChannelHandler handler) {
      super(handler);
    }

    @Override
    protected SocketAddress localAddress0() {
      return LOCAL;
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return PEER;
    }
  }

  @BeforeEach
  void setUp() {
    counters = new Rfc4571Counters();
    channel = new TcpLikeChannel(new FramedDatagramHandler(counters));
  }

  @AfterEach
  void tearDown() {
    assertFalse(channel.finish(), "something was left in the channel");
  }

  @Test
  void framesBecomeDatagramsFromThePeer() {
    ByteBuf frame = frame();
    channel.writeInbound(frame);
    DatagramPacket packet = channel.readInbound();
    try {
      assertSame(frame, packet.content(), "the frame moves into the packet, not copied");
      assertEquals(PEER, packet.sender());
      assertEquals(LOCAL, packet.recipient());
      assertEquals(1, frame.refCnt());
    } finally {
      packet.release();
    }
  }

  @Test
  void datagramsToThePeerLeaveAsTheirContent() {
    ByteBuf content = frame();
    assertTrue(channel.writeAndFlush(new DatagramPacket(content, PEER)).isSuccess());
    ByteBuf out = channel.readOutbound();
    assertSame(content, out);
    out.release();
  }

  @Test
  void datagramsWithoutRecipientGoToThePeer() {
    ByteBuf content = frame();
    channel.writeAndFlush(new DatagramPacket(content, null, LOCAL));
    ByteBuf out = channel.readOutbound();
    assertSame(content, out);
    out.release();
  }

  @Test
  void refusesDatagramsForSomeoneElse() {
    ByteBuf content = frame();
    ChannelFuture written =
        channel.writeAndFlush(new DatagramPacket(content, new InetSocketAddress("127.0.0.1", 9)));
    assertInstanceOf(IllegalArgumentException.class, written.cause());
    assertEquals(0, content.refCnt());
    assertEquals(1, counters.unroutable());
    assertNull(channel.readOutbound());
  }

  @Test
  void dropsFramesWhenThePeerHasNoIpAddress() {
    EmbeddedChannel plain = new EmbeddedChannel(new FramedDatagramHandler(counters));
    ByteBuf frame = frame();
    plain.writeInbound(frame);
    assertNull(plain.readInbound());
    assertEquals(0, frame.refCnt());
    assertEquals(1, counters.unroutable());
    assertFalse(plain.finish());
  }

  @Test
  void passesOtherMessagesOn() {
    channel.writeInbound("in");
    channel.writeAndFlush("out");
    assertEquals("in", channel.readInbound());
    assertEquals("out", channel.readOutbound());
  }

  private static ByteBuf frame() {
    return PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(0x80_00_00_01);
  }
}
