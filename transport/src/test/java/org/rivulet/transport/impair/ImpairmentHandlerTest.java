package org.rivulet.transport.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Time in these tests is the EmbeddedChannel's frozen clock, moved by {@code advanceTimeBy}: nothing
 * sleeps and nothing depends on how fast the machine is.
 */
class ImpairmentHandlerTest {

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40001);
  private static final Duration MS_20 = Duration.ofMillis(20);

  private static final Impairment LOSSY = Impairment.NONE
      .withLoss(0.1)
      .withDuplicate(0.05)
      .withReorder(0.1, Duration.ofMillis(30))
      .withDelay(Duration.ofMillis(10), Duration.ofMillis(5));

  @Test
  void onlySelectedPacketsAreImpaired() {
    // Even numbers are "media", odd ones "handshakes": all of the odd ones must pass.
    ImpairmentHandler handler = new ImpairmentHandler(3, Impairment.NONE.withLoss(0.5),
        Impairment.NONE, buf -> buf.getInt(buf.readerIndex()) % 2 == 0);
    EmbeddedChannel channel = frozen(handler);
    for (int i = 0; i < 1000; i++) {
      channel.writeInbound(packet(i));
    }
    List<Integer> delivered = readAllInbound(channel);
    assertEquals(500, delivered.stream().filter(n -> n % 2 == 1).count());
    assertEquals(500, handler.inboundCounters().seen(), "unselected packets are not counted");
    assertEquals(500 - handler.inboundCounters().lost(),
        delivered.stream().filter(n -> n % 2 == 0).count());
    assertBetween(400, 600, handler.inboundCounters().lost() * 2, "lost, doubled");
    assertFalse(channel.finish());
  }

  @Test
  void sameSeedSameDecisions() {
    List<Integer> first = deliverInbound(42, LOSSY, 1000);
    List<Integer> second = deliverInbound(42, LOSSY, 1000);
    assertEquals(first, second);
    assertNotEquals(first, deliverInbound(43, LOSSY, 1000), "another seed, other decisions");
  }

  @Test
  void ratesAreAboutRightOver10000Packets() {
    Impairment impairment = Impairment.NONE.withLoss(0.1).withDuplicate(0.05)
        .withReorder(0.2, Duration.ofMillis(30));
    ImpairmentHandler handler = new ImpairmentHandler(7, impairment, Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      channel.writeInbound(packet(i));
    }
    advance(channel, Duration.ofMillis(30));
    List<Integer> delivered = readAllInbound(channel);

    ImpairmentCounters c = handler.inboundCounters();
    assertEquals(n, c.seen());
    // Binomial standard deviations: 30 (loss), 21 (duplicates of ~9000 kept), 38 (reorder): 5 sigma.
    assertBetween(850, 1150, c.lost(), "lost");
    assertBetween(340, 560, c.duplicated(), "duplicated");
    assertBetween(1600, 2000, c.reordered(), "reordered");
    assertEquals(n - c.lost() + c.duplicated(), delivered.size());
    assertFalse(channel.finish());
  }

  @Test
  void reorderedPacketsAreOvertakenAndNoneIsLost() {
    ImpairmentHandler handler =
        new ImpairmentHandler(1, Impairment.NONE.withReorder(0.3, MS_20), Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    for (int i = 0; i < 100; i++) {
      channel.writeInbound(packet(i));
    }
    List<Integer> early = readAllInbound(channel);
    advance(channel, MS_20);
    List<Integer> late = readAllInbound(channel);

    assertEquals(handler.inboundCounters().reordered(), late.size());
    assertTrue(late.size() > 0 && early.size() > 0);
    Set<Integer> all = new HashSet<>(early);
    all.addAll(late);
    assertEquals(100, all.size(), "every packet arrived once");
    assertEquals(sorted(early), early, "the packets not held back keep their order");
    assertEquals(sorted(late), late, "the held-back packets keep their order among themselves");
    assertFalse(channel.finish());
  }

  @Test
  void delaysOnTheEventLoopClock() {
    ImpairmentHandler handler = new ImpairmentHandler(1,
        Impairment.NONE.withDelay(MS_20, Duration.ZERO), Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    channel.writeInbound(packet(1));
    assertNull(channel.readInbound());
    advance(channel, Duration.ofMillis(19));
    assertNull(channel.readInbound(), "not before its time");
    advance(channel, Duration.ofMillis(1));
    assertEquals(List.of(1), readAllInbound(channel));
    assertEquals(1, handler.inboundCounters().delayed());
    assertFalse(channel.finish());
  }

  @Test
  void duplicatesAreDeepCopies() {
    ImpairmentHandler handler =
        new ImpairmentHandler(1, Impairment.NONE.withDuplicate(1), Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    DatagramPacket original = packet(5);
    channel.writeInbound(original);
    DatagramPacket first = channel.readInbound();
    DatagramPacket second = channel.readInbound();
    try {
      assertSame(original, first);
      assertNotSame(first.content(), second.content());
      assertEquals(PEER, second.sender());
      first.content().setInt(0, 99); // decrypting one in place must not touch the other
      assertEquals(5, second.content().getInt(0));
      assertEquals(1, handler.inboundCounters().duplicated());
    } finally {
      first.release();
      second.release();
    }
    assertFalse(channel.finish());
  }

  @Test
  void outboundLossReleasesAndTheWriteSucceeds() {
    ImpairmentHandler handler = new ImpairmentHandler(1, Impairment.NONE, Impairment.NONE.withLoss(1));
    EmbeddedChannel channel = frozen(handler);
    DatagramPacket packet = packet(1);
    ChannelFuture written = channel.writeAndFlush(packet);
    assertTrue(written.isSuccess());
    assertEquals(0, packet.refCnt());
    assertNull(channel.readOutbound());
    assertEquals(1, handler.outboundCounters().lost());
    assertEquals(0, handler.inboundCounters().seen());
    assertFalse(channel.finish());
  }

  @Test
  void outboundDelayWritesAndFlushesLater() {
    ImpairmentHandler handler = new ImpairmentHandler(1, Impairment.NONE,
        Impairment.NONE.withDelay(MS_20, Duration.ZERO));
    EmbeddedChannel channel = frozen(handler);
    ChannelFuture written = channel.writeAndFlush(packet(3));
    assertFalse(written.isDone());
    assertNull(channel.readOutbound());
    advance(channel, MS_20);
    assertTrue(written.isSuccess());
    DatagramPacket out = channel.readOutbound();
    assertEquals(3, out.content().getInt(0));
    out.release();
    assertFalse(channel.finish());
  }

  @Test
  void closingReleasesWhatIsStillDelayed() {
    Impairment slow = Impairment.NONE.withDelay(Duration.ofSeconds(1), Duration.ZERO);
    ImpairmentHandler handler = new ImpairmentHandler(1, slow, slow);
    EmbeddedChannel channel = frozen(handler);
    DatagramPacket in = packet(1);
    DatagramPacket out = packet(2);
    channel.writeInbound(in);
    ChannelFuture written = channel.writeAndFlush(out);

    assertFalse(channel.finish());
    assertEquals(0, in.refCnt());
    assertEquals(0, out.refCnt());
    assertInstanceOf(ClosedChannelException.class, written.cause());
    assertEquals(1, handler.inboundCounters().discardedOnClose());
    assertEquals(1, handler.outboundCounters().discardedOnClose());
  }

  @Test
  void removingTheHandlerReleasesWhatIsStillDelayed() {
    ImpairmentHandler handler = new ImpairmentHandler(1,
        Impairment.NONE.withDelay(MS_20, Duration.ZERO), Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    DatagramPacket in = packet(1);
    channel.writeInbound(in);
    channel.pipeline().remove(handler);
    advance(channel, MS_20);
    assertNull(channel.readInbound());
    assertEquals(0, in.refCnt());
    assertFalse(channel.finish());
  }

  @Test
  void leavesOtherMessagesAlone() {
    ImpairmentHandler handler = new ImpairmentHandler(1, Impairment.NONE.withLoss(1),
        Impairment.NONE.withLoss(1));
    EmbeddedChannel channel = frozen(handler);
    channel.writeInbound("event");
    channel.writeAndFlush("command");
    assertEquals("event", channel.readInbound());
    assertEquals("command", channel.readOutbound());
    assertEquals(0, handler.inboundCounters().seen());
    assertFalse(channel.finish());
  }

  @Test
  void impairsPlainBuffersToo() {
    ImpairmentHandler handler = new ImpairmentHandler(1, Impairment.NONE.withDuplicate(1),
        Impairment.NONE);
    EmbeddedChannel channel = frozen(handler);
    channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(8));
    ByteBuf a = channel.readInbound();
    ByteBuf b = channel.readInbound();
    assertEquals(8, b.getInt(0));
    assertNotSame(a, b);
    a.release();
    b.release();
    assertFalse(channel.finish());
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> Impairment.NONE.withLoss(1.5));
    assertThrows(IllegalArgumentException.class, () -> Impairment.NONE.withLoss(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Impairment.NONE.withDuplicate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Impairment.NONE.withReorder(0.1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> Impairment.NONE.withDelay(Duration.ofMillis(-1), Duration.ZERO));
    assertThrows(NullPointerException.class, () -> new ImpairmentHandler(1, null, Impairment.NONE));
  }

  /** Feeds {@code n} numbered packets through an inbound impairment; returns the numbers delivered, in order. */
  private static List<Integer> deliverInbound(long seed, Impairment impairment, int n) {
    EmbeddedChannel channel = frozen(new ImpairmentHandler(seed, impairment, Impairment.NONE));
    List<Integer> delivered = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      channel.writeInbound(packet(i));
      advance(channel, Duration.ofMillis(1)); // one packet per millisecond
      delivered.addAll(readAllInbound(channel));
    }
    advance(channel, Duration.ofMillis(100));
    delivered.addAll(readAllInbound(channel));
    assertFalse(channel.finish());
    return delivered;
  }

  @Test
  void aBottleneckSpacesPacketsAtItsRateAndDropsWhatOverflowsItsQueue() {
    // 1,000-byte packets over 800 kbit/s: 10 ms each; the queue holds 45 ms of waiting.
    AtomicLong now = new AtomicLong(123_456_789L);
    ImpairmentHandler handler = new ImpairmentHandler(1, Impairment.NONE,
        Impairment.NONE.withRate(800_000, Duration.ofMillis(45)), buf -> true, now::get);
    EmbeddedChannel channel = frozen(handler);
    List<ChannelFuture> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      writes.add(channel.writeAndFlush(packet(i, 1000)));
    }
    // Packet k would start after k * 10 ms: 0..4 wait at most 40 ms, 5..7 would wait 50+ ms.
    assertEquals(3, handler.outboundCounters().overflowed());
    assertTrue(writes.subList(5, 8).stream().allMatch(ChannelFuture::isSuccess),
        "a dropped send succeeds, as a send into a congested network does");
    assertTrue(writes.subList(0, 5).stream().noneMatch(ChannelFuture::isDone), "the rest wait");
    List<Integer> sent = new ArrayList<>();
    for (int ms = 1; ms <= 60; ms++) {
      step(channel, now, Duration.ofMillis(1));
      List<Integer> out = readAllOutbound(channel);
      if (!out.isEmpty()) {
        assertEquals(1, out.size(), "one packet at a time at " + ms + " ms");
        assertEquals(0, ms % 10, "packet " + out.get(0) + " left at " + ms + " ms");
        sent.addAll(out);
      }
    }
    assertEquals(List.of(0, 1, 2, 3, 4), sent);
    assertTrue(writes.stream().allMatch(ChannelFuture::isSuccess));

    // Once the queue has drained, the link is idle: the next packet waits only its own time.
    channel.writeAndFlush(packet(9, 500));
    step(channel, now, Duration.ofMillis(4));
    assertTrue(readAllOutbound(channel).isEmpty());
    step(channel, now, Duration.ofMillis(1));
    assertEquals(List.of(9), readAllOutbound(channel));
    assertEquals(3, handler.outboundCounters().overflowed());
    assertFalse(channel.finish());
  }

  @Test
  void aBottleneckOnlyDelaysWhatItsRateCarries() {
    // 200-byte packets every 20 ms over 800 kbit/s (2 ms each): none waits for another.
    AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    ImpairmentHandler handler = new ImpairmentHandler(1,
        Impairment.NONE.withRate(800_000, Duration.ofMillis(10)), Impairment.NONE, buf -> true,
        now::get);
    EmbeddedChannel channel = frozen(handler);
    for (int i = 0; i < 50; i++) {
      channel.writeInbound(packet(i, 200));
      step(channel, now, Duration.ofMillis(1));
      assertTrue(readAllInbound(channel).isEmpty());
      step(channel, now, Duration.ofMillis(1));
      assertEquals(List.of(i), readAllInbound(channel));
      step(channel, now, Duration.ofMillis(18));
    }
    assertEquals(0, handler.inboundCounters().overflowed());
    assertFalse(channel.finish());
  }

  @Test
  void aRateNeedsNoNegativeValues() {
    assertThrows(IllegalArgumentException.class,
        () -> Impairment.NONE.withRate(-1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> Impairment.NONE.withRate(1000, Duration.ofMillis(-1)));
  }

  private static void step(EmbeddedChannel channel, AtomicLong now, Duration d) {
    now.addAndGet(d.toNanos());
    advance(channel, d);
  }

  private static List<Integer> readAllOutbound(EmbeddedChannel channel) {
    return readAll(channel::readOutbound);
  }


  private static DatagramPacket packet(int number, int length) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length).writeInt(number);
    buf.writeZero(length - 4);
    return new DatagramPacket(buf, LOCAL, PEER);
  }

  private static EmbeddedChannel frozen(ImpairmentHandler handler) {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.freezeTime();
    return channel;
  }

  private static void advance(EmbeddedChannel channel, Duration d) {
    channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
  }

  private static List<Integer> readAllInbound(EmbeddedChannel channel) {
    return readAll(channel::readInbound);
  }

  /** The numbers of the packets {@code next} hands out until it returns null, released. */
  private static List<Integer> readAll(Supplier<Object> next) {
    List<Integer> numbers = new ArrayList<>();
    for (Object msg; (msg = next.get()) != null; ) {
      DatagramPacket packet = (DatagramPacket) msg;
      numbers.add(packet.content().getInt(0));
      packet.release();
    }
    return numbers;
  }


  private static DatagramPacket packet(int number) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(number);
    return new DatagramPacket(buf, LOCAL, PEER);
  }

  private static List<Integer> sorted(List<Integer> list) {
    List<Integer> copy = new ArrayList<>(list);
    copy.sort(null);
    return copy;
  }

  private static void assertBetween(long low, long high, long actual, String what) {
    assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected " + low + ".." + high);
  }
}
