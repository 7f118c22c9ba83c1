package org.rivulet.server.it;

import org.kurento.client.MediaElement;
import org.kurento.client.MediaType;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;

/** An element's video RTP stream stats, from Kurento's {@code getStats} through the Java client. */
final class VideoStats {
  private VideoStats() {
  }

  /** The video the element sends (its first outbound RTP stream); fails when there is none. */
  static RTCOutboundRTPStreamStats outbound(MediaElement e) {
    return e.getStats(MediaType.VIDEO).values().stream()
        .filter(RTCOutboundRTPStreamStats.class::isInstance)
        .map(RTCOutboundRTPStreamStats.class::cast).findFirst().orElseThrow();
  }

  /** The video the element receives (its first inbound RTP stream); fails when there is none. */
  static RTCInboundRTPStreamStats inbound(MediaElement e) {
    return e.getStats(MediaType.VIDEO).values().stream()
        .filter(RTCInboundRTPStreamStats.class::isInstance)
        .map(RTCInboundRTPStreamStats.class::cast).findFirst().orElseThrow();
  }
}
