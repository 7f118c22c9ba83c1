package org.rivulet.elements;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.EnumMap;
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

  private final MediaElement element;
  private final String eventType;
  private final Map<MediaType, Long> lastPacketNanos = new EnumMap<>(MediaType.class);
  private final Map<MediaType, Boolean> flowing = new EnumMap<>(MediaType.class);
  private ScheduledFuture<?> timer;

  MediaFlow(MediaElement element, String eventType) {
    this.element = element;
    this.eventType = eventType;
  }

  /** A packet of this type passed now. */
  void packet(MediaType type) {
    lastPacketNanos.put(type, System.nanoTime());
    if (!flowing.getOrDefault(type, false)) {
      flowing.put(type, true);
      fire(type, "FLOWING");
      if (timer == null) {
        timer = element.getMediaPipeline().loop().scheduleAtFixedRate(this::checkIdle,
            IDLE_MILLIS / 2, IDLE_MILLIS / 2, TimeUnit.MILLISECONDS);
      }
    }
  }

  boolean isFlowing(MediaType type) {
    return flowing.getOrDefault(type, false);
  }

  private void checkIdle() {
    long now = System.nanoTime();
    for (Map.Entry<MediaType, Boolean> e : flowing.entrySet()) {
      if (e.getValue() && now - lastPacketNanos.get(e.getKey())
          > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
        e.setValue(false);
        fire(e.getKey(), "NOT_FLOWING");
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
