package org.rivulet.rtp.feedback;

/**
 * The bandwidth estimate Rivulet sends to a publisher in REMB: Kurento's loss-driven local estimate
 * (KmsRembLocal in kmsremb.c), tuned by Kurento's {@code RembParams}, combined with the lowest REMB
 * the subscribers send. It grows while the incoming stream is clean and falls back when it loses.
 *
 * <p><b>One update</b> per {@link #onReceiverStats} call (calls closer than
 * {@link #MIN_UPDATE_INTERVAL_NANOS} to the last update are skipped; Kurento updates with each
 * RTCP report, about every 500 ms, which {@code linealFactorGrade}'s default assumes):
 * <ol>
 *   <li>The interval's fraction lost, N/256 as in a receiver report, joins a loss record that
 *       remembers about {@code packetsRecvIntervalTop} packets:
 *       {@code record = (record * (top - n) + fraction * n) / top}, {@code n} the interval's
 *       packets, {@code top = max(packetsRecvIntervalTop, n)}. Integer division, as in Kurento: it
 *       is what brings the record back to exactly 0 after a few clean intervals.
 *   <li>Record 0: grow from {@code base = max(estimate, highest incoming bitrate)}. Below the
 *       threshold TH by {@code base * exponentialFactor}; at or above it by {@code linealFactor}.
 *       Never above twice the highest incoming bitrate (growth has to be earned by the sender
 *       actually sending), and never down.
 *   <li>Record above 0: {@code base = max(estimate, average incoming bitrate)},
 *       {@code TH = base * thresholdFactor},
 *       {@code linealFactor = max(linealFactorMin, (base - TH) / linealFactorGrade)}, so that after
 *       a cut the estimate climbs fast back to TH and then slowly towards where the losses began.
 *       Then if {@code record < upLosses} the losses are bearable: hold, at most the highest
 *       incoming bitrate. Otherwise cut to {@code base * decrementFactor} and start the loss record
 *       and the bitrate measurements afresh.
 * </ol>
 * The estimate always stays within [minBps, maxBps] (maxBps 0: no maximum; minBps wins if maxBps is
 * lower, as Kurento's minimum is applied last). {@link #combine} then takes the subscribers' limit.
 *
 * <p><b>Where this departs from Kurento, and why:</b>
 * <ul>
 *   <li>Start at {@code rembOnConnect}, as the API describes it ("initial local REMB bandwidth
 *       estimation"). Kurento's local estimate actually starts at 2 Mbps, replaced by the first
 *       measured incoming bitrate, and uses rembOnConnect only on its sending side, for its own
 *       encoders; Rivulet forwards and does not encode.
 *   <li>No threshold until the first loss, so growth is exponential up to the first loss (still
 *       capped by twice the incoming bitrate and by maxBps). Kurento starts with TH = 2 Mbps, which
 *       makes an unlimited endpoint creep past 2 Mbps at 50 bps per update.
 *   <li>The fraction lost comes from the counters' deltas and is weighted by packets expected
 *       (received + lost), so an interval in which everything was lost counts fully. Kurento takes
 *       the fraction of its last receiver report and weights it by packets received.
 *   <li>The incoming bitrate is optional: until {@link #onIncomingBitrate} gives one (and again
 *       after a cut, until it gives a new one) growth is not capped by it and a hold keeps the
 *       estimate. Kurento always measures it.
 *   <li>The estimate itself stays within [minBps, maxBps], so recovery after repeated cuts starts
 *       at the floor. Kurento keeps an unfloored estimate and floors only what it sends, at
 *       {@code max(minVideoRecvBandwidth, 30 kbps)}: callers pass that floor as minBps
 *       ({@link #KURENTO_MIN_BPS}).
 *   <li>Exponential growth adds at least 1 bps, so a tiny estimate still moves.
 *   <li>Parameters Kurento would compute nonsense with (NaN, infinite or negative factors, a
 *       non-positive linealFactorGrade, negative counts) are rejected; packetsRecvIntervalTop below
 *       1 becomes 1, as in Kurento.
 * </ul>
 *
 * <p>Not thread-safe: one instance per incoming video stream, on its pipeline's event loop.
 */
public final class RembEstimator {

  /** The lowest REMB Kurento sends whatever the endpoint's minimum says (REMB_MIN in kmsremb.c). */
  public static final long KURENTO_MIN_BPS = 30_000;

