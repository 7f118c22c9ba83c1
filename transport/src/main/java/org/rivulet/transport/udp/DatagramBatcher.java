package org.rivulet.transport.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the datagrams an event loop sends during one pass of its loop and sends them at the end of
 * that pass, each channel's in as few system calls as the kernel allows: consecutive datagrams to
 * one address with one size (the last may be shorter) become one UDP GSO send (Linux
 * {@code UDP_SEGMENT}, Netty's {@link SegmentedDatagramPacket}), and a channel's sends go out
 * together ({@code sendmmsg}). A channel's lone datagram goes straight to its socket
 * ({@link DirectDatagramSend}).
 *
 * <p>Why: an SFU sends every packet of a frame to every subscriber. One {@code sendto} per
 * datagram costs about 4 µs of kernel time on loopback here, most of it the route lookup and the
 * trip through the network stack; a GSO send of six makes that trip once, about 1.5 µs per
 * datagram. The batch grows with load: an idle loop flushes after each packet it read, a busy one
 * after the whole burst it found waiting, which is when the saving matters.
 *
 * <p>The datagrams of a channel are made ({@link DeferredDatagram}) just before its send, channel
 * after channel, so a fan-out's copying and encryption happen receiver by receiver and the first
 * receivers' packets leave while the later ones' are being made.
 *
 * <p>Threading: one batcher per event loop thread ({@link #on}); every call on that loop.
 * Ownership: {@link #send} takes the datagram; the batcher passes it to Netty or releases it
 * (once sent or dropped).
 */
public final class DatagramBatcher {
  /** Linux accepts up to 64 (128 since 5.x) segments per GSO send; the older limit is safe. */
  static final int MAX_SEGMENTS = 64;
  /** A GSO send is one UDP datagram to the stack, so it must stay under 64 KiB. */
  static final int MAX_GSO_BYTES = 60_000;
  /**
   * The largest segment sent with GSO: the kernel refuses (EINVAL, losing the whole batch) a
   * segment that would not fit the route's MTU, and 1452 bytes fit an Ethernet MTU under IPv6 and
   * UDP headers. Larger datagrams go one by one and the stack fragments them as it would anyway.
   */
  static final int MAX_GSO_SEGMENT = 1452;
  /**
   * The most a channel's buffer starts with: Netty's thread caches keep buffers up to 32 KiB; the
   * rare longer queue grows it.
   */
  static final int JOINED_INITIAL = 32 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(DatagramBatcher.class);
  private static final FastThreadLocal<DatagramBatcher> BATCHERS = new FastThreadLocal<>();
  /**
   * Set on a channel whose datagrams go one per message: a handler must see each (test
   * impairment), or the kernel refused the channel's GSO send.
   */
  public static final AttributeKey<Boolean> ONE_BY_ONE = AttributeKey.valueOf("rivulet.one-by-one");
  private static final boolean GSO = gsoSupported();
  /**
   * How long a flush works before it lets the loop read again: a fan-out to a hundred viewers takes
   * 1-5 ms here, to a thousand tens of ms, in which a loop that did not read would let its
   * publishers' socket buffers fill; a loop pass costs a few µs.
   */
  static final long SLICE_NANOS = 200_000;

  private final EventLoop loop;
  private final DirectDatagramSend direct = new DirectDatagramSend();
  private final Map<Channel, List<Pending>> pending = new HashMap<>();
  /** Channels with datagrams queued and not in {@link #flushing}, in the order they got their first. */
  private List<Channel> dirty = new ArrayList<>();
  /** The channels a flush is sending, from {@link #next} on; sends meanwhile go to {@link #dirty}. */
  private List<Channel> flushing = new ArrayList<>();
  private int next;
  private final Runnable flushTask = this::flush;
  private boolean flushScheduled;
  private long slices;
  private long datagrams;
  private long systemSends;
  private long unwritableDrops;

  /**
   * A queued datagram: made already ({@code datagram}), or to be made ({@code deferred}), whose
   * length then goes to {@code sent} (may be null). At the send it is appended to its channel's
   * one buffer, where it then lies at {@link #offset} for {@link #length} bytes.
   */
  static final class Pending {
    private final InetSocketAddress to;
    private ByteBuf datagram;
    private DeferredDatagram deferred;
    private final IntConsumer sent;
    private int offset;
    private int length;

    Pending(InetSocketAddress to, ByteBuf datagram) {
      this(to, datagram, null, null);
    }

    Pending(InetSocketAddress to, ByteBuf datagram, DeferredDatagram deferred, IntConsumer sent) {
      this.to = to;
      this.datagram = datagram;
      this.deferred = deferred;
      this.sent = sent;
      this.length = datagram == null ? 0 : datagram.readableBytes();
    }

    InetSocketAddress to() {
      return to;
    }

    int offset() {
      return offset;
    }

    int length() {
      return length;
    }

    /**
     * Appends this datagram to {@code joined}, making it if deferred; false when it could not be
     * made (nothing was appended). A maker that throws loses its own datagram only, not the rest
     * of the flush: its owner released what it held (or leaks it, which the leak detector
     * reports), and the failure is logged.
     */
    boolean appendTo(ByteBuf joined) {
      offset = joined.writerIndex();
      // Nothing readable but what is made now (see buildInto); each message is an absolute slice.
      joined.readerIndex(offset);
      if (deferred == null) {
        joined.writeBytes(datagram, datagram.readerIndex(), length);
        datagram.release();
        datagram = null;
        return true;
      }
      DeferredDatagram maker = deferred;
      deferred = null;
      int made;
      try {
        made = maker.buildInto(joined);
      } catch (RuntimeException e) {
        LOG.error("A datagram could not be made; it is dropped", e);
        made = -1;
      }
      if (made < 0) {
        joined.setIndex(offset, offset);
        return false;
      }
      length = made;
      if (sent != null) {
        sent.accept(made);
      }
      return true;
    }

    void release() {
      if (deferred != null) {
        deferred.discard();
      } else if (datagram != null) {
        datagram.release();
      }
    }
  }

  /**
   * Marks a channel whose GSO send the kernel refused (an {@code IOException}): its later
   * datagrams go one by one. Any other failure (no direct memory to copy the batch into) says
   * nothing about GSO: it goes down the pipeline, as a lone datagram's does through the void
   * promise, to the channel's fault handler.
   */
  private static final ChannelFutureListener ONE_BY_ONE_ON_FAILURE = f -> {
    if (!f.isSuccess()) {
      if (f.cause() instanceof IOException) {
        f.channel().attr(ONE_BY_ONE).set(Boolean.TRUE);
      } else {
        f.channel().pipeline().fireExceptionCaught(f.cause());
      }
    }
  };

  private DatagramBatcher(EventLoop loop) {
    this.loop = loop;
  }

  /** The batcher of {@code loop}; call on that loop. */
  public static DatagramBatcher on(EventLoop loop) {
    DatagramBatcher b = BATCHERS.get();
    if (b == null || b.loop != loop) {
      if (!loop.inEventLoop()) {
        throw new IllegalStateException("DatagramBatcher.on must be called on its loop");
      }
      b = new DatagramBatcher(loop);
      BATCHERS.set(b);
    }
    return b;
  }

  /** Queues {@code datagram} for {@code ch}, to be sent at the end of this loop pass. */
  public void send(Channel ch, InetSocketAddress to, ByteBuf datagram) {
    queue(ch, new Pending(to, datagram));
  }

  /**
   * Queues a datagram to be made at the end of this loop pass, just before {@code ch}'s send, in
   * its order among the channel's other datagrams; its length then goes to {@code sent}.
   */
  public void send(Channel ch, InetSocketAddress to, DeferredDatagram datagram, IntConsumer sent) {
    queue(ch, new Pending(to, null, datagram, sent));
  }

  private void queue(Channel ch, Pending p) {
    List<Pending> queue = pending.get(ch);
    if (queue == null) {
      queue = new ArrayList<>(8);
      pending.put(ch, queue);
      dirty.add(ch);
    }
    queue.add(p);
    datagrams++;
    if (!flushScheduled) {
      scheduleFlush();
    }
  }

  /** Datagrams given to {@link #send} so far. */
  public long datagrams() {
    return datagrams;
  }

  /** Messages handed to Netty for them (a GSO batch counts once). */
  public long messages() {
    return systemSends;
  }

  /** Lone datagrams sent straight to their socket ({@link DirectDatagramSend}). */
  public long directSends() {
    return direct.sent();
  }

  /** Of those, the ones the socket refused (no route, too long): dropped. */
  public long refusedDirectSends() {
    return direct.failed();
  }

  /** Datagrams dropped because their channel could not take more (see {@link #sendNow}). */
  public long unwritableDrops() {
    return unwritableDrops;
  }

  /**
   * Sends every channel's queue. Making a datagram may queue others (a viewer's packet held for a
   * keyframe asks its source for one, an RTCP datagram on another channel, or on this one): they
   * go to fresh queues and are sent in another round of the same flush.
   *
   * <p>A flush that has worked for {@link #SLICE_NANOS} hands the loop back for one pass and goes on
   * at the end of it. That pass reads what arrived meanwhile: a packet a fan-out source sent while
   * a hundred viewers were being served joins the queues of the viewers not served yet, which then
   * send both in one system call, instead of waiting for the whole fan-out and then costing a
   * send per viewer of its own. Viewers already served get it in a later round.
   */
  void flush() {
    // Still "scheduled" while it runs: what making queues is picked up by the rounds below.
    boolean paused = false;
    try {
      paused = flushSlice();
    } finally {
      if (paused) {
        // An ordinary task, not one after the iteration: Netty runs those until none is left,
        // and this one must wait for the next pass's reads.
        slices++;
        loop.execute(flushTask);
      } else {
        flushScheduled = false;
      }
    }
  }

  /** Sends channel after channel, round after round; true when it stopped with work left. */
  private boolean flushSlice() {
    long start = System.nanoTime();
    while (true) {
      while (next < flushing.size()) {
        Channel ch = flushing.get(next++);
        systemSends += sendNow(ch, pending.remove(ch));
        if (System.nanoTime() - start > SLICE_NANOS && hasMore()) {
          return true;
        }
      }
      flushing.clear();
      next = 0;
      if (dirty.isEmpty()) {
        return false;
      }
      List<Channel> channels = dirty;
      dirty = flushing;
      flushing = channels;
    }
  }

  private boolean hasMore() {
    return next < flushing.size() || !dirty.isEmpty();
  }

  private void scheduleFlush() {
    flushScheduled = true;
    if (loop instanceof SingleThreadEventLoop l) {
      l.executeAfterEventLoopIteration(flushTask);
    } else {
      loop.execute(flushTask);
    }
  }

  /** Flushes that handed the loop back before they were done. */
  public long slices() {
    return slices;
  }

  /**
   * Makes the deferred datagrams of {@code ch}'s queue and sends them all, in GSO runs where the
   * kernel has it, then flushes the channel.
   *
   * @return the messages handed to Netty
   */
  private int sendNow(Channel ch, List<Pending> queue) {
    if (!ch.isActive()) {
      queue.forEach(Pending::release);
      return 0;
    }
    if (!ch.isWritable()) {
      // The socket has not taken what was written before (its send buffer full: the network is
      // the bottleneck). Media that waited would only grow Netty's outbound buffer without bound
      // and arrive too late: this pass's datagrams are dropped, unmade, and counted.
      unwritableDrops += queue.size();
      queue.forEach(Pending::release);
      return 0;
    }
    // The channel's datagrams are made one after another into one buffer, and each message is a
    // slice of it: one allocation for a keyframe's twenty packets, not one each. Heap, because
    // the crypto works on arrays; Netty's write copies each message into direct memory once (as
    // the joining did before), and a lone datagram goes through the direct sender's scratch.
    ByteBuf joined =
        ch.alloc().heapBuffer(Math.min(queue.size() * MAX_GSO_SEGMENT, JOINED_INITIAL));
    try {
      queue.removeIf(p -> !p.appendTo(joined));
      if (queue.isEmpty()) {
        return 0;
      }
      return write(ch, queue, joined);
    } finally {
      joined.release();
    }
  }

  /** Writes the datagrams {@code joined} holds for {@code queue} and flushes the channel. */
  private int write(Channel ch, List<Pending> queue, ByteBuf joined) {
    // Epoll's own socket calls, unless a handler must see each datagram.
    EpollDatagramChannel epoll =
        ch instanceof EpollDatagramChannel e && !ch.hasAttr(ONE_BY_ONE) ? e : null;
    if (epoll != null && queue.size() == 1) {
      // A viewer's audio packet, a one-packet frame, a report: past Netty's pipeline (see there).
      Pending only = queue.get(0);
      ByteBuf one = joined.retainedSlice(only.offset(), only.length());
      if (direct.trySend(epoll, one, only.to())) {
        return 1;
      }
      one.release();
    }
    boolean gso = GSO && epoll != null;
    int messages = 0;
    int i = 0;
    while (i < queue.size()) {
      int end = gso ? runEnd(queue, i) : i + 1;
      Pending first = queue.get(i);
      Pending last = queue.get(end - 1);
      ByteBuf run = joined.retainedSlice(first.offset(),
          last.offset() + last.length() - first.offset());
      if (end - i == 1) {
        ch.write(new DatagramPacket(run, first.to()), ch.voidPromise());
      } else {
        // A refused GSO send (a path MTU below the segment size) loses its batch; NACKs repair
        // it, and this channel sends one datagram at a time from then on.
        ch.write(new SegmentedDatagramPacket(run, first.length(), first.to()),
            ch.newPromise().addListener(ONE_BY_ONE_ON_FAILURE));
      }
      messages++;
      i = end;
    }
    ch.flush();
    return messages;
  }

  /**
   * The end (exclusive) of the GSO run starting at {@code start}: same address, every datagram as
   * long as the first except possibly the last, within the segment and byte limits.
   */
  static int runEnd(List<Pending> queue, int start) {
    Pending first = queue.get(start);
    int size = first.length();
    if (size > MAX_GSO_SEGMENT) {
      return start + 1;
    }
    int bytes = size;
    int end = start + 1;
    while (end < queue.size() && end - start < MAX_SEGMENTS) {
      Pending p = queue.get(end);
      int length = p.length();
      if (!p.to().equals(first.to()) || length > size || bytes + length > MAX_GSO_BYTES) {
        break;
      }
      bytes += length;
      end++;
      if (length < size) {
        break; // a shorter datagram can only end a run
      }
    }
    return end;
  }

  private static boolean gsoSupported() {
    try {
      return SegmentedDatagramPacket.isSupported();
    } catch (Throwable t) { // the native library did not load: NIO, no GSO
      return false;
    }
  }
}
