package org.rivulet.transport.impair;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Simulates a bad network inside a pipeline, for tests of loss recovery (NACK/RTX, FEC, jitter buffers,
 * DTLS retransmission): drops, duplicates, delays and reorders packets, separately for each direction, with
 * decisions drawn from a {@link SplittableRandom} seeded by the test. The same seed and the same packets
 * give the same decisions, run after run.
 *
 * <pre>
 *   packet --&gt; draw loss, duplicate, reorder, jitter (always four draws, so one setting never shifts
 *              the decisions of another)
 *          --&gt; lost?        release it (outbound: the write succeeds, as a send into a lossy network does)
 *          --&gt; rate?        wait for the bottleneck link (each packet's bytes at the rate, after
 *                            the packets before it); a wait over queueLimit drops it (overflowed)
 *          --&gt; delay = link wait + delay + jitter draw + (reordered? reorderDelay : 0)
 *          --&gt; pass it on now (delay 0) or from a task scheduled on the channel's event loop
 *          --&gt; duplicated?  pass a deep copy on right after it
 * </pre>
 *
 * <p>Place it next to the socket (first in the pipeline) to impair what goes on the wire. It acts on
 * {@link ByteBuf}s and {@link ByteBufHolder}s ({@code DatagramPacket}s); other messages pass untouched and
 * uncounted.
 *
 * <p>Ownership: takes ownership of every buffer (holder) it reads or writes, and passes it on or releases
 * it exactly once: a lost packet at once, a delayed one that is still waiting when the channel closes or
 * the handler is removed then (its write promise, if any, fails with {@link ClosedChannelException}).
 * Duplicates are copies of their own, owned by whoever receives them.
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Not {@code @Sharable}: it holds random generators, pending packets and counters for one channel.
 *   <li>A duplicate is a deep copy, not a {@code retainedDuplicate()}: the layers above decrypt in place,
 *       and two views of one buffer would decrypt each other's bytes.
 *   <li>Delay never sleeps: delayed packets wait in tasks on the channel's event loop. In an
 *       {@code EmbeddedChannel}, {@code advanceTimeBy} (or {@code runScheduledPendingTasks} once the time
 *       has come) lets them out; a delayed inbound packet is followed by {@code channelReadComplete}, so
 *       the layers above flush as after any read.
 *   <li>A delayed outbound packet is written and flushed when its time comes; the caller's flush, earlier,
 *       does not wait for it.
 * </ul>
 */
public final class ImpairmentHandler extends ChannelDuplexHandler {

  private final Direction inbound;
  private final Direction outbound;
  private final Predicate<ByteBuf> selects;
  private final Set<Pending> pending = new LinkedHashSet<>();
  private final LongSupplier clock;

  /**
   * @param seed seeds both directions (each gets its own generator split from one seeded with this)
   * @param inbound what to do to packets read from the channel
   * @param outbound what to do to packets written to it
   */
  public ImpairmentHandler(long seed, Impairment inbound, Impairment outbound) {
    this(seed, inbound, outbound, bytes -> true);
  }

  /**
   * An impairment of only the packets whose bytes {@code selects} accepts (say RTP media, to lose
   * media but not the handshakes); the others pass untouched and uncounted. The predicate must not
   * keep or release the buffer.
   */
  public ImpairmentHandler(long seed, Impairment inbound, Impairment outbound,
      Predicate<ByteBuf> selects) {
    this(seed, inbound, outbound, selects, System::nanoTime);
  }

  /**
   * As above, with the clock a bottleneck ({@link Impairment#rate()}) measures its queue by: in
   * nanoseconds, moving with the channel's scheduler (a test that freezes an
   * {@code EmbeddedChannel}'s time moves both).
   */
  public ImpairmentHandler(long seed, Impairment inbound, Impairment outbound,
      Predicate<ByteBuf> selects, LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    SplittableRandom root = new SplittableRandom(seed);
    long now = clock.getAsLong();
    this.inbound = new Direction(Objects.requireNonNull(inbound, "inbound"), root.split(), now);
    this.outbound = new Direction(Objects.requireNonNull(outbound, "outbound"), root.split(), now);
    this.selects = Objects.requireNonNull(selects, "selects");
  }

  /** What was done to inbound packets. */
  public ImpairmentCounters inboundCounters() {
    return inbound.counters;
  }

