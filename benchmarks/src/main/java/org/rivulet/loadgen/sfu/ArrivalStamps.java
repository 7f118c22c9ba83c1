package org.rivulet.loadgen.sfu;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.file.Path;

/**
 * When a datagram reached a synthetic subscriber's socket, by the kernel's receive stamp
 * ({@code SIOCGSTAMPNS}, through {@code src/main/c/arrival_stamps.c}), as {@link System#nanoTime}.
 *
 * <p>Why: the server's added latency ends where its datagram reaches the subscriber. The hundred
 * synthetic subscribers share one vCPU, and a keyframe is about 2,500 datagrams to read and
 * decrypt there at once: the last ones wait in their sockets for milliseconds, a wait a real
 * subscriber, on its own machine, would not have. The time a peer's receive path hands the packet
 * over is still measured, and reported beside it.
 *
 * <p>How: {@link #tap} goes first in each subscriber socket's pipeline and notes, per event loop
 * thread, which socket the datagram being handled came from; the packet's listener, called in the
 * same pass, asks the kernel for that socket's last stamp ({@link #current}), which is this
 * datagram's (Netty reads one datagram, or one GRO batch of one send, per {@code recvmsg}, and
 * handles it before the next read).
 */
final class ArrivalStamps {
  private static final FastThreadLocal<int[]> CURRENT = new FastThreadLocal<>() {
    @Override
    protected int[] initialValue() {
      return new int[] {-1};
    }
  };
  private static final Tap TAP = new Tap();

  private ArrivalStamps() {
  }

  /** Loads the JNI library built from {@code arrival_stamps.c}. */
  static void load(Path library) {
    System.load(library.toAbsolutePath().toString());
  }

  /**
   * When the datagram {@code fd} read last reached it (System.nanoTime), or -1 when the socket has
   * none; the first call on a socket turns the kernel's stamps on and returns -1.
   */
  static native long arrival(int fd);

  /** The handler to place first in each subscriber socket (one instance serves them all). */
  static ChannelHandler tap() {
    return TAP;
  }

  /** The arrival of the datagram this thread is handling, or -1 if none is known. */
  static long current() {
    int fd = CURRENT.get()[0];
    return fd < 0 ? -1 : arrival(fd);
  }

  @ChannelHandler.Sharable
  private static final class Tap extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      if (ctx.channel() instanceof EpollDatagramChannel ch) {
        arrival(ch.fd().intValue()); // turns stamping on
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      int[] current = CURRENT.get();
      current[0] = ctx.channel() instanceof EpollDatagramChannel ch ? ch.fd().intValue() : -1;
      try {
        ctx.fireChannelRead(msg);
      } finally {
        current[0] = -1; // a packet handed over later (not in this read) has no known arrival
      }
    }
  }
}
