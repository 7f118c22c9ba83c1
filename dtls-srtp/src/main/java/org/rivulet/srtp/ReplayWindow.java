package org.rivulet.srtp;

import java.util.Arrays;

/**
 * A sliding-window replay list for one stream (RFC 3711 section 3.3.2): remembers which of the last
 * {@code size} packet indices were accepted.
 *
 * <pre>
 *            too old            |&lt;------------ size -----------&gt;|   new
 *   ... ------------------------+--------------------------------+------------ ...
 *                               top - size + 1                 top
 *                               bit (index mod size) set: seen
 * </pre>
 *
 * <p>Works on any non-negative index: the 48-bit SRTP index (ROC and sequence number) and the
 * 31-bit SRTCP index alike. {@link #check} looks without changing anything; {@link #accept} records,
 * and is called only once the packet has authenticated, as Bouncy Castle's {@code DTLSReplayWindow}
 * does, so a forged packet cannot move the window.
 *
 * <p>Not thread-safe: owned by one {@link SrtpStreamState}, on its event loop.
 */
final class ReplayWindow {

  /** libsrtp's default; RFC 3711 section 3.3.2 asks for at least 64. */
  static final int DEFAULT_SIZE = 128;
  static final int MIN_SIZE = 128;
  static final int MAX_SIZE = 32768;

  private final long[] bits;
  private final int size;
  private long top = -1;

  ReplayWindow(int size) {
    this.size = checkSize(size);
    this.bits = new long[size >>> 6];
  }

  /** Validates a window size: a power of two from {@link #MIN_SIZE} to {@link #MAX_SIZE}. */
  static int checkSize(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException(
          "replay window size must be a power of two in [" + MIN_SIZE + ", " + MAX_SIZE + "]: " + size);
    }
    return size;
  }

  int size() {
    return size;
  }

  /** The highest accepted index, or -1 before the first. */
  long top() {
    return top;
  }

  /**
   * Whether {@code index} may be accepted: {@link SrtpResult#OK} when it is new or inside the window
   * and unseen, {@link SrtpResult#REPLAYED} when it was accepted before, {@link SrtpResult#TOO_OLD}
   * when it is behind the window (or negative). Changes nothing.
   */
  SrtpResult check(long index) {
    if (index < 0) {
      return SrtpResult.TOO_OLD;
    }
    if (top < 0 || index > top) {
      return SrtpResult.OK;
    }
    if (top - index >= size) {
      return SrtpResult.TOO_OLD;
    }
    return isSet(index) ? SrtpResult.REPLAYED : SrtpResult.OK;
  }

  /**
   * Records {@code index} as accepted, sliding the window forward when it is the new top. The caller has
   * had {@link SrtpResult#OK} from {@link #check} for it and has authenticated the packet.
   */
  void accept(long index) {
    if (index > top) {
      long advance = index - top;
      if (top < 0 || advance >= size) {
        Arrays.fill(bits, 0L);
      } else {
        // The slots of top+1 .. index last held indices that now fall out of the window.
        for (long i = top + 1; i < index; i++) {
          clear(i);
        }
      }
      top = index;
    }
    set(index);
  }

  private boolean isSet(long index) {
    int slot = (int) index & (size - 1);
    return (bits[slot >>> 6] & (1L << slot)) != 0;
  }

  private void set(long index) {
    int slot = (int) index & (size - 1);
    bits[slot >>> 6] |= 1L << slot;
  }

  private void clear(long index) {
    int slot = (int) index & (size - 1);
    bits[slot >>> 6] &= ~(1L << slot);
  }
}
