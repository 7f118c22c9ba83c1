package org.rivulet.elements;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kurento's media-flow state of one element, per direction and media type: FLOWING once packets
 * pass, NOT_FLOWING after {@value #IDLE_MILLIS} ms without any. Raises
 * {@code MediaFlowInStateChanged}/{@code MediaFlowOutStateChanged} on each change. Lives on the
 * pipeline's loop: a single timer per element checks for silence.
 */
final class MediaFlow {
  static final long IDLE_MILLIS = 2000;
  /** The idle check's period. */
  static final long CHECK_MILLIS = IDLE_MILLIS / 2;
  /** Checks in a row without a packet after which a type stops flowing. */
  private static final int QUIET_CHECKS = (int) (IDLE_MILLIS / CHECK_MILLIS);
  private static final int TYPES = MediaType.values().length;

  private final MediaElement element;
  private final String eventType;
  /**
   * Packets counted per type, not timed: this runs for every packet at every element (each viewer
   * of a fan-out), where a clock read and a boxed map entry per packet showed in the profile.
   */
  private final long[] packets = new long[TYPES];
  private final long[] packetsAtCheck = new long[TYPES];
  private final int[] quietChecks = new int[TYPES];
  private final boolean[] flowing = new boolean[TYPES];
  private ScheduledFuture<?> timer;

  MediaFlow(MediaElement element, String eventType) {
    this.element = element;
    this.eventType = eventType;
  }

  /** A packet of this type passed now. */
  void packet(MediaType type) {
    int i = type.ordinal();
    packets[i]++;
    if (!flowing[i]) {
      flowing[i] = true;
      quietChecks[i] = 0;
      packetsAtCheck[i] = packets[i] - 1; // this packet falls in the period the next check sees
      fire(type, "FLOWING");
      if (timer == null) {
        timer = element.getMediaPipeline().loop().scheduleAtFixedRate(this::checkIdle,
            CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  boolean isFlowing(MediaType type) {
    return flowing[type.ordinal()];
  }

  /**
   * The periodic check: a type that saw no packet for {@value #QUIET_CHECKS} checks in a row has
   * been silent for at least {@link #IDLE_MILLIS} (and at most one period more), and stops flowing.
   */
  void checkIdle() {
    for (MediaType type : MediaType.values()) {
      int i = type.ordinal();
      if (!flowing[i]) {
        continue;
      }
      if (packets[i] != packetsAtCheck[i]) {
        packetsAtCheck[i] = packets[i];
        quietChecks[i] = 0;
      } else if (++quietChecks[i] >= QUIET_CHECKS) {
        flowing[i] = false;
        fire(type, "NOT_FLOWING");
      }
    }
  }

  private void fire(MediaType type, String state) {
    element.raise(eventType, Map.of("state", state, "padName", Connection.DEFAULT_DESCRIPTION,
        "mediaType", type.name()));
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