  /** What was done to outbound packets. */
  public ImpairmentCounters outboundCounters() {
    return outbound.counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (isPacket(msg)) {
      impair(ctx, inbound, msg, null);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (isPacket(msg)) {
      impair(ctx, outbound, msg, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    discardPending();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discardPending();
  }

  private boolean isPacket(Object msg) {
    if (msg instanceof ByteBuf buf) {
      return selects.test(buf);
    }
    return msg instanceof ByteBufHolder holder && selects.test(holder.content());
  }

  /** Takes ownership of {@code msg}; {@code promise} is null inbound. */
  private void impair(ChannelHandlerContext ctx, Direction d, Object msg, ChannelPromise promise) {
    ImpairmentCounters counters = d.counters;
    Impairment impairment = d.impairment;
    counters.seen++;
    double lossDraw = d.random.nextDouble();
    double duplicateDraw = d.random.nextDouble();
    double reorderDraw = d.random.nextDouble();
    double jitterDraw = d.random.nextDouble();

    if (lossDraw < impairment.loss()) {
      counters.lost++;
      ReferenceCountUtil.release(msg);
      if (promise != null) {
        promise.trySuccess();
      }
      return;
    }
    long delayNanos = impairment.delay().toNanos() + (long) (jitterDraw * impairment.jitter().toNanos());
    if (reorderDraw < impairment.reorder()) {
      counters.reordered++;
      delayNanos += impairment.reorderDelay().toNanos();
    }
    Object copy = null;
    if (duplicateDraw < impairment.duplicate()) {
      copy = msg instanceof ByteBuf buf ? buf.copy() : ((ByteBufHolder) msg).copy();
      counters.duplicated++;
    }
    crossLink(ctx, d, msg, promise, delayNanos);
    if (copy != null) {
      crossLink(ctx, d, copy, promise == null ? null : ctx.newPromise(), delayNanos);
    }
  }

  /** Passes {@code msg} on after the bottleneck, or drops it when the bottleneck's queue is full. */
  private void crossLink(ChannelHandlerContext ctx, Direction d, Object msg,
      ChannelPromise promise, long delayNanos) {
    long wait = linkWait(d, msg);
    if (wait < 0) {
      d.counters.overflowed++;
      ReferenceCountUtil.release(msg);
      if (promise != null) {
        promise.trySuccess(); // as a send into a congested network succeeds
      }
      return;
    }
    pass(ctx, d, msg, promise, wait + delayNanos);
  }

  /**
   * How long {@code msg} takes to cross the direction's bottleneck from now, waiting behind the
   * packets before it: 0 without one, -1 when it would wait longer than the queue limit.
   */
  private long linkWait(Direction d, Object msg) {
    long rate = d.impairment.rate();
    if (rate == 0) {
      return 0;
    }
    long now = clock.getAsLong();
    // Compared by difference: nanoTime may be any value, negative ones included.
    long start = d.linkFreeNanos - now > 0 ? d.linkFreeNanos : now;
    if (start - now > d.impairment.queueLimit().toNanos()) {
      return -1;
    }
    int bytes = msg instanceof ByteBuf buf ? buf.readableBytes()
        : ((ByteBufHolder) msg).content().readableBytes();
    d.linkFreeNanos = start + bytes * 8L * 1_000_000_000L / rate;
    return d.linkFreeNanos - now;
  }

  private void pass(ChannelHandlerContext ctx, Direction d, Object msg, ChannelPromise promise,
      long delayNanos) {
    if (delayNanos == 0) {
      if (d == inbound) {
        ctx.fireChannelRead(msg);
      } else {
        ctx.write(msg, promise);
      }
      return;
    }
    d.counters.delayed++;
    Pending p = new Pending(ctx, d, msg, promise);
    pending.add(p);
    p.task = ctx.executor().schedule(p, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Releases every packet still waiting, cancelling its task. */
  private void discardPending() {
    if (pending.isEmpty()) {
      return;
    }
    for (Pending p : new ArrayList<>(pending)) {
      p.task.cancel(false);
      p.direction.counters.discardedOnClose++;
      ReferenceCountUtil.release(p.msg);
      if (p.promise != null) {
        p.promise.tryFailure(new ClosedChannelException());
      }
    }
    pending.clear();
  }

  /** A direction's settings, generator and counters. */
  private static final class Direction {
    final Impairment impairment;
    final SplittableRandom random;
    final ImpairmentCounters counters = new ImpairmentCounters();
    /** When the bottleneck has sent every packet given to it so far (idle since creation). */
    long linkFreeNanos;

    Direction(Impairment impairment, SplittableRandom random, long nowNanos) {
      this.impairment = impairment;
      this.linkFreeNanos = nowNanos;
      this.random = random;
    }
  }

  /** A delayed packet: passed on by its task, or released by {@link #discardPending()}. */
  private final class Pending implements Runnable {
    final ChannelHandlerContext ctx;
    final Direction direction;
    final Object msg;
    final ChannelPromise promise;
    ScheduledFuture<?> task;

    Pending(ChannelHandlerContext ctx, Direction direction, Object msg, ChannelPromise promise) {
      this.ctx = ctx;
      this.direction = direction;
      this.msg = msg;
      this.promise = promise;
    }

    @Override
    public void run() {
      if (!pending.remove(this)) {
        return; // discarded meanwhile
      }
      if (direction == inbound) {
        ctx.fireChannelRead(msg);
        ctx.fireChannelReadComplete();
      } else {
        ctx.writeAndFlush(msg, promise);
      }
    }
  }
}
