package org.rivulet.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The server's Netty event loop groups and the channel classes that go with them: the native epoll
 * transport when it loads on this machine, NIO otherwise (probed once, as Netty's {@code Epoll} does).
 *
 * <p>{@link #media()} carries every pipeline: a pipeline is bound to one of its loops, and so are the
 * channels of its endpoints. {@link #control()} carries WebSocket connections. Both are created by
 * {@link #create(int, int)} and shut down together by {@link #close()}.
 */
public final class EventLoops implements AutoCloseable {

  private final boolean epoll;
  private final EventLoopGroup control;
  private final EventLoopGroup media;

  private EventLoops(boolean epoll, EventLoopGroup control, EventLoopGroup media) {
    this.epoll = epoll;
    this.control = control;
    this.media = media;
  }

  /**
   * Creates the two groups. {@code mediaThreads} of 0 means one per available processor.
   */
  public static EventLoops create(int controlThreads, int mediaThreads) {
    boolean epoll = Epoll.isAvailable();
    return new EventLoops(epoll, group(epoll, controlThreads, "rivulet-control"),
        group(epoll, mediaThreads, "rivulet-media"));
  }

  private static EventLoopGroup group(boolean epoll, int threads, String name) {
    DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
    return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
  }

  /** True when the native epoll transport is in use. */
  public boolean isEpoll() {
    return epoll;
  }

  /** Why epoll is not in use, or null when it is. */
  public static Throwable epollUnavailabilityCause() {
    return Epoll.unavailabilityCause();
  }

  public EventLoopGroup control() {
    return control;
  }

  public EventLoopGroup media() {
    return media;
  }

  public Class<? extends ServerSocketChannel> serverSocketChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends DatagramChannel> datagramChannel() {
    return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  /** Shuts both groups down gracefully and waits up to five seconds for them. */
  @Override
  public void close() {
    control.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    media.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    control.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    media.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
