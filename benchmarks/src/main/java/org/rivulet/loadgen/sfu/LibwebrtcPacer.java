package org.rivulet.loadgen.sfu;

/**
 * The video pacing of a browser publisher, after libwebrtc's {@code PacingController} as Chromium
 * runs it: packets leave at 2.5 times the target bitrate ({@code kDefaultPaceMultiplier}), and as a
 * burst while the unpaid "media debt" is under what that rate sends in 40 ms
 * ({@code kDefaultBurstInterval}). So an ordinary frame still leaves back to back, and only a
 * frame larger than the burst budget (a keyframe) is spread out. Audio is neither paced nor
 * counted, as in libwebrtc's defaults.
 *
 * <p>Not thread-safe: the publisher's loop.
 */
final class LibwebrtcPacer {
  static final double PACE_MULTIPLIER = 2.5;
  static final long BURST_INTERVAL_NANOS = 40_000_000L;

  private final double bytesPerNano;
  private final double burstBytes;
  private double debt;
  private long lastNanos;
  private boolean started;

  /** Paces a stream whose target bitrate is {@code targetBitsPerSecond}. */
  LibwebrtcPacer(long targetBitsPerSecond) {
    this.bytesPerNano = targetBitsPerSecond * PACE_MULTIPLIER / 8 / 1e9;
    this.burstBytes = bytesPerNano * BURST_INTERVAL_NANOS;
  }

  /** Whether a video packet of {@code bytes} may leave at {@code nowNanos}; if so it is counted. */
  boolean trySend(int bytes, long nowNanos) {
    if (started) {
      debt = Math.max(0, debt - (nowNanos - lastNanos) * bytesPerNano);
    }
    started = true;
    lastNanos = nowNanos;
    if (debt >= burstBytes) {
      return false;
    }
    debt += bytes;
    return true;
  }

  /** What may leave at once after a quiet spell, in bytes. */
  double burstBytes() {
    return burstBytes;
  }
}
