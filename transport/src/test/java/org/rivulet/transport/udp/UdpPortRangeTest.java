package org.rivulet.transport.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.demux.DemuxCounters;
import org.rivulet.transport.demux.DemuxOutcome;
import org.rivulet.transport.demux.FirstByteDemuxHandler;

/**
 * Real sockets, on 127.0.0.1 only, with the transport {@link EventLoops} picks (epoll here) and with NIO,
 * since the two report a busy port differently. The ports are above Linux's ephemeral range
 * (32768-60999), so the kernel does not hand them to other sockets meanwhile.
 */
@Timeout(60)
class UdpPortRangeTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
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
            loops.datagramChannel()),
        Arguments.of("nio", nio.next(), NioDatagramChannel.class));
  }

  /** B12.137: every port of the range taken gives a clear error; releasing one makes it available again. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void allocatesUntilExhaustedThenReusesAReleasedPort(String name, EventLoop loop,
      Class<? extends DatagramChannel> channelClass) {
    UdpPortRange range = new UdpPortRange(LOOPBACK, 61010, 61020, channelClass, UdpSocketOptions.DEFAULT);
    List<DatagramChannel> held = new ArrayList<>();
    try {
      Future<DatagramChannel> result;
      while ((result = range.bind(loop, noop()).awaitUninterruptibly()).isSuccess()) {
        DatagramChannel ch = result.getNow();
        held.add(ch);
        assertSame(loop, ch.eventLoop(), "registered on the pipeline's loop");
        assertTrue(held.size() <= 11, "more channels than ports");
      }
      PortRangeExhaustedException e = assertInstanceOf(PortRangeExhaustedException.class, result.cause());
      assertEquals(11, e.attempts());
      assertTrue(e.getMessage().contains("127.0.0.1 ports 61010-61020"), e.getMessage());
      assertTrue(PortAllocator.isPortInUse(e.getCause()), "the last cause is the busy port");

      Set<Integer> ports = new HashSet<>();
      for (DatagramChannel ch : held) {
        int port = ch.localAddress().getPort();
        assertTrue(port >= 61010 && port <= 61020, "port " + port);
        assertTrue(ports.add(port), "port " + port + " twice");
        assertEquals(LOOPBACK, ch.localAddress().getAddress());
      }
      assertFalse(held.isEmpty());

      DatagramChannel released = held.remove(held.size() / 2);
      int freed = released.localAddress().getPort();
      released.close().syncUninterruptibly();
      awaitPortFree(freed);
      DatagramChannel again = range.bind(loop, noop()).syncUninterruptibly().getNow();
      held.add(again);
      assertEquals(freed, again.localAddress().getPort(), "the only free port of the range");
    } finally {
      held.forEach(ch -> ch.close().syncUninterruptibly());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void allocatesRtpRtcpPairsAndSkipsAPairWhoseOddPortIsTaken(String name, EventLoop loop,
      Class<? extends DatagramChannel> channelClass) throws Exception {
    UdpPortRange range = new UdpPortRange(LOOPBACK, 61030, 61035, channelClass, UdpSocketOptions.DEFAULT);
    List<RtpRtcpPair> held = new ArrayList<>();
    // Someone else holds 61031, so 61030 cannot be an RTP port.
    try (DatagramSocket foreign = new DatagramSocket(new InetSocketAddress(LOOPBACK, 61031))) {
      assertEquals(61031, foreign.getLocalPort());
      Future<RtpRtcpPair> result;
      while ((result = range.bindPair(loop, noop(), noop()).awaitUninterruptibly()).isSuccess()) {
        held.add(result.getNow());
        assertTrue(held.size() <= 3, "more pairs than the range holds");
      }
      PortRangeExhaustedException e = assertInstanceOf(PortRangeExhaustedException.class, result.cause());
      assertEquals(3, e.attempts());

      Set<Integer> rtpPorts = new HashSet<>();
      for (RtpRtcpPair pair : held) {
        assertEquals(0, pair.rtpPort() % 2);
        assertEquals(pair.rtpPort() + 1, pair.rtcpPort());
        assertSame(loop, pair.rtp().eventLoop());
        assertSame(loop, pair.rtcp().eventLoop());
        rtpPorts.add(pair.rtpPort());
      }
      assertEquals(Set.of(61032, 61034), rtpPorts);
    } finally {
      held.forEach(pair -> pair.close().syncUninterruptibly());
    }
    // The abandoned attempt at 61030 closed its RTP channel, and the pairs released theirs.
    for (int port = 61030; port <= 61035; port++) {
      awaitPortFree(port);
    }
  }

  /** A datagram reaches its sink through the demultiplexer, and the sink answers the sender. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void carriesDatagramsBothWays(String name, EventLoop loop, Class<? extends DatagramChannel> channelClass)
      throws Exception {
    DemuxCounters counters = new DemuxCounters();
    CompletableFuture<InetSocketAddress> stunFrom = new CompletableFuture<>();
    CompletableFuture<byte[]> media = new CompletableFuture<>();
    CompletableFuture<byte[]> secondMedia = new CompletableFuture<>();
    ChannelInitializer<DatagramChannel> init = new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        ch.pipeline().addLast(new FirstByteDemuxHandler(
            stun -> {
              stunFrom.complete(stun.sender());
              // Answer with the request's bytes, as a STUN server answers the address it saw.
              ch.writeAndFlush(new DatagramPacket(stun.content(), stun.sender()));
            },
            DatagramPacket::release,
            rtp -> {
              byte[] bytes = new byte[rtp.content().readableBytes()];
              rtp.content().getBytes(rtp.content().readerIndex(), bytes);
              rtp.release();
              if (!media.complete(bytes)) {
                secondMedia.complete(bytes);
              }
            },
            counters));
      }
    };
    UdpPortRange range = new UdpPortRange(LOOPBACK, 61040, 61049, channelClass,
        UdpSocketOptions.DEFAULT.withDscp(46));
    DatagramChannel server = range.bind(loop, init).syncUninterruptibly().getNow();
    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      assertEquals(46 << 2, server.config().getOption(ChannelOption.IP_TOS), "DSCP EF in IP_TOS");

      byte[] stunRequest = new byte[20];
      stunRequest[1] = 0x01; // Binding request (RFC 8489 section 5); the rest does not matter here
      client.send(new java.net.DatagramPacket(stunRequest, 20, server.localAddress()));
      assertEquals(client.getLocalSocketAddress(), stunFrom.get(WAIT_SECONDS, TimeUnit.SECONDS));
      java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[64], 64);
      client.receive(answer);
      assertEquals(20, answer.getLength());
      assertEquals(server.localAddress(), answer.getSocketAddress());

      byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 1, 2, 3};
      client.send(new java.net.DatagramPacket(rtp, rtp.length, server.localAddress()));
      assertArrayEquals(rtp, media.get(WAIT_SECONDS, TimeUnit.SECONDS));

      // B1.3: a datagram longer than the 2048-byte read buffer arrives truncated, and still counts as
      // oversize rather than reaching a sink as a shorter packet.
      byte[] jumbo = new byte[3000];
      jumbo[0] = (byte) 0x80;
      client.send(new java.net.DatagramPacket(jumbo, jumbo.length, server.localAddress()));
      rtp[3] = 2;
      client.send(new java.net.DatagramPacket(rtp, rtp.length, server.localAddress()));
      assertEquals(2, secondMedia.get(WAIT_SECONDS, TimeUnit.SECONDS)[3], "the packet after the jumbo one");
      long[] counts = loop.submit(() -> new long[] {counters.forwarded(),
          counters.get(DemuxOutcome.OVERSIZE), counters.dropped()}).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertArrayEquals(new long[] {3, 1, 1}, counts, "forwarded, oversize, dropped");
    } finally {
      server.close().syncUninterruptibly();
    }
  }

  /**
   * With UDP GRO the kernel hands a GSO run to the socket whole: each datagram must still reach the
   * handler on its own, intact and in order (Netty splits the coalesced read), a shorter last one
   * and a lone small one included. NIO has no GRO; there the option changes nothing.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aGroReceiverGetsEachDatagramOfAGsoRunOnItsOwn(String name, EventLoop loop,
      Class<? extends DatagramChannel> channelClass) throws Exception {
    List<byte[]> received = new ArrayList<>();
    CompletableFuture<Void> all = new CompletableFuture<>();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 3 * 8; i++) {
      int size = i % 8 < 6 ? 1200 : i % 8 == 6 ? 733 : 120;
      byte[] bytes = new byte[size];
      java.util.Arrays.fill(bytes, (byte) (i * 7));
      bytes[0] = (byte) i;
      sent.add(bytes);
    }
    ChannelInitializer<DatagramChannel> init = new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        ch.pipeline().addLast(new io.netty.channel.SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx, DatagramPacket p) {
            byte[] bytes = new byte[p.content().readableBytes()];
            p.content().getBytes(p.content().readerIndex(), bytes);
            received.add(bytes);
            if (received.size() == sent.size()) {
              all.complete(null);
            }
          }
        });
      }
    };
    UdpPortRange range = new UdpPortRange(LOOPBACK, 61050, 61059, channelClass,
        UdpSocketOptions.DEFAULT.withUdpGro(true));
    DatagramChannel receiver = range.bind(loop, init).syncUninterruptibly().getNow();
    EventLoop senderLoop = loops.media().next();
    io.netty.channel.Channel sender = new io.netty.bootstrap.Bootstrap().group(senderLoop)
        .channel(loops.datagramChannel()).handler(new ChannelInboundHandlerAdapter())
        .bind(LOOPBACK, 0).sync().channel();
    try {
      if (receiver instanceof io.netty.channel.epoll.EpollDatagramChannel) {
        assertTrue(receiver.config().getOption(io.netty.channel.epoll.EpollChannelOption.UDP_GRO),
            "UDP_GRO set on the socket");
      }
      senderLoop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(senderLoop);
        for (byte[] bytes : sent) {
          batcher.send(sender, receiver.localAddress(), io.netty.buffer.Unpooled.wrappedBuffer(bytes));
        }
      });
      all.get(WAIT_SECONDS, TimeUnit.SECONDS);
      List<byte[]> got = loop.submit(() -> new ArrayList<>(received)).get(WAIT_SECONDS,
          TimeUnit.SECONDS);
      assertEquals(sent.size(), got.size());
      for (int i = 0; i < sent.size(); i++) {
        assertArrayEquals(sent.get(i), got.get(i), "datagram " + i);
      }
    } finally {
      sender.close().sync();
      receiver.close().syncUninterruptibly();
    }
  }

  @Test
  void refusesHandlersThatCannotBeReused() {
    UdpPortRange range = UdpPortRange.create(loops, LOOPBACK, 61010, 61020, UdpSocketOptions.DEFAULT);
    EventLoop loop = loops.media().next();
    assertThrows(IllegalArgumentException.class, () -> range.bind(loop, new ChannelInboundHandlerAdapter()));
    assertThrows(IllegalArgumentException.class,
        () -> range.bindPair(loop, noop(), new ChannelInboundHandlerAdapter()));
  }

  @Test
  void validatesOptions() {
    assertEquals(0xB8, UdpSocketOptions.DEFAULT.withDscp(46).ipTos());
    assertThrows(IllegalArgumentException.class, () -> UdpSocketOptions.DEFAULT.withDscp(64));
    assertThrows(IllegalArgumentException.class, () -> UdpSocketOptions.DEFAULT.withIpTos(256));
    assertThrows(IllegalArgumentException.class, () -> new UdpSocketOptions(0, 1, 0, 2048));
    assertThrows(IllegalArgumentException.class, () -> new UdpSocketOptions(1, 1, 0, 16));
    assertEquals(2048, UdpSocketOptions.DEFAULT.readBufferSize());
    UdpSocketOptions gro = UdpSocketOptions.DEFAULT.withDscp(46).withUdpGro(true);
    assertEquals(UdpSocketOptions.GRO_READ_SIZE, gro.readBufferSize(), "a coalesced read is up to 64 KiB");
    assertEquals(0xB8, gro.ipTos());
    assertFalse(gro.withIpTos(0).withUdpGro(false).udpGro());
  }

  /**
   * Waits until {@code port} can be bound on 127.0.0.1. Epoll closes a socket when its channel closes; with
   * NIO the JDK closes it only when the event loop next polls its selector, a moment later.
   */
  static void awaitPortFree(int port) {
    for (int i = 0; ; i++) {
      try {
        new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close();
        return;
      } catch (SocketException e) {
        if (i == 1000) {
          throw new AssertionError("port " + port + " is still bound", e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }
  }

  private static ChannelInitializer<DatagramChannel> noop() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        // Nothing to read in these tests.
      }
    };
  }
}
