package org.rivulet.transport.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.rivulet.transport.EventLoops;

/**
 * Binds media UDP channels to free ports of the configured range ({@code minPort..maxPort} of Kurento's
 * {@code BaseRtpEndpoint.conf.ini}) on one local address: one channel for ICE/rtcp-mux, or an RTP/RTCP
 * pair for plain RTP.
 *
 * <p>Each channel is registered on the event loop the caller names, the loop of the media pipeline it
 * belongs to (ARCHITECTURE.md, pipeline affinity), and the returned future completes on that loop. Binding
 * never blocks: see {@link PortAllocator}. The caller owns the channels it gets and releases a port by
 * closing its channel ({@link RtpRtcpPair#close()} for a pair). With epoll the port is free again when
 * the close completes; with NIO the JDK closes the socket only when the loop next polls its selector, a
 * moment later (a search in between simply moves on to another port).
 *
 * <p>The pipeline is set up by the {@code handler} given to {@link #bind}: typically a
 * {@code ChannelInitializer} that adds the demultiplexer with the endpoint's sinks. Pitfall: the handler is
 * added to every channel the search creates, including those whose bind fails, so it must be
 * {@code @Sharable}; a {@code ChannelInitializer} is.
 *
 * <p>Thread-safe and stateless beyond its configuration: one instance serves every pipeline.
 */
public final class UdpPortRange {

  private final PortAllocator ports;
  private final Class<? extends DatagramChannel> channelClass;
  private final UdpSocketOptions options;

  /**
   * @param address the local address to bind on
   * @param channelClass the datagram channel class matching the event loops that will be passed in
   *     ({@link EventLoops#datagramChannel()})
   */
  public UdpPortRange(InetAddress address, int minPort, int maxPort,
      Class<? extends DatagramChannel> channelClass, UdpSocketOptions options) {
    this.ports = new PortAllocator(address, minPort, maxPort);
    this.channelClass = Objects.requireNonNull(channelClass, "channelClass");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A range whose channels match {@code loops} (epoll or NIO). */
  public static UdpPortRange create(EventLoops loops, InetAddress address, int minPort, int maxPort,
      UdpSocketOptions options) {
    return new UdpPortRange(address, minPort, maxPort, loops.datagramChannel(), options);
  }

  public InetAddress address() {
    return ports.address();
  }

  public int minPort() {
    return ports.minPort();
  }

  public int maxPort() {
    return ports.maxPort();
  }

  public UdpSocketOptions options() {
    return options;
  }

  /**
   * Binds one channel to a free port of the range.
   *
   * @param loop the pipeline's event loop: the channel is registered on it and the future completes on
   *     it; may be called from any thread
   * @param handler the channel's handler, {@code @Sharable} (a {@code ChannelInitializer})
   * @return the bound channel, which the caller owns, or a failure: {@link PortRangeExhaustedException}
   *     when every port is taken, another cause when binding is impossible (address not local, out of file
   *     descriptors)
   */
  public Future<DatagramChannel> bind(EventLoop loop, ChannelHandler handler) {
    Bootstrap bootstrap = bootstrap(loop, handler);
    return ports.allocate(loop, "UDP port", (address, port) -> bindOne(loop, bootstrap, address, port));
  }

  /**
   * Binds an RTP channel to a free even port {@code p} and an RTCP channel to {@code p + 1}, for plain RTP
   * without rtcp-mux (RFC 3550 section 11). A candidate whose odd port is taken is given up (its even
   * channel closed) and the search moves on.
   *
   * @param loop the pipeline's event loop, for both channels
   * @param rtpHandler the RTP channel's handler, {@code @Sharable}
   * @param rtcpHandler the RTCP channel's handler, {@code @Sharable}
   */
  public Future<RtpRtcpPair> bindPair(EventLoop loop, ChannelHandler rtpHandler,
      ChannelHandler rtcpHandler) {
    Bootstrap rtpBootstrap = bootstrap(loop, rtpHandler);
    Bootstrap rtcpBootstrap = bootstrap(loop, rtcpHandler);
    return ports.allocateEven(loop, "UDP port pair (even RTP, odd RTCP)", (address, port) -> {
      Promise<RtpRtcpPair> pair = loop.newPromise();
      bindOne(loop, rtpBootstrap, address, port).addListener(rtpDone -> {
        if (!rtpDone.isSuccess()) {
          pair.setFailure(rtpDone.cause());
          return;
        }
        DatagramChannel rtp = (DatagramChannel) rtpDone.getNow();
        bindOne(loop, rtcpBootstrap, address, port + 1).addListener(rtcpDone -> {
          if (rtcpDone.isSuccess()) {
            pair.setSuccess(new RtpRtcpPair(rtp, (DatagramChannel) rtcpDone.getNow()));
          } else {
            rtp.close();
            pair.setFailure(rtcpDone.cause());
          }
        });
      });
      return pair;
    });
  }

  private Bootstrap bootstrap(EventLoop loop, ChannelHandler handler) {
    Objects.requireNonNull(loop, "loop");
    PortAllocator.requireSharable(handler);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(channelClass)
        .option(ChannelOption.SO_RCVBUF, options.receiveBufferSize())
        .option(ChannelOption.SO_SNDBUF, options.sendBufferSize())
        .option(ChannelOption.RCVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(options.readBufferSize()))
        .handler(handler);
    if (options.ipTos() != 0) {
      bootstrap.option(ChannelOption.IP_TOS, options.ipTos());
    }
    if (options.udpGro() && EpollDatagramChannel.class.isAssignableFrom(channelClass)) {
      bootstrap.option(EpollChannelOption.UDP_GRO, true); // NIO has no GRO: plain reads there
    }
    return bootstrap;
  }

  /** One bind; completes on {@code loop} with the channel, or fails with the channel closed. */
  private static Future<DatagramChannel> bindOne(EventLoop loop, Bootstrap bootstrap, InetAddress address,
      int port) {
    Promise<DatagramChannel> result = loop.newPromise();
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(address, port));
    bound.addListener((ChannelFuture f) -> {
      if (f.isSuccess()) {
        result.setSuccess((DatagramChannel) f.channel());
      } else {
        result.setFailure(f.cause());
        PortAllocator.discardFailedBind(f.channel());
      }
    });
    return result;
  }
}
