package org.rivulet.srtp;

/**
 * A bounded table of {@link SrtpStreamState} by SSRC: open addressing with linear probing on a
 * primitive {@code int} key, so a lookup on the packet path neither boxes nor allocates.
 *
 * <p>Holds at most {@code maxStreams} entries; the slot array is at least twice that, so probe runs stay
 * short. {@link #isFull()} lets the caller refuse a new SSRC (and count it) before doing any work for it.
 * Removal shifts the following run back (no tombstones), so the table never degrades.
 *
 * <p>Not thread-safe: owned by one sender or receiver, on its event loop.
 */
final class SrtpStreamMap {

  /** JVB bounds its per-SSRC maps at 1024 (RELIABILITY.md, section 1.5). */
  static final int DEFAULT_MAX_STREAMS = 1024;
  static final int MAX_MAX_STREAMS = 1 << 20;

  private final SrtpStreamState[] slots;
  private final int mask;
  private final int maxStreams;
  private int size;
  private SrtpStreamState lastHit;

  SrtpStreamMap(int maxStreams) {
    if (maxStreams < 1 || maxStreams > MAX_MAX_STREAMS) {
      throw new IllegalArgumentException(
          "maxStreams must be in [1, " + MAX_MAX_STREAMS + "]: " + maxStreams);
    }
    this.maxStreams = maxStreams;
    int capacity = Integer.highestOneBit(maxStreams * 2 - 1) << 1;
    this.slots = new SrtpStreamState[Math.max(capacity, 4)];
    this.mask = slots.length - 1;
  }

  /**
   * The state for {@code ssrc}, or null. The last one found is tried first: a sender protects one
   * or two streams, and with a hundred senders on a loop the probe's slot array is rarely in cache.
   */
  SrtpStreamState get(int ssrc) {
    SrtpStreamState hit = lastHit;
    if (hit != null && hit.ssrc == ssrc) {
      return hit;
    }
    for (int i = home(ssrc); ; i = (i + 1) & mask) {
      SrtpStreamState s = slots[i];
      if (s == null || s.ssrc == ssrc) {
        if (s != null) {
          lastHit = s;
        }
        return s;
      }
    }
  }

  /** True when no new SSRC can be added. */
  boolean isFull() {
    return size >= maxStreams;
  }

  int size() {
    return size;
  }

  int maxStreams() {
    return maxStreams;
  }

  /**
   * Adds {@code state}. The caller has checked that its SSRC is absent and that the table is not full.
   */
  void add(SrtpStreamState state) {
    if (size >= maxStreams) {
      throw new IllegalStateException("SSRC table full");
    }
    int i = home(state.ssrc);
    while (slots[i] != null) {
      if (slots[i].ssrc == state.ssrc) {
        throw new IllegalStateException("SSRC already present: " + Integer.toUnsignedString(state.ssrc));
      }
      i = (i + 1) & mask;
    }
    slots[i] = state;
    size++;
  }

  /** Removes the state for {@code ssrc}; returns whether there was one. */
  boolean remove(int ssrc) {
    int i = home(ssrc);
    while (true) {
      SrtpStreamState s = slots[i];
      if (s == null) {
        return false;
      }
      if (s.ssrc == ssrc) {
        break;
      }
      i = (i + 1) & mask;
    }
    slots[i] = null;
    size--;
    if (lastHit != null && lastHit.ssrc == ssrc) {
      lastHit = null;
    }
    // Backward-shift deletion: move each later entry of the run into the hole unless its home slot
    // lies cyclically in (hole, entry], where it would no longer be found.
    int hole = i;
    for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int h = home(slots[j].ssrc);
      boolean staysPut = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (!staysPut) {
        slots[hole] = slots[j];
        slots[j] = null;
        hole = j;
      }
    }
    return true;
  }

  /** Fibonacci hashing: spreads sequential or patterned SSRCs over the table. */
  private int home(int ssrc) {
    int h = ssrc * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
