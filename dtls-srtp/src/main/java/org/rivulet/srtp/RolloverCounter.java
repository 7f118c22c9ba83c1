package org.rivulet.srtp;

/**
 * The rollover counter (ROC) and highest sequence number s_l of one SRTP stream, and the packet index
 * estimate of RFC 3711 section 3.3.1 and Appendix A built on them.
 *
 * <p>The 48-bit packet index is {@code ROC * 65536 + SEQ}. Both are kept as one {@code long}, the
 * highest index authenticated so far. {@link #estimate} guesses the index of a new packet from its
 * 16-bit sequence number, choosing ROC - 1, ROC or ROC + 1, whichever puts the packet nearest to s_l:
 *
 * <pre>
 *   s_l &lt; 32768:   SEQ - s_l &gt; 32768  -&gt; v = ROC - 1 (a late packet from before the last wrap)
 *                  otherwise          -&gt; v = ROC
 *   s_l &gt;= 32768:  s_l - 32768 &gt; SEQ  -&gt; v = ROC + 1 (the sequence number wrapped)
 *                  otherwise          -&gt; v = ROC
 * </pre>
 *
 * {@link #update} is called only after the packet has authenticated (RFC 3711 section 3.3, step 6 of
 * 3.3; pion/srtp PR #82): a forged packet must not move the ROC.
 *
 * <p>Not thread-safe: owned by one {@link SrtpStreamState}, on its event loop.
 */
final class RolloverCounter {

  private static final int HALF = 1 << 15;

  /** ROC * 65536 + s_l of the highest authenticated packet; -1 before the first. */
  private long highest = -1;

  /**
   * The estimated packet index of a packet with sequence number {@code seq} (0..65535). Before the first
   * packet the ROC is 0 and the index is {@code seq}. Negative when the packet would belong before ROC 0
   * (too old to have an index); above 2^48 - 1 when the ROC would pass 2^32 - 1.
   */
  long estimate(int seq) {
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xFFFF);
    long v = roc;
    if (sl < HALF) {
      if (seq - sl > HALF) {
        v = roc - 1;
      }
    } else if (sl - HALF > seq) {
      v = roc + 1;
    }
    return v * 65536 + seq;
  }

  /** Records an authenticated packet's index: ROC and s_l move forward only, never back. */
  void update(long index) {
    if (index > highest) {
      highest = index;
    }
  }

  /** The current ROC (0 before the first packet). */
  long roc() {
    return highest < 0 ? 0 : highest >>> 16;
  }

  /** The highest index so far, -1 before the first packet. */
  long highestIndex() {
    return highest;
  }

  /** Test hook: start from a given highest index (for example just before a ROC wrap). */
  void reset(long highestIndex) {
    this.highest = highestIndex;
  }
}
