package org.rivulet.elements;

import java.util.Map;

/**
 * Where elements raise Kurento events. The RPC layer adds the common fields ({@code source},
 * {@code timestampMillis}, {@code tags}, {@code type}) and delivers the event to the sessions
 * subscribed to it. Called from the source's executor; implementations must not block.
 */
public interface EventSink {

  /**
   * Raises {@code eventType} on {@code source}.
   *
   * @param data the event-specific fields, in the model's value types (see {@link Struct})
   */
  void fire(MediaObject source, String eventType, Map<String, Object> data);

  /** A sink that drops every event (tests of the object model alone). */
  EventSink NONE = (source, type, data) -> { };
}