  /** Updates closer than this to the last one are skipped, like Kurento's REMB_MAX_INTERVAL. */
  public static final long MIN_UPDATE_INTERVAL_NANOS = 200_000_000L;

  /** Growth stops at this many times the highest incoming bitrate (REMB_MAX_FACTOR_INPUT_BR). */
  private static final long INCOMING_FACTOR = 2;

  /**
   * Kurento's {@code RembParams} (core.kmd.json): the first seven drive the local estimate, as the
   * class comment says; {@code rembOnConnect} is where it starts, in bps.
   *
   * @param packetsRecvIntervalTop packets the loss record remembers (below 1 becomes 1)
   * @param exponentialFactor growth per update below the threshold, as a fraction
   * @param linealFactorMin least growth per update at or above the threshold, in bps
   * @param linealFactorGrade updates in which linear growth covers base - threshold
   * @param decrementFactor what a cut keeps of the base
   * @param thresholdFactor where, as a fraction of the base, linear growth begins after a loss
   * @param upLosses fraction lost, N/256, from which losses cut the estimate
   * @param rembOnConnect the estimate before any statistics, in bps
   */
  public record RembParams(
      int packetsRecvIntervalTop,
      double exponentialFactor,
      int linealFactorMin,
      double linealFactorGrade,
      double decrementFactor,
      double thresholdFactor,
      int upLosses,
      int rembOnConnect) {

    /**
     * Kurento's defaults: the descriptor's, and kmsremb.c's 50 bps for linealFactorMin, which the
     * descriptor leaves without a default.
     */
    public static final RembParams DEFAULTS =
        new RembParams(100, 0.04, 50, 30, 0.5, 0.8, 12, 300_000);

    public RembParams {
      packetsRecvIntervalTop = Math.max(1, packetsRecvIntervalTop);
      requireFactor("exponentialFactor", exponentialFactor);
      requireFactor("decrementFactor", decrementFactor);
      requireFactor("thresholdFactor", thresholdFactor);
      if (!(linealFactorGrade > 0) || Double.isInfinite(linealFactorGrade)) {
        throw new IllegalArgumentException("linealFactorGrade must be > 0: " + linealFactorGrade);
      }
      if (linealFactorMin < 0 || upLosses < 0 || rembOnConnect < 0) {
        throw new IllegalArgumentException("negative linealFactorMin, upLosses or rembOnConnect: "
            + linealFactorMin + ", " + upLosses + ", " + rembOnConnect);
      }
    }

    private static void requireFactor(String name, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
      }
    }
  }

  private final RembParams params;
  private final long minBps;
  private final long maxBps;

  private long estimate;
  private long threshold = Long.MAX_VALUE;
  private long linealFactor;
  private long lossRecord;

  private boolean incomingMeasured;
  private long maxIncomingBps;
  private long avgIncomingBps;
  private long pendingIncomingBps = -1;

  private boolean updated;
  private long lastUpdateNanos;
  private long lastReceived;
  private long lastLost;

  /**
   * @param minBps the floor, in bps (for Kurento's behaviour at least {@link #KURENTO_MIN_BPS})
   * @param maxBps the ceiling, in bps; 0 for none
   */
  public RembEstimator(RembParams params, long minBps, long maxBps) {
    if (minBps < 0 || maxBps < 0) {
      throw new IllegalArgumentException("negative bound: " + minBps + ", " + maxBps);
    }
    this.params = params;
    this.minBps = minBps;
    this.maxBps = maxBps;
    this.linealFactor = params.linealFactorMin();
    this.estimate = clamp(params.rembOnConnect());
  }

  public RembParams params() {
    return params;
  }

  /**
   * The incoming stream's cumulative counters as the server sees them (RFC 3550 A.3: received,
   * and lost = expected - received). Updates the estimate unless the last update was less than
   * {@link #MIN_UPDATE_INTERVAL_NANOS} ago or no packet was expected since; skipped calls lose
   * nothing, the next update covers their packets. Counters going back (the source restarted)
   * count from zero again, as in Kurento.
   */
  public void onReceiverStats(long packetsReceived, long packetsLost, long nowNanos) {
    if (updated && nowNanos - lastUpdateNanos < MIN_UPDATE_INTERVAL_NANOS) {
      return;
    }
    if (packetsReceived < lastReceived) {
      lastReceived = 0;
      lastLost = 0;
    }
    long received = packetsReceived - lastReceived;
    long lost = packetsLost - lastLost;
    long expected = received + lost;
    if (expected <= 0) {
      return;
    }
    lastReceived = packetsReceived;
    lastLost = packetsLost;
    updated = true;
    lastUpdateNanos = nowNanos;
    long fraction = lost <= 0 ? 0 : Math.min(255, lost * 256 / expected);
    update(fraction, expected);
  }

  /**
   * The incoming stream's measured bitrate, in bps; the latest value is used at the next update
   * (for the growth cap, the hold and the base of a cut).
   */
  public void onIncomingBitrate(long bps) {
    if (bps < 0) {
      throw new IllegalArgumentException("negative bitrate: " + bps);
    }
    pendingIncomingBps = bps;
  }

  /** The local estimate, in bps, within [minBps, maxBps]. */
  public long estimate() {
    return estimate;
  }

  /**
   * What to send the publisher: the lower of the local estimate and {@code downstreamBps}, the
   * lowest REMB among the subscribers ({@code Long.MAX_VALUE} when none; 0 or less also means
   * none, as in Kurento), within [minBps, maxBps].
   */
  public long combine(long downstreamBps) {
    long downstream = downstreamBps > 0 ? downstreamBps : Long.MAX_VALUE;
    return clamp(Math.min(estimate, downstream));
  }

  long threshold() {
    return threshold;
  }

  long linealFactor() {
    return linealFactor;
  }

  long lossRecord() {
    return lossRecord;
  }

  private void update(long fraction, long packets) {
    long top = Math.max(params.packetsRecvIntervalTop(), packets);
    lossRecord = (lossRecord * (top - packets) + fraction * packets) / top;
    if (pendingIncomingBps >= 0) {
      long bps = pendingIncomingBps;
      pendingIncomingBps = -1;
      maxIncomingBps = incomingMeasured ? Math.max(maxIncomingBps, bps) : bps;
      avgIncomingBps = incomingMeasured ? (avgIncomingBps * 7 + bps) / 8 : bps;
      incomingMeasured = true;
    }
    if (lossRecord == 0) {
      grow();
    } else {
      backOff();
    }
    estimate = clamp(estimate);
  }

  private void grow() {
    long base = incomingMeasured ? Math.max(estimate, maxIncomingBps) : estimate;
    long step;
    if (base < threshold) {
      step = (long) (base * params.exponentialFactor());
      if (step == 0 && params.exponentialFactor() > 0) {
        step = 1;
      }
    } else {
      step = linealFactor;
    }
    long next = base > Long.MAX_VALUE - step ? Long.MAX_VALUE : base + step;
    if (incomingMeasured) {
      long cap = maxIncomingBps > Long.MAX_VALUE / INCOMING_FACTOR
          ? Long.MAX_VALUE : maxIncomingBps * INCOMING_FACTOR;
      next = Math.min(next, cap);
    }
    estimate = Math.max(estimate, next);
  }

  private void backOff() {
    long base = incomingMeasured ? Math.max(estimate, avgIncomingBps) : estimate;
    threshold = (long) (base * params.thresholdFactor());
    long slope = (long) ((base - threshold) / params.linealFactorGrade());
    linealFactor = Math.max(params.linealFactorMin(), slope);
    if (lossRecord < params.upLosses()) {
      if (incomingMeasured) {
        estimate = Math.min(estimate, maxIncomingBps);
      }
    } else {
      estimate = (long) (base * params.decrementFactor());
      lossRecord = 0;
      incomingMeasured = false;
      maxIncomingBps = 0;
      avgIncomingBps = 0;
    }
  }

  private long clamp(long bps) {
    long upper = maxBps > 0 ? maxBps : Long.MAX_VALUE;
    return Math.max(minBps, Math.min(upper, bps));
  }

  @Override
  public String toString() {
    return "RembEstimator[estimate=" + estimate + ", threshold="
        + (threshold == Long.MAX_VALUE ? "none" : threshold) + ", linealFactor=" + linealFactor
        + ", lossRecord=" + lossRecord + ", maxIncoming=" + maxIncomingBps + "]";
  }
}
