package org.rivulet.loadgen.sfu;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every packet three subscribers (the first, the middle and the last connected) receive in the
 * window, one CSV line each: which subscriber, when it was sent (µs into the window), its latency
 * (µs, to its arrival at the subscriber's socket when measured, see {@link ArrivalStamps}), its
 * latency to the subscriber's receive path handing it over (µs), payload type, sequence number and
 * length. For finding what sets the tail: the last
 * subscriber of a fan-out and the packets of a keyframe show up at once.
 *
 * <p>Thread-safe: the subscribers' loops append.
 */
final class LatencyLog {
  private final int[] sampled;
  private static final String HEADER = "subscriber,sent_us,latency_us,delivered_us,payload_type,sequence,length\n";
  private final StringBuilder lines = new StringBuilder(HEADER);
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  LatencyLog(int subscribers) {
    this.sampled = new int[] {0, subscribers / 2, subscribers - 1};
  }

  /** Opens a window (see {@link Measurement#window}); the lines of the previous one are dropped. */
  void window(long startNanos, long lengthNanos) {
    synchronized (lines) {
      lines.setLength(HEADER.length());
      windowStart = Long.MAX_VALUE; // no line of either window while they change
      windowEnd = startNanos + lengthNanos;
      windowStart = startNanos;
    }
  }

  /**
   * Subscriber {@code index} received {@code rtp} (not consumed) sent at {@code sentNanos}: its
   * latency ends at {@code endNanos} (see {@link Measurement#received}) and it was handed over at
   * {@code deliveredNanos}.
   */
  void received(int index, ByteBuf rtp, long sentNanos, long endNanos, long deliveredNanos) {
    if (sentNanos < windowStart || sentNanos >= windowEnd
        || (index != sampled[0] && index != sampled[1] && index != sampled[2])) {
      return;
    }
    int at = rtp.readerIndex();
    String line = index + "," + (sentNanos - windowStart) / 1000 + ","
        + (endNanos - sentNanos) / 1000 + ","
        + (deliveredNanos - sentNanos) / 1000 + "," + (rtp.getUnsignedByte(at + 1) & 0x7f) + ","
        + rtp.getUnsignedShort(at + 2) + "," + rtp.readableBytes() + "\n";
    synchronized (lines) {
      lines.append(line);
    }
  }

  void write(Path file) throws IOException {
    synchronized (lines) {
      Files.writeString(file, lines);
    }
  }
}
