package org.rivulet.transport.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.udp.PortAllocator;

/**
 * Binds passive ICE-TCP listeners (RFC 6544, tcptype passive) to free ports of the media port range, and
 * frames the connections they accept with RFC 4571.
 *
 * <p>Each accepted connection gets this pipeline, then the caller's handler:
 * <pre>
 *   socket --&gt; [ {@value #DECODER}: Rfc4571FrameDecoder ]   frames in
 *             [ {@value #ENCODER}: Rfc4571FrameEncoder ]   frames out
 *             [ {@value #DATAGRAMS}: FramedDatagramHandler ] frames &lt;-&gt; DatagramPacket(peer)
 *             [ caller's child handler, e.g. a ChannelInitializer adding FirstByteDemuxHandler ]
 * </pre>
 * so the layers above read and write {@code DatagramPacket}s as they do on UDP. Insert test stages (an
 * {@code ImpairmentHandler}) before {@value #DECODER} to act on the byte stream, or after
 * {@value #DATAGRAMS} to act on packets.
 *
 * <p>The listener and all its connections are registered on the event loop the caller names, so one
 * {@link Rfc4571Counters} serves them all. The caller owns the listener and closes it to free the port;
 * closing it does not close connections already accepted, which the ICE layer closes with their candidate
 * pairs. Binding never blocks: see {@link PortAllocator}.
 *
 * <p>Thread-safe and stateless beyond its configuration.
 */
public final class TcpPortRange {

  /** Name of the frame decoder in each connection's pipeline. */
  public static final String DECODER = "rfc4571-decoder";
  /** Name of the frame encoder in each connection's pipeline. */
  public static final String ENCODER = "rfc4571-encoder";
  /** Name of the frame/datagram adapter in each connection's pipeline. */
  public static final String DATAGRAMS = "rfc4571-datagrams";

  private final PortAllocator ports;
  private final Class<? extends ServerSocketChannel> channelClass;

  /**
   * @param channelClass the server channel class matching the event loops that will be passed in
   *     ({@link EventLoops#serverSocketChannel()})
   */
  public TcpPortRange(InetAddress address, int minPort, int maxPort,
      Class<? extends ServerSocketChannel> channelClass) {
    this.ports = new PortAllocator(address, minPort, maxPort);
    this.channelClass = Objects.requireNonNull(channelClass, "channelClass");
  }

  /** A range whose channels match {@code loops} (epoll or NIO). */
  public static TcpPortRange create(EventLoops loops, InetAddress address, int minPort, int maxPort) {
    return new TcpPortRange(address, minPort, maxPort, loops.serverSocketChannel());
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

  /**
   * Binds a listener to a free port of the range.
   *
   * @param loop the pipeline's event loop: the listener and every connection it accepts are registered on
   *     it, and the future completes on it; may be called from any thread
   * @param counters framing counters for all the listener's connections, confined to {@code loop}
   * @param childHandler added last to each connection's pipeline; {@code @Sharable} (a
   *     {@code ChannelInitializer})
   * @return the listening channel, which the caller owns, or a failure:
   *     {@link org.rivulet.transport.udp.PortRangeExhaustedException} when every port is taken
   */
  public Future<ServerSocketChannel> bindPassive(EventLoop loop, Rfc4571Counters counters,
      ChannelHandler childHandler) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(counters, "counters");
    PortAllocator.requireSharable(childHandler); // every connection gets it
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loop) // the listener and its connections on the pipeline's loop
        .channel(channelClass)
        .childOption(ChannelOption.TCP_NODELAY, true) // media: no Nagle delay on small frames
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(DECODER, new Rfc4571FrameDecoder(counters));
            p.addLast(ENCODER, new Rfc4571FrameEncoder(counters));
            p.addLast(DATAGRAMS, new FramedDatagramHandler(counters));
            p.addLast(childHandler);
          }
        });
    return ports.allocate(loop, "TCP port", (address, port) -> {
      Promise<ServerSocketChannel> result = loop.newPromise();
      bootstrap.bind(new InetSocketAddress(address, port)).addListener((ChannelFuture f) -> {
        if (f.isSuccess()) {
          result.setSuccess((ServerSocketChannel) f.channel());
        } else {
          result.setFailure(f.cause());
          PortAllocator.discardFailedBind(f.channel());
        }
      });
      return result;
    });
  }
}
