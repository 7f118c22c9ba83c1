package org.rivulet.transport.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.FailingAllocator;

/**
 * A real socket on 127.0.0.1 (epoll) whose reads meet a full direct memory: Netty's read fails,
 * the fault handler frees the loop's caches and counts it, and the datagrams, left in the kernel's
 * buffer, are read once memory is back (RELIABILITY.md B12.139).
 */
@Timeout(30)
class ChannelFaultsOnSocketsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static EventLoops loops;

  @BeforeAll
  static void start() {
    loops = EventLoops.create(1, 1);
  }

  @AfterAll
  static void stop() {
    loops.close();
  }

  @Test
  void readsThatFindNoDirectMemoryAreCountedAndTheirDatagramsReadOnceMemoryIsBack()
      throws Exception {
    EventLoop loop = loops.media().next();
    FailingAllocator alloc = new FailingAllocator();
    List<String> reports = new CopyOnWriteArrayList<>();
    ChannelFaults faults = new ChannelFaults("test", (kind, d) -> reports.add(kind + " " + d));
    List<Integer> read = new CopyOnWriteArrayList<>();
    AtomicInteger relieved = new AtomicInteger();
    Runnable unregister = MemoryPressure.register(loop, relieved::incrementAndGet);
    Channel ch = new Bootstrap().group(loop).channel(loops.datagramChannel())
        .option(ChannelOption.ALLOCATOR, alloc)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            read.add((int) p.content().readByte());
            p.release();
          }
        })
        .bind(LOOPBACK, 0).sync().channel();
    ch.pipeline().addLast(new ChannelFaultHandler(faults));
    try (DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
      InetSocketAddress to = (InetSocketAddress) ch.localAddress();
      alloc.failNext(3);
      for (int i = 1; i <= 3; i++) {
        int failures = i;
        peer.send(new java.net.DatagramPacket(new byte[] {(byte) i}, 1, to));
        waitUntil(() -> alloc.failed() >= failures, 2);
      }
      waitUntil(() -> faults.count(ChannelFaults.Kind.OUT_OF_MEMORY) >= 1, 5);
      peer.send(new java.net.DatagramPacket(new byte[] {4}, 1, to));
      waitUntil(() -> read.size() == 4, 5);

      assertEquals(List.of(1, 2, 3, 4), read, "nothing lost, nothing reordered");
      long failedReads = faults.count(ChannelFaults.Kind.OUT_OF_MEMORY);
      assertTrue(failedReads >= 1 && failedReads <= 3, faults.toString());
      assertEquals(failedReads, relieved.get(), "each failed read freed the loop's caches");
      assertEquals(1, reports.size(), "one report for the spell: " + reports);
      assertTrue(reports.get(0).startsWith("OUT_OF_MEMORY"), reports.get(0));
      assertTrue(ch.isOpen());
    } finally {
      unregister.run();
      ch.close().sync();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
