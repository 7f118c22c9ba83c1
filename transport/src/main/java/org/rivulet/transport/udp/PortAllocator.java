package org.rivulet.transport.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.BindException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a free port in {@code [minPort, maxPort]} on one local address by trying to bind, without ever
 * blocking the event loop: each attempt is an asynchronous bind, and the next attempt is chained as a
 * new task on the loop when the previous one reports the port in use.
 *
 * <pre>
 *   minPort                     s (random)                                  maxPort
 *      | k+1  k+2  ...   n  |   1    2    3   ...                      k    |
 *   attempt numbers: from s up to maxPort, then from minPort up to s - 1; n = number of candidates
 *   (allocateEven walks the even ports p with p + 1 &lt;= maxPort the same way)
 * </pre>
 *
 * <p>The search starts at a random candidate, so concurrent allocations (several pipelines on several
 * loops) seldom race for the same port and a port just released is seldom handed out again at once,
 * then walks the range with wrap-around and gives up with a {@link PortRangeExhaustedException} once
 * every candidate failed. Only a port-in-use failure moves on to the next port (see
 * {@link #isPortInUse}); any other failure ends the search with that cause, since it would repeat on
 * every port.
 *
 * <p>The allocator keeps no state of its own: the operating system knows which ports are taken, and
 * closing a channel frees its port. It lives in {@code udp} because UDP is its main user;
 * {@link org.rivulet.transport.tcp.TcpPortRange} uses it for ICE-TCP listeners.
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Each retry is a separate task on the loop, so a search through a long, crowded range lets media
 *       packets on the same loop through between attempts and never grows the stack.
 *   <li>The returned future cannot be cancelled: once a bind succeeded the caller owns the result and must
 *       close it, so there is no window in which a bound port could be lost.
 * </ul>
 */
public final class PortAllocator {

  /** Linux's EADDRINUSE; epoll, and so {@link Errors.NativeIoException}, exists only on Linux. */
  private static final int EADDRINUSE = 98;

  private final InetAddress address;
  private final int minPort;
  private final int maxPort;

  /**
   * One try at one port, started on the event loop. The future completes (on that loop) with what was
   * bound, which the caller of {@link #allocate} then owns, or fails; a failure for which
   * {@link #isPortInUse} holds moves the search on. An attempt that fails closes whatever it opened.
   *
   * @param <T> what a successful attempt yields: a channel, a pair of channels
   */
  @FunctionalInterface
  public interface Attempt<T> {
    Future<T> tryPort(InetAddress address, int port);
  }

  /**
   * @param address the local address to bind on (an interface address, or the wildcard)
   * @param minPort the lowest port, at least 1
   * @param maxPort the highest port, at most 65535 and not below {@code minPort}
   */
  public PortAllocator(InetAddress address, int minPort, int maxPort) {
    this.address = Objects.requireNonNull(address, "address");
    if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
      throw new IllegalArgumentException("bad port range " + minPort + "-" + maxPort);
    }
    this.minPort = minPort;
    this.maxPort = maxPort;
  }

  public InetAddress address() {
    return address;
  }

  public int minPort() {
    return minPort;
  }

  public int maxPort() {
    return maxPort;
  }

  /**
   * Tries the ports of the range, from a random one on, until {@code attempt} succeeds.
   *
   * @param loop where the attempts run and the future completes; may be called from any thread
   * @param what what is sought, for the exhaustion message ("UDP port")
   */
  public <T> Future<T> allocate(EventLoop loop, String what, Attempt<T> attempt) {
    return search(loop, what, minPort, 1, maxPort - minPort + 1, attempt);
  }

  /**
   * Tries the even ports {@code p} of the range for which {@code p + 1} is in the range too, from a
   * random one on, until {@code attempt} succeeds: the RTP/RTCP pairs of plain RTP (RFC 3550 section 11:
   * RTP on an even port, RTCP on the next one).
   */
  public <T> Future<T> allocateEven(EventLoop loop, String what, Attempt<T> attempt) {
    int first = (minPort + 1) & ~1;
    int last = (maxPort - 1) & ~1; // the highest even p with p + 1 <= maxPort
    int count = last >= first ? (last - first) / 2 + 1 : 0;
    return search(loop, what, first, 2, count, attempt);
  }

  /**
   * Disposes of the channel of a failed bind: closes it when it was registered. One that could not
   * even be made (no file descriptor left: Netty hands back a placeholder) or registered was closed
   * by Netty already, and closing it through its loop would throw, leaving the bind's promise
   * unanswered (RELIABILITY.md B12.138).
   */
  public static void discardFailedBind(Channel channel) {
    if (channel.isRegistered()) {
      channel.close();
    } else {
      channel.unsafe().closeForcibly();
    }
  }

  /**
   * Whether a failure, or one of its causes, is the server's lack of resources for a socket rather
   * than a bad request: the port range exhausted ({@link PortRangeExhaustedException},
   * RELIABILITY.md B12.137), or the process or the system out of something a socket needs
   * (EMFILE, ENFILE, ENOBUFS, ENOMEM: B12.138). Kurento answers both with NOT_ENOUGH_RESOURCES.
   */
  public static boolean isOutOfResources(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PortRangeExhaustedException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("Too many open files") || m.contains("No buffer space")
          || m.contains("Cannot allocate memory"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a bind failure means "this port is taken": a {@link BindException} from the JDK (NIO), or
   * EADDRINUSE from the native epoll transport, which reports errno values in
   * {@link Errors.NativeIoException}. The JDK also uses {@code BindException} for an address that is not
   * local; with NIO such a search therefore tries every port before it reports the range exhausted, with
   * the real reason as the cause.
   */
  public static boolean isPortInUse(Throwable cause) {
    if (cause instanceof BindException) {
      return true;
    }
    return cause instanceof Errors.NativeIoException e && e.expectedErr() == -EADDRINUSE;
  }

  /**
   * Checks that {@code handler} may be added to several channels. Every channel a search creates gets the
   * handler, including those whose bind fails, so a handler that is not {@code @Sharable} would fail the
   * second attempt; a {@code ChannelInitializer} is sharable.
   *
   * @return {@code handler}
   * @throws IllegalArgumentException when it is not {@code @Sharable}
   */
  public static ChannelHandler requireSharable(ChannelHandler handler) {
    Objects.requireNonNull(handler, "handler");
    boolean sharable = handler instanceof ChannelHandlerAdapter adapter
        ? adapter.isSharable()
        : handler.getClass().isAnnotationPresent(ChannelHandler.Sharable.class);
    if (!sharable) {
      throw new IllegalArgumentException(handler.getClass().getName()
          + " is not @Sharable; pass a ChannelInitializer");
    }
    return handler;
  }

  private <T> Future<T> search(EventLoop loop, String what, int first, int step, int count,
      Attempt<T> attempt) {
    Objects.requireNonNull(attempt, "attempt");
    Promise<T> promise = loop.newPromise();
    promise.setUncancellable();
    if (count == 0) {
      promise.setFailure(new PortRangeExhaustedException(what, address, minPort, maxPort, 0, null));
      return promise;
    }
    Search<T> search = new Search<>(loop, what, first, step, count,
        ThreadLocalRandom.current().nextInt(count), attempt, promise);
    search.next();
    return promise;
  }

  /** One search: the candidates {@code first + i * step}, {@code i} from {@code start} round to {@code start - 1}. */
  private final class Search<T> implements Runnable {
    private final EventLoop loop;
    private final String what;
    private final int first;
    private final int step;
    private final int count;
    private final int start;
    private final Attempt<T> attempt;
    private final Promise<T> promise;
    private int tried;

    Search(EventLoop loop, String what, int first, int step, int count, int start, Attempt<T> attempt,
        Promise<T> promise) {
      this.loop = loop;
      this.what = what;
      this.first = first;
      this.step = step;
      this.count = count;
      this.start = start;
      this.attempt = attempt;
      this.promise = promise;
    }

    /** Schedules the next attempt as a task of its own. */
    void next() {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        promise.tryFailure(e); // the loop is shutting down
      }
    }

    @Override
    public void run() {
      int port = first + ((start + tried) % count) * step;
      tried++;
      Future<T> result;
      try {
        result = attempt.tryPort(address, port);
      } catch (RuntimeException e) {
        promise.tryFailure(e);
        return;
      }
      result.addListener(done -> {
        if (done.isSuccess()) {
          promise.trySuccess(result.getNow());
        } else if (!isPortInUse(done.cause())) {
          promise.tryFailure(done.cause());
        } else if (tried == count) {
          promise.tryFailure(
              new PortRangeExhaustedException(what, address, minPort, maxPort, tried, done.cause()));
        } else {
          next();
        }
      });
    }
  }
}
