package org.rivulet.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The search itself, with fake attempts on a local event loop: no sockets.
 */
@Timeout(30)
class PortAllocatorTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static EventLoop loop;

  @BeforeAll
  static void start() {
    loop = new DefaultEventLoop();
  }

  @AfterAll
  static void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void triesEveryPortOnceThenReportsExhaustion() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 2000, 2009);
    List<Integer> tried = new ArrayList<>();
    Future<Object> result = allocator.allocate(loop, "UDP port", (address, port) -> {
      tried.add(port);
      return loop.newFailedFuture(new BindException("Address already in use"));
    }).awaitUninterruptibly();

    PortRangeExhaustedException e = assertInstanceOf(PortRangeExhaustedException.class, result.cause());
    assertEquals(10, e.attempts());
    assertEquals(2000, e.minPort());
    assertEquals(2009, e.maxPort());
    assertEquals("no free UDP port in 127.0.0.1 ports 2000-2009 (10 tried)", e.getMessage());
    assertInstanceOf(BindException.class, e.getCause());
    assertEquals(10, new HashSet<>(tried).size());
    // One walk round the range from a random start: consecutive, wrapping at the top.
    int start = tried.get(0);
    for (int i = 0; i < tried.size(); i++) {
      assertEquals(2000 + (start - 2000 + i) % 10, tried.get(i));
    }
  }

  @Test
  void returnsTheFirstPortThatBinds() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 3000, 3099);
    Future<Integer> result = allocator.allocate(loop, "UDP port", (address, port) ->
        port == 3042 ? loop.newSucceededFuture(port) : loop.newFailedFuture(new BindException("busy")));
    assertEquals(3042, result.syncUninterruptibly().getNow());
  }

  @Test
  void stopsAtAFailureThatIsNotAboutThePort() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 3000, 3099);
    SocketException tooManyFiles = new SocketException("Too many open files");
    int[] attempts = {0};
    Future<Object> result = allocator.allocate(loop, "UDP port", (address, port) -> {
      attempts[0]++;
      return loop.newFailedFuture(tooManyFiles);
    }).awaitUninterruptibly();
    assertSame(tooManyFiles, result.cause());
    assertEquals(1, attempts[0]);
  }

  @Test
  void evenSearchOffersPairsInsideTheRange() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 4001, 4010);
    Set<Integer> tried = new HashSet<>();
    Future<Object> result = allocator.allocateEven(loop, "UDP port pair", (address, port) -> {
      tried.add(port);
      return loop.newFailedFuture(new BindException("busy"));
    }).awaitUninterruptibly();
    assertEquals(Set.of(4002, 4004, 4006, 4008), tried, "4010 has no 4011 in the range");
    assertEquals(4, ((PortRangeExhaustedException) result.cause()).attempts());
  }

  @Test
  void aRangeWithoutPairsFailsAtOnce() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 5001, 5002);
    Future<Object> result = allocator.allocateEven(loop, "UDP port pair",
        (address, port) -> {
          throw new AssertionError("no candidate to try");
        }).awaitUninterruptibly();
    assertEquals(0, ((PortRangeExhaustedException) result.cause()).attempts());
  }

  /** Every retry is a task of its own: a long crowded range neither overflows the stack nor hogs the loop. */
  @Test
  void searchesTheWholePortSpace() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 1, 65535);
    Future<Object> result = allocator.allocate(loop, "UDP port",
        (address, port) -> loop.newFailedFuture(new BindException("busy"))).awaitUninterruptibly();
    assertEquals(65535, ((PortRangeExhaustedException) result.cause()).attempts());
  }

  @Test
  void theFutureCannotBeCancelled() {
    PortAllocator allocator = new PortAllocator(LOOPBACK, 6000, 6000);
    Future<Integer> result = allocator.allocate(loop, "UDP port", (address, port) -> loop.newPromise());
    assertFalse(result.cancel(false));
  }

  @Test
  void recognisesPortInUse() throws IOException {
    assertTrue(PortAllocator.isPortInUse(new BindException("Address already in use")));
    assertFalse(PortAllocator.isPortInUse(new SocketException("Too many open files")));
    assertFalse(PortAllocator.isPortInUse(new IOException("other")));
    // The build runs on Linux x86-64/aarch64, where the native epoll transport always loads.
    assertTrue(Epoll.isAvailable(), "the epoll errno check needs the native library: "
        + Epoll.unavailabilityCause());
    assertTrue(PortAllocator.isPortInUse(new Errors.NativeIoException("bind", -98)));
    assertFalse(PortAllocator.isPortInUse(new Errors.NativeIoException("bind", -99))); // EADDRNOTAVAIL
  }

  @Test
  void validatesTheRange() {
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(LOOPBACK, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(LOOPBACK, 10, 9));
    assertThrows(IllegalArgumentException.class, () -> new PortAllocator(LOOPBACK, 10, 65536));
  }

  @Test
  void requiresSharableHandlers() {
    assertThrows(IllegalArgumentException.class,
        () -> PortAllocator.requireSharable(new ChannelInboundHandlerAdapter()));
    ChannelHandlerAdapter initializer = new ChannelInitializer<>() {
      @Override
      protected void initChannel(io.netty.channel.Channel ch) {}
    };
    assertSame(initializer, PortAllocator.requireSharable(initializer));
  }
}
