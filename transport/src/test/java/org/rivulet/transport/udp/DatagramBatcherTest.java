package org.rivulet.transport.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.FailingAllocator;

/** Real sockets on 127.0.0.1: the epoll transport (GSO where the kernel has it) and NIO. */
@Timeout(60)
class DatagramBatcherTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final InetSocketAddress A = new InetSocketAddress(LOOPBACK, 40000);
  private static final InetSocketAddress B = new InetSocketAddress(LOOPBACK, 40001);

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

  // ------------------------------------------------------------------ GSO runs

  /** Pending datagrams of these sizes, all to {@code to} (only their lengths are read). */
  private static List<DatagramBatcher.Pending> items(InetSocketAddress to, int... sizes) {
    List<DatagramBatcher.Pending> items = new ArrayList<>();
    for (int size : sizes) {
      items.add(new DatagramBatcher.Pending(to, Unpooled.wrappedBuffer(new byte[size])));
    }
    return items;
  }

  @Test
  void equalDatagramsToOneAddressMakeOneRunAndAShorterOneEndsIt() {
    assertEquals(4, DatagramBatcher.runEnd(items(A, 1200, 1200, 1200, 700, 1200), 0));
    assertEquals(5, DatagramBatcher.runEnd(items(A, 1200, 1200, 1200, 700, 1200), 4));
    assertEquals(1, DatagramBatcher.runEnd(items(A, 700, 1200), 0), "a longer one breaks it");
    assertEquals(1, DatagramBatcher.runEnd(items(A, 100), 0));
  }

  @Test
  void anotherAddressOrTheLimitsEndARun() {
    List<DatagramBatcher.Pending> mixed = items(A, 1200, 1200);
    mixed.addAll(items(B, 1200));
    assertEquals(2, DatagramBatcher.runEnd(mixed, 0));
    int[] many = new int[100];
    Arrays.fill(many, 100);
    assertEquals(DatagramBatcher.MAX_SEGMENTS, DatagramBatcher.runEnd(items(A, many), 0));
    int[] big = new int[60];
    Arrays.fill(big, 1400);
    assertEquals(DatagramBatcher.MAX_GSO_BYTES / 1400, DatagramBatcher.runEnd(items(A, big), 0));
    assertEquals(1, DatagramBatcher.runEnd(items(A, 1500, 1500, 1500), 0),
        "a segment over the MTU goes alone");
  }

  // ------------------------------------------------------------------ over real sockets

  @Test
  void everyDatagramArrivesIntactAndInOrderOverEpoll() throws Exception {
    long[] counts = sendThrough(loops.media().next(), loops.datagramChannel());
    if (SegmentedDatagramPacket.isSupported()) {
      assertTrue(counts[1] < counts[0] / 2,
          "GSO batches: " + counts[1] + " messages for " + counts[0] + " datagrams");
    }
  }

  @Test
  void everyDatagramArrivesIntactAndInOrderOverNio() throws Exception {
    long[] counts = sendThrough(nio.next(), NioDatagramChannel.class);
    assertEquals(counts[0], counts[1], "no GSO without epoll: one message per datagram");
  }

  @Test
  void deferredDatagramsAreMadeAtTheFlushInTheirPlace() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress to = (InetSocketAddress) a.getLocalSocketAddress();
      List<String> events = new ArrayList<>();
      CompletableFuture<List<String>> seen = new CompletableFuture<>();
      java.util.function.IntConsumer sent = bytes -> events.add("sent " + bytes);
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        batcher.send(ch, to, Unpooled.wrappedBuffer(new byte[] {1}));
        batcher.send(ch, to, deferred(events, (byte) 2), sent);
        batcher.send(ch, to, deferred(events, (byte) 0), sent); // cannot be made: skipped
        batcher.send(ch, to, Unpooled.wrappedBuffer(new byte[] {3}));
        events.add("queued");
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> seen.complete(List.copyOf(events)));
      });
      assertEquals(List.of("queued", "build 2", "sent 1", "build 0"),
          seen.get(10, TimeUnit.SECONDS));
      for (int expected : new int[] {1, 2, 3}) {
        DatagramPacket p = new DatagramPacket(new byte[16], 16);
        a.receive(p);
        assertEquals(1, p.getLength());
        assertEquals(expected, p.getData()[0]);
      }
    } finally {
      ch.close().sync();
    }
  }

  /**
   * A channel's datagrams are made one after another into one buffer. One that writes part of
   * itself there and then cannot be made leaves nothing behind: its neighbours, of one length and
   * so one GSO send, arrive whole, with nothing of it between them.
   */
  @Test
  void aDatagramThatFailsHalfMadeLeavesNothingInItsChannelsBuffer() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress to = (InetSocketAddress) a.getLocalSocketAddress();
      List<Integer> readableOnEntry = new java.util.concurrent.CopyOnWriteArrayList<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        batcher.send(ch, to, madeInto(1, readableOnEntry), null);
        batcher.send(ch, to, madeInto(-1, readableOnEntry), null);
        batcher.send(ch, to, madeInto(3, readableOnEntry), null);
      });
      for (int expected : new int[] {1, 3}) {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        a.receive(p);
        assertEquals(1000, p.getLength());
        for (int i = 0; i < 1000; i++) {
          assertEquals(expected, p.getData()[i]);
        }
      }
      a.setSoTimeout(200);
      assertThrows(java.net.SocketTimeoutException.class,
          () -> a.receive(new DatagramPacket(new byte[2048], 2048)), "nothing else arrives");
      assertEquals(List.of(0, 0, 0), readableOnEntry, "each maker sees only its own bytes");
    } finally {
      ch.close().sync();
    }
  }

  /**
   * 1000 bytes of {@code value} appended; a negative value writes 500 of them, then fails. Notes
   * how many bytes {@code out} had readable when it was called.
   */
  private static DeferredDatagram madeInto(int value, List<Integer> readableOnEntry) {
    return new DeferredDatagram() {
      @Override
      public ByteBuf build() {
        throw new AssertionError("the batcher makes into its channel's buffer");
      }

      @Override
      public int buildInto(ByteBuf out) {
        readableOnEntry.add(out.readableBytes());
        if (value < 0) {
          out.writeBytes(new byte[500]);
          return -1;
        }
        byte[] bytes = new byte[1000];
        Arrays.fill(bytes, (byte) value);
        out.writeBytes(bytes);
        return bytes.length;
      }

      @Override
      public void discard() {
      }
    };
  }

  @Test
  void deferredDatagramsForAClosedChannelAreDiscarded() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    ch.close().sync();
    List<String> events = new ArrayList<>();
    CompletableFuture<List<String>> seen = new CompletableFuture<>();
    loop.execute(() -> {
      DatagramBatcher.on(loop).send(ch, A, deferred(events, (byte) 9), null);
      ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
          () -> seen.complete(List.copyOf(events)));
    });
    assertEquals(List.of("discard 9"), seen.get(10, TimeUnit.SECONDS));
  }

  /**
   * Making a datagram may queue more (a viewer's packet held for a keyframe makes its session ask
   * the source for one): to a channel already sent in this flush, to one not yet sent, and to the
   * channel being sent. Each arrives, after what was queued before it on its channel.
   */
  @Test
  void datagramsQueuedWhileMakingOthersAreSentInTheSameFlush() throws Exception {
    try (TwoChannels t = new TwoChannels()) {
      CompletableFuture<Boolean> flushed = new CompletableFuture<>();
      t.loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(t.loop);
        batcher.send(t.first, t.toA, Unpooled.wrappedBuffer(new byte[] {1}));
        batcher.send(t.second, t.toB, new DeferredDatagram() {
          @Override
          public ByteBuf build() {
            batcher.send(t.first, t.toA, Unpooled.wrappedBuffer(new byte[] {2})); // sent already
            batcher.send(t.second, t.toB, Unpooled.wrappedBuffer(new byte[] {4})); // being sent
            return Unpooled.wrappedBuffer(new byte[] {3});
          }

          @Override
          public void discard() {
          }
        }, null);
        ((SingleThreadEventLoop) t.loop).executeAfterEventLoopIteration(
            () -> flushed.complete(Boolean.TRUE));
      });
      assertTrue(flushed.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(1, 2), receive(t.a, 2));
      assertEquals(List.of(3, 4), receive(t.b, 2));
    }
  }

  /** A maker that throws loses its own datagram; the others, and later flushes, still go out. */
  @Test
  void aDatagramWhoseMakingThrowsIsDroppedAndTheFlushGoesOn() throws Exception {
    try (TwoChannels t = new TwoChannels()) {
      t.loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(t.loop);
        batcher.send(t.first, t.toA, new DeferredDatagram() {
          @Override
          public ByteBuf build() {
            throw new IllegalStateException("a defect in the maker (expected in this test)");
          }

          @Override
          public void discard() {
          }
        }, null);
        batcher.send(t.first, t.toA, Unpooled.wrappedBuffer(new byte[] {1}));
        batcher.send(t.second, t.toB, Unpooled.wrappedBuffer(new byte[] {2}));
      });
      assertEquals(List.of(1), receive(t.a, 1));
      assertEquals(List.of(2), receive(t.b, 1));
      t.loop.execute(() -> DatagramBatcher.on(t.loop).send(t.first, t.toA,
          Unpooled.wrappedBuffer(new byte[] {3})));
      assertEquals(List.of(3), receive(t.a, 1), "the next flush works");
    }
  }

  /** Two channels on one loop, each sending to a receiving socket of its own. */
  private static final class TwoChannels implements AutoCloseable {
    final EventLoop loop = loops.media().next();
    final Channel first;
    final Channel second;
    final DatagramSocket a = new DatagramSocket(0, LOOPBACK);
    final DatagramSocket b = new DatagramSocket(0, LOOPBACK);
    final InetSocketAddress toA = (InetSocketAddress) a.getLocalSocketAddress();
    final InetSocketAddress toB = (InetSocketAddress) b.getLocalSocketAddress();

    TwoChannels() throws Exception {
      a.setSoTimeout(5000);
      b.setSoTimeout(5000);
      first = bind(loop, loops.datagramChannel());
      second = bind(loop, loops.datagramChannel());
    }

    @Override
    public void close() throws InterruptedException {
      a.close();
      b.close();
      first.close().sync();
      second.close().sync();
    }
  }

  /**
   * A channel whose socket has not taken what was written before (Netty's outbound buffer over its
   * high-water mark) gets nothing more: later datagrams are dropped unmade and counted, instead of
   * queueing without bound behind a congested network, until it drains.
   */
  @Test
  void aChannelThatCannotTakeMoreDropsNewDatagramsUntilItDrains() {
    boolean[] drain = {false};
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        if (drain[0]) {
          ctx.flush(); // otherwise the "socket" takes nothing: writes stay in the outbound buffer
        }
      }
    });
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 200));
    DatagramBatcher batcher = DatagramBatcher.on(ch.eventLoop());
    batcher.send(ch, A, Unpooled.wrappedBuffer(new byte[300]));
    ch.runPendingTasks();
    assertFalse(ch.isWritable(), "300 bytes wait, over the high-water mark");

    List<String> events = new ArrayList<>();
    ByteBuf made = Unpooled.wrappedBuffer(new byte[] {5});
    batcher.send(ch, A, made);
    batcher.send(ch, A, deferred(events, (byte) 6), null);
    ch.runPendingTasks();
    assertEquals(0, made.refCnt(), "dropped and released");
    assertEquals(List.of("discard 6"), events, "not made");
    assertEquals(2, batcher.unwritableDrops());

    drain[0] = true;
    ch.flush();
    assertTrue(ch.isWritable());
    batcher.send(ch, A, Unpooled.wrappedBuffer(new byte[] {7}));
    ch.runPendingTasks();
    assertEquals(2, batcher.unwritableDrops());
    io.netty.channel.socket.DatagramPacket first = ch.readOutbound();
    io.netty.channel.socket.DatagramPacket second = ch.readOutbound();
    assertEquals(300, first.content().readableBytes());
    assertEquals(7, second.content().getByte(0));
    first.release();
    second.release();
    assertFalse(ch.finish());
  }

  /** The first byte of each of the next {@code n} datagrams {@code socket} receives. */
  private static List<Integer> receive(DatagramSocket socket, int n) throws Exception {
    List<Integer> firstBytes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DatagramPacket p = new DatagramPacket(new byte[16], 16);
      socket.receive(p);
      firstBytes.add((int) p.getData()[0]);
    }
    return firstBytes;
  }

  /** A one-byte datagram made when asked, or none when {@code value} is 0; logs what happens. */
  private static DeferredDatagram deferred(List<String> events, byte value) {
    return new DeferredDatagram() {
      @Override
      public ByteBuf build() {
        events.add("build " + value);
        return value == 0 ? null : Unpooled.wrappedBuffer(new byte[] {value});
      }

      @Override
      public void discard() {
        events.add("discard " + value);
      }
    };
  }

  @Test
  void aChannelWhoseGsoSendIsRefusedSendsOneByOneAfterwards() throws Exception {
    assertTrue(SegmentedDatagramPacket.isSupported(), "these machines' kernels have UDP GSO");
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try {
      InetSocketAddress nowhere = new InetSocketAddress(LOOPBACK, 0); // port 0: EINVAL
      CompletableFuture<Boolean> refused = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        for (int i = 0; i < 3; i++) {
          batcher.send(ch, nowhere, Unpooled.wrappedBuffer(new byte[100]));
        }
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> loop.execute(() -> refused.complete(ch.hasAttr(DatagramBatcher.ONE_BY_ONE))));
      });
      assertTrue(refused.get(10, TimeUnit.SECONDS));
    } finally {
      ch.close().sync();
    }
  }

  /**
   * A GSO send that cannot copy its batch into direct memory (RELIABILITY.md B12.139) says nothing
   * about the kernel's GSO: the failure goes down the pipeline, to the channel's fault handler, and
   * the channel's next batch goes out whole.
   */
  @Test
  void aGsoSendWithoutDirectMemoryGoesToThePipelineAndTheNextBatchIsStillOneSend()
      throws Exception {
    EventLoop loop = loops.media().next();
    FailingAllocator alloc = new FailingAllocator();
    List<Throwable> caught = new java.util.concurrent.CopyOnWriteArrayList<>();
    Channel ch = new Bootstrap().group(loop).channel(loops.datagramChannel())
        .option(io.netty.channel.ChannelOption.ALLOCATOR, alloc)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            caught.add(cause);
          }
        })
        .bind(LOOPBACK, 0).sync().channel();
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress toA = (InetSocketAddress) a.getLocalSocketAddress();
      alloc.failNext(1);
      CompletableFuture<Boolean> oneByOne = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        for (int i = 0; i < 3; i++) {
          batcher.send(ch, toA, Unpooled.wrappedBuffer(new byte[] {(byte) i, 0, 0}));
        }
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> loop.execute(() -> oneByOne.complete(ch.hasAttr(DatagramBatcher.ONE_BY_ONE))));
      });
      assertFalse(oneByOne.get(10, TimeUnit.SECONDS), "GSO kept");
      assertEquals(1, alloc.failed());
      assertEquals(1, caught.size(), caught.toString());
      assertTrue(caught.get(0) instanceof OutOfMemoryError, caught.toString());

      long messages = loop.submit(() -> DatagramBatcher.on(loop).messages()).get();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        for (int i = 3; i < 6; i++) {
          batcher.send(ch, toA, Unpooled.wrappedBuffer(new byte[] {(byte) i, 0, 0}));
        }
      });
      assertEquals(List.of(3, 4, 5), receive(a, 3), "the batch lost was the one without memory");
      assertEquals(messages + 1, (long) loop.submit(() -> DatagramBatcher.on(loop).messages())
          .get(), "one GSO send");
    } finally {
      ch.close().sync();
    }
  }

  @Test
  void aChannelMarkedOneByOneSendsEachDatagramAsItsOwnMessage() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    ch.attr(DatagramBatcher.ONE_BY_ONE).set(Boolean.TRUE);
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress to = (InetSocketAddress) a.getLocalSocketAddress();
      CompletableFuture<Long> messages = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        long m0 = batcher.messages();
        for (int i = 0; i < 4; i++) {
          batcher.send(ch, to, Unpooled.wrappedBuffer(new byte[] {(byte) i, 0, 0}));
        }
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> messages.complete(batcher.messages() - m0));
      });
      assertEquals(4, messages.get(10, TimeUnit.SECONDS), "no GSO run of four equal datagrams");
      for (int i = 0; i < 4; i++) {
        DatagramPacket p = new DatagramPacket(new byte[16], 16);
        a.receive(p);
        assertEquals(i, p.getData()[0]);
      }
    } finally {
      ch.close().sync();
    }
  }

  /**
   * A flush that has worked for its slice lets the loop run a pass (where a fan-out source's next
   * packet is read) and goes on after it: what was queued meanwhile for a channel not served yet
   * goes out with that channel's datagrams, and a channel already served gets it in a later round.
   */
  @Test
  void datagramsQueuedWhileAFlushPausesJoinTheChannelsNotServedYet() throws Exception {
    try (TwoChannels t = new TwoChannels()) {
      List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      long s0 = t.loop.submit(() -> DatagramBatcher.on(t.loop).slices()).get(10, TimeUnit.SECONDS);
      t.loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(t.loop);
        batcher.send(t.first, t.toA, new DeferredDatagram() {
          @Override
          public ByteBuf build() {
            // The task stands for the loop's next read; it runs before the flush goes on.
            t.loop.execute(() -> {
              events.add("read");
              batcher.send(t.first, t.toA, Unpooled.wrappedBuffer(new byte[] {3}));
              batcher.send(t.second, t.toB, Unpooled.wrappedBuffer(new byte[] {4}));
            });
            long until = System.nanoTime() + 2 * DatagramBatcher.SLICE_NANOS;
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            return Unpooled.wrappedBuffer(new byte[] {1});
          }

          @Override
          public void discard() {
          }
        }, null);
        batcher.send(t.second, t.toB, new DeferredDatagram() {
          @Override
          public ByteBuf build() {
            events.add("second made");
            return Unpooled.wrappedBuffer(new byte[] {2});
          }

          @Override
          public void discard() {
          }
        }, null);
      });
      assertEquals(List.of(1, 3), receive(t.a, 2));
      assertEquals(List.of(2, 4), receive(t.b, 2));
      assertEquals(List.of("read", "second made"), events, "the pause came first");
      long slices = t.loop.submit(() -> DatagramBatcher.on(t.loop).slices() - s0)
          .get(10, TimeUnit.SECONDS);
      assertTrue(slices >= 1, "paused " + slices + " times"); // more when cold code is slow
    }
  }

  @Test
  void aLoneDatagramGoesStraightToTheSocket() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress to = (InetSocketAddress) a.getLocalSocketAddress();
      ByteBuf heap = Unpooled.buffer(64).writeBytes(new byte[] {5, 6, 7});
      ByteBuf direct = Unpooled.directBuffer(64).writeBytes(new byte[] {1, 2, 3, 4}).skipBytes(1);
      CompletableFuture<Long> straight = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        long d0 = batcher.directSends();
        batcher.send(ch, to, heap);
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(() -> loop.execute(() -> {
          batcher.send(ch, to, direct);
          ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
              () -> straight.complete(batcher.directSends() - d0));
        }));
      });
      assertEquals(2, straight.get(10, TimeUnit.SECONDS));
      assertArrayEquals(new byte[] {5, 6, 7}, receiveBytes(a));
      assertArrayEquals(new byte[] {2, 3, 4}, receiveBytes(a), "from the reader index");
      assertEquals(0, heap.refCnt());
      assertEquals(0, direct.refCnt());
    } finally {
      ch.close().sync();
    }
  }

  @Test
  void aLoneDatagramQueuesBehindWhatNettyHoldsForTheChannel() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      InetSocketAddress to = (InetSocketAddress) a.getLocalSocketAddress();
      CompletableFuture<Long> straight = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        long d0 = batcher.directSends();
        // Written, not flushed: Netty holds it, so the batcher's must not overtake it.
        ch.write(new io.netty.channel.socket.DatagramPacket(
            Unpooled.wrappedBuffer(new byte[] {1}), to));
        batcher.send(ch, to, Unpooled.wrappedBuffer(new byte[] {2}));
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> straight.complete(batcher.directSends() - d0));
      });
      assertEquals(0, straight.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(1, 2), receive(a, 2));
    } finally {
      ch.close().sync();
    }
  }

  @Test
  void aLoneDatagramTheSocketRefusesIsCountedAndReleased() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    try {
      InetSocketAddress nowhere = new InetSocketAddress(LOOPBACK, 0); // port 0: EINVAL
      ByteBuf datagram = Unpooled.buffer(10).writeZero(10);
      CompletableFuture<Long> refused = new CompletableFuture<>();
      loop.execute(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        long r0 = batcher.refusedDirectSends();
        batcher.send(ch, nowhere, datagram);
        ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
            () -> refused.complete(batcher.refusedDirectSends() - r0));
      });
      assertEquals(1, refused.get(10, TimeUnit.SECONDS));
      assertEquals(0, datagram.refCnt());
      assertTrue(ch.isOpen(), "the channel goes on");
    } finally {
      ch.close().sync();
    }
  }

  /** The payload of the next datagram {@code socket} receives. */
  private static byte[] receiveBytes(DatagramSocket socket) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[64], 64);
    socket.receive(p);
    return java.util.Arrays.copyOf(p.getData(), p.getLength());
  }

  @Test
  void datagramsForAClosedChannelAreReleased() throws Exception {
    EventLoop loop = loops.media().next();
    Channel ch = bind(loop, loops.datagramChannel());
    ch.close().sync();
    ByteBuf datagram = Unpooled.buffer(10).writeZero(10);
    CompletableFuture<Integer> refCnt = new CompletableFuture<>();
    loop.execute(() -> {
      DatagramBatcher.on(loop).send(ch, A, datagram);
      ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(
          () -> refCnt.complete(datagram.refCnt()));
    });
    assertEquals(0, refCnt.get(10, TimeUnit.SECONDS));
  }

  /**
   * Sends "frames" (five full datagrams and a short one) and "audio" (one small datagram) to two
   * receivers, each from a channel of its own as an SFU's viewers are, interleaved as a fan-out
   * would, in one loop pass; checks what each receives.
   *
   * @return datagrams sent and messages Netty got for them
   */
  private static long[] sendThrough(EventLoop loop, Class<? extends io.netty.channel.Channel> type)
      throws Exception {
    Channel ch = bind(loop, type);
    Channel other = bind(loop, type);
    try (DatagramSocket a = new DatagramSocket(0, LOOPBACK);
        DatagramSocket b = new DatagramSocket(0, LOOPBACK)) {
      a.setSoTimeout(5000);
      b.setSoTimeout(5000);
      List<byte[]> sent = new ArrayList<>();
      int n = 0;
      for (int frame = 0; frame < 10; frame++) {
        for (int i = 0; i < 7; i++) {
          int size = i < 5 ? 1200 : i == 5 ? 733 : 120;
          byte[] bytes = new byte[size];
          Arrays.fill(bytes, (byte) n);
          bytes[0] = (byte) frame;
          bytes[1] = (byte) i;
          sent.add(bytes);
          n++;
        }
      }
      long[] before = loop.submit(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        long[] counts = {batcher.datagrams(), batcher.messages()};
        for (byte[] bytes : sent) {
          batcher.send(ch, (InetSocketAddress) a.getLocalSocketAddress(),
              Unpooled.wrappedBuffer(bytes.clone()));
          batcher.send(other, (InetSocketAddress) b.getLocalSocketAddress(),
              Unpooled.wrappedBuffer(bytes.clone()));
        }
        return counts;
      }).get(10, TimeUnit.SECONDS);
      for (DatagramSocket receiver : List.of(a, b)) {
        for (byte[] expected : sent) {
          DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
          receiver.receive(p);
          assertArrayEquals(expected, Arrays.copyOf(p.getData(), p.getLength()),
              "datagram " + expected[0] + "/" + expected[1]);
        }
      }
      // Everything arrived, so the flush (perhaps in slices) is done.
      return loop.submit(() -> {
        DatagramBatcher batcher = DatagramBatcher.on(loop);
        return new long[] {batcher.datagrams() - before[0], batcher.messages() - before[1]};
      }).get(10, TimeUnit.SECONDS);
    } finally {
      ch.close().sync();
      other.close().sync();
    }
  }

  private static Channel bind(EventLoop loop, Class<? extends io.netty.channel.Channel> type)
      throws InterruptedException {
    return new Bootstrap().group(loop).channel(type).handler(new ChannelInboundHandlerAdapter())
        .bind(LOOPBACK, 0).sync().channel();
  }
}
