package org.rivulet.elements.stats;

import java.util.Objects;
import org.rivulet.elements.MediaType;

/**
 * One pad's average latency, Kurento's {@code MediaLatencyStat}: how long buffers take to reach
 * an element's input pad ({@code inputLatency}) or to cross an endpoint ({@code E2ELatency}).
 *
 * @param name the pad, as Kurento names it (for example {@code sink_video_default})
 * @param type the pad's media; Kurento's getStats filter selects latencies by it
 * @param avgNanos the average in nanoseconds, as Kurento reports it
 */
public record MediaLatency(String name, MediaType type, double avgNanos) {
  public MediaLatency {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
