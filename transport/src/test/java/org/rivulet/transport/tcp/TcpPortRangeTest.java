package org.rivulet.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.demux.DemuxCounters;
import org.rivulet.transport.demux.FirstByteDemuxHandler;
import org.rivulet.transport.udp.PortRangeExhaustedException;

/**
 * A passive ICE-TCP listener on 127.0.0.1 with a plain {@link Socket} as the peer, with the transport
 * {@link EventLoops} picks (epoll here) and with NIO.
 */
@Timeout(60)
class TcpPortRangeTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final HexFormat HEX = HexFormat.of();
  private static final long WAIT_SECONDS = 10;

  private static EventLoops loops;
  private static EventLoopGroup nio;

  @BeforeAll
  static void start() {
    loops = EventLoops.create(1, 1);
    nio = new NioEventLoopGroup(1);
  }

  @AfterAll
  static void stop() {
    loops.close();
    nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  static Stream<Arguments> transports() {
    return Stream.of(
        Arguments.of(loops.isEpoll() ? "epoll" : "nio (epoll unavailable)", loops.media().next(),
            loops.serverSocketChannel()),
        Arguments.of("nio", nio.next(), NioServerSocketChannel.class));
  }

  /**
   * RFC 4571 frames written in awkward pieces arrive as datagrams from the peer, through the demultiplexer;
   * the answer goes back framed; a connection that ends inside a frame is counted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void framesTravelBothWays(String name, EventLoop loop, Class<? extends ServerSocketChannel> channelClass)
      throws Exception {
    Rfc4571Counters framing = new Rfc4571Counters();
    DemuxCounters demux = new DemuxCounters();
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    CompletableFuture<InetSocketAddress> stunSender = new CompletableFuture<>();
    CompletableFuture<Void> inactive = new CompletableFuture<>();
    ChannelInitializer<Channel> child = new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        accepted.complete(ch);
        ch.pipeline().addLast(new FirstByteDemuxHandler(
            stun -> {
              stunSender.complete(stun.sender());
              // Answer the address the request came from, exactly as on UDP.
              ch.writeAndFlush(new DatagramPacket(stun.content(), stun.sender()));
            },
            DatagramPacket::release,
            media -> {
              received.add(ByteBufUtil.hexDump(media.content()));
              media.release();
            },
            demux));
        // The decoder passes channelInactive on after its end-of-stream work; the close future
        // completes before that, so the test waits for this instead.
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelInactive(ChannelHandlerContext ctx) {
            inactive.complete(null);
            ctx.fireChannelInactive();
          }
        });
      }
    };
    TcpPortRange range = new TcpPortRange(LOOPBACK, 61050, 61059, channelClass);
    ServerSocketChannel listener = range.bindPassive(loop, framing, child).syncUninterruptibly().getNow();
    try (Socket client = new Socket()) {
      assertSame(loop, listener.eventLoop());
      int port = listener.localAddress().getPort();
      assertTrue(port >= 61050 && port <= 61059, "port " + port);
      client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      client.connect(new InetSocketAddress(LOOPBACK, port));
      OutputStream out = client.getOutputStream();

      String stunRequest = "0001" + "0000" + "2112a442" + "00112233445566778899aabb"; // 20-byte header
      // The length field alone, then the STUN message in two pieces.
      send(out, "0014");
      send(out, stunRequest.substring(0, 10));
      send(out, stunRequest.substring(10));
      // A zero-length frame and two RTP packets in one write.
      String rtp1 = "806f0001000000001234567801";
      String rtp2 = "806f000200000000123456780203";
      send(out, "0000" + "000d" + rtp1 + "000e" + rtp2);

      assertEquals(client.getLocalSocketAddress(), stunSender.get(WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(rtp1, received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(rtp2, received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
      Channel connection = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertSame(loop, connection.eventLoop(), "connections live on the listener's loop");

      DataInputStream in = new DataInputStream(client.getInputStream());
      assertEquals(20, in.readUnsignedShort(), "the answer is framed");
      byte[] answer = new byte[20];
      in.readFully(answer);
      assertArrayEquals(HEX.parseHex(stunRequest), answer);

      send(out, "0010" + "80"); // 16 bytes announced, one sent, then the peer's stream ends
      client.shutdownOutput();
      inactive.get(WAIT_SECONDS, TimeUnit.SECONDS);
      long[] counts = loop.submit(() -> new long[] {framing.framesDecoded(), framing.zeroLengthFrames(),
          framing.truncatedAtClose(), framing.framesEncoded(), demux.forwarded()})
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertArrayEquals(new long[] {3, 1, 1, 1, 3}, counts,
          "decoded, zero-length, truncated, encoded, demultiplexed");
    } finally {
      listener.close().syncUninterruptibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void reportsAnExhaustedRange(String name, EventLoop loop, Class<? extends ServerSocketChannel> channelClass) {
    TcpPortRange range = new TcpPortRange(LOOPBACK, 61060, 61060, channelClass);
    ServerSocketChannel first = range.bindPassive(loop, new Rfc4571Counters(), noop())
        .syncUninterruptibly().getNow();
    try {
      Future<ServerSocketChannel> second =
          range.bindPassive(loop, new Rfc4571Counters(), noop()).awaitUninterruptibly();
      PortRangeExhaustedException e = assertInstanceOf(PortRangeExhaustedException.class, second.cause());
      assertEquals(1, e.attempts());
      assertTrue(e.getMessage().startsWith("no free TCP port"), e.getMessage());
    } finally {
      first.close().syncUninterruptibly();
    }
  }

  private static void send(OutputStream out, String hex) throws IOException {
    out.write(HEX.parseHex(hex));
    out.flush();
  }

  private static ChannelInitializer<Channel> noop() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        // No connection is made in this test.
      }
    };
  }
}
