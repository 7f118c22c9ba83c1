package org.rivulet.transport.fault;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rivulet.transport.EnumCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What went wrong on one owner's channels (an endpoint's sockets), as Netty reports it through the
 * pipeline: a datagram read that could not get a buffer, a write that could not copy its message
 * into direct memory, a handler that threw. A failed read leaves its datagram in the kernel's
 * buffer for the next one (lost only if that buffer overflows meanwhile); a failed write loses its
 * datagrams. This counts each fault by {@link Kind}, logs the first of a spell with its stack trace
 * and then one line per {@link #REPORT_INTERVAL_NANOS} at most, and tells the owner as often
 * (Kurento's {@code Error} event), so that a full direct memory (RELIABILITY.md B12.139) costs
 * delayed or dropped packets, a counter and an event, but neither a log line per packet nor the
 * event loop.
 *
 * <p>Socket errors ({@link Kind#SOCKET}: a peer's port unreachable, a reset ICE-TCP connection) are
 * the network's business: counted, logged at debug, not reported.
 *
 * <p>Thread-safe: an owner's channels may sit on different loops; faults are rare, so one lock.
 */
public final class ChannelFaults {
  /** At most one log line and one report per this interval, per owner. */
  public static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final Logger LOG = LoggerFactory.getLogger(ChannelFaults.class);

  /** What kind of fault. */
  public enum Kind {
    /** No memory for a buffer: direct memory at {@code -XX:MaxDirectMemorySize}, or the heap. */
    OUT_OF_MEMORY,
    /** The socket refused or failed (an {@link IOException}). */
    SOCKET,
    /** Anything else: a bug in a handler. */
    OTHER;

    static Kind of(Throwable cause) {
      if (cause instanceof OutOfMemoryError) {
        return OUT_OF_MEMORY;
      }
      return cause instanceof IOException ? SOCKET : OTHER;
    }
  }

  /** Hears about faults worth telling the owner's users, at most once per interval. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param kind the latest fault's kind (never {@link Kind#SOCKET})
     * @param description what happened since the last report, for people
     */
    void onFaults(Kind kind, String description);
  }

  private final String owner;
  private final Listener listener;
  private final LongSupplier clock;
  private final long[] counts = new long[Kind.values().length];
  /** Reported faults (not socket ones) since the last report. */
  private long sinceReport;
  private long lastReportNanos;
  private boolean reportedOnce;

  /**
   * @param owner names the owner in logs (an endpoint's id)
   * @param listener told of faults, at most once per interval; called on the thread that saw one
   */
  public ChannelFaults(String owner, Listener listener) {
    this(owner, listener, System::nanoTime);
  }

  ChannelFaults(String owner, Listener listener, LongSupplier clock) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Counts one fault and reports it if the interval allows. */
  public void record(Throwable cause) {
    Kind kind = Kind.of(cause);
    String description;
    synchronized (this) {
      counts[kind.ordinal()]++;
      if (kind == Kind.SOCKET) {
        LOG.debug("{}: socket error: {}", owner, cause.toString());
        return;
      }
      sinceReport++;
      long now = clock.getAsLong();
      if (reportedOnce && now - lastReportNanos < REPORT_INTERVAL_NANOS) {
        return;
      }
      description = sinceReport == 1
          ? "A media socket failed to read or write: " + cause
          : sinceReport + " media socket reads or writes failed in "
              + TimeUnit.NANOSECONDS.toSeconds(now - lastReportNanos) + " s; the latest: " + cause;
      if (reportedOnce) {
        LOG.warn("{}: {} (faults so far {})", owner, description, this);
      } else {
        LOG.warn("{}: {}; further faults are logged at most every {} s", owner, description,
            TimeUnit.NANOSECONDS.toSeconds(REPORT_INTERVAL_NANOS), cause);
      }
      reportedOnce = true;
      lastReportNanos = now;
      sinceReport = 0;
    }
    listener.onFaults(kind, description);
  }

  /** Faults of {@code kind} so far. */
  public synchronized long count(Kind kind) {
    return counts[kind.ordinal()];
  }

  /** The non-zero counts, as {@code {OUT_OF_MEMORY=3}}. */
  @Override
  public synchronized String toString() {
    return EnumCounts.nonZero(Kind.values(), counts);
  }
}
