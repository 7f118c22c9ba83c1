package org.rivulet.transport.impair;

/**
 * What an {@link ImpairmentHandler} did in one direction.
 *
 * <p>Threading: plain {@code long} fields, written only on the channel's event loop; read them there (in
 * tests, after the {@code EmbeddedChannel} calls return).
 */
public final class ImpairmentCounters {

  long seen;
  long lost;
  long duplicated;
  long reordered;
  long delayed;
  long overflowed;
  long discardedOnClose;

  ImpairmentCounters() {}

  /** Packets that reached the handler (buffers and buffer holders; other messages are not counted). */
  public long seen() {
    return seen;
  }

  /** Packets dropped and released. */
  public long lost() {
    return lost;
  }

  /** Packets sent twice (each duplicate counted once). */
  public long duplicated() {
    return duplicated;
  }

  /** Packets held back by the reorder delay. */
  public long reordered() {
    return reordered;
  }

  /** Packets dropped because the bottleneck's queue was full ({@link Impairment#rate()}). */
  public long overflowed() {
    return overflowed;
  }

  /** Packets (duplicates included) passed on later by a scheduled task rather than at once. */
  public long delayed() {
    return delayed;
  }

  /** Delayed packets still waiting when the channel closed or the handler was removed, released unsent. */
  public long discardedOnClose() {
    return discardedOnClose;
  }

  @Override
  public String toString() {
    return "{seen=" + seen + ", lost=" + lost + ", duplicated=" + duplicated + ", reordered=" + reordered
        + ", delayed=" + delayed + ", overflowed=" + overflowed + ", discardedOnClose=" + discardedOnClose + '}';
  }
}
