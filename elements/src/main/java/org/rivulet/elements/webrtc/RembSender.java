package org.rivulet.elements.webrtc;

import org.rivulet.rtp.feedback.RembEstimator;

/**
 * The REMB value for the video a peer sends (draft-alvestrand-rmcat-remb): Kurento's local
 * estimate from the loss and bitrate we see ({@link RembEstimator}, driven by the endpoint's
 * RembParams within its receive bandwidth limits), lowered to what the receivers downstream can
 * take. Single-threaded (the pipeline's loop).
 */
final class RembSender {
  private final RembEstimator estimator;
  private long lastBytes;
  private long lastNanos;
  private long lastBps;
  private long sent;

  RembSender(RembEstimator.RembParams params, long minBps, long maxBps) {
    this.estimator = new RembEstimator(params, minBps, maxBps);
  }

  /**
   * The bitrate to ask for now, from the incoming stream's cumulative counters.
   *
   * @param downstreamBps the receivers' minimum, Long.MAX_VALUE when nothing bounds it
   */
  long next(long received, long lost, long bytes, long downstreamBps, long nowNanos) {
    if (lastNanos != 0 && nowNanos > lastNanos) {
      estimator.onIncomingBitrate((bytes - lastBytes) * 8 * 1_000_000_000L / (nowNanos - lastNanos));
    }
    lastBytes = bytes;
    lastNanos = nowNanos;
    estimator.onReceiverStats(received, lost, nowNanos);
    lastBps = estimator.combine(downstreamBps);
    sent++;
    return lastBps;
  }

  /** The bitrate last asked for, 0 before any. */
  long lastBps() {
    return lastBps;
  }

  long sent() {
    return sent;
  }
}
