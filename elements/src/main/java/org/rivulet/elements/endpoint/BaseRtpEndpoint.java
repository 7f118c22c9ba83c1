package org.rivulet.elements.endpoint;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.Struct;

/**
 * Kurento's BaseRtpEndpoint: an SDP endpoint that carries RTP. Holds the bandwidth limits, the MTU
 * (from {@code BaseRtpEndpoint.conf.ini}), REMB parameters and the media and connection states.
 */
public abstract class BaseRtpEndpoint extends SdpEndpoint {

  protected BaseRtpEndpoint(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
    // Kilobits per second, Kurento's defaults.
    defineProperty("minVideoRecvBandwidth", 0);
    defineProperty("minVideoSendBandwidth", 100);
    defineProperty("maxVideoSendBandwidth", 500);
    defineProperty("mtu", context.config().intValue("BaseRtpEndpoint", "mtu", 1200));
    defineProperty("rembParams", defaultRembParams());
    defineProperty("mediaState", "DISCONNECTED");
    defineProperty("connectionState", "DISCONNECTED");
  }

  /** RembParams with the defaults of Kurento's descriptor and REMB implementation. */
  static Struct defaultRembParams() {
    return Struct.of("RembParams", "packetsRecvIntervalTop", 100, "exponentialFactor", 0.04f,
        "linealFactorMin", 50, "linealFactorGrade", 30f, "decrementFactor", 0.5f,
        "thresholdFactor", 0.8f, "upLosses", 12, "rembOnConnect", 300_000);
  }

  @Override
  protected void checkProperty(String property, Object value) {
    switch (property) {
      case "minVideoRecvBandwidth", "minVideoSendBandwidth", "maxVideoSendBandwidth" ->
          requireRange(property, value, 0, Integer.MAX_VALUE);
      // IPv4's minimum reassembly size up to the largest UDP payload.
      case "mtu" -> requireRange(property, value, 68, 65_507);
      default -> super.checkProperty(property, value);
    }
  }

  /**
   * Moves mediaState and connectionState to {@code state} (CONNECTED or DISCONNECTED) with
   * Kurento's events; on CONNECTED the sources are asked for a keyframe for the new peer.
   */
  protected final void mediaState(String state) {
    String old = (String) property("mediaState");
    if (old.equals(state)) {
      return;
    }
    updateProperty("mediaState", state);
    updateProperty("connectionState", state);
    fire("MediaStateChanged", java.util.Map.of("oldState", old, "newState", state));
    fire("ConnectionStateChanged", java.util.Map.of("oldState", old, "newState", state));
    if (state.equals("CONNECTED")) {
      fire("MediaSessionStarted", java.util.Map.of());
      // Whoever receives our video needs a keyframe to start decoding.
      requestKeyframeUpstream(org.rivulet.elements.MediaType.VIDEO);
    } else {
      fire("MediaSessionTerminated", java.util.Map.of());
    }
  }

  /**
   * Kurento's getStats of an RTP endpoint: the endpoint entry (input latency while the pipeline's
   * latencyStats is on), the RTP streams of {@code sessions} and the transport when there is one.
   */
  protected final java.util.Map<String, Struct> rtpStats(org.rivulet.elements.MediaType type,
      java.util.List<org.rivulet.elements.webrtc.RtpSession> sessions,
      org.rivulet.elements.stats.TransportCounters transport) {
    org.rivulet.elements.stats.KurentoStats stats = org.rivulet.elements.stats.KurentoStats
        .forEndpoint(getId(), System.currentTimeMillis());
    if (getMediaPipeline().latencyStats()) {
      stats.latencies(inputLatencies(), java.util.List.of());
    }
    if (transport != null) {
      stats.transport(transport);
    }
    for (org.rivulet.elements.webrtc.RtpSession s : sessions) {
      s.inboundStats().forEach(stats::inbound);
      s.outboundStats().forEach(stats::outbound);
    }
    return stats.build(type);
  }

  @Override
  protected void onPropertyChanged(String property, Object value) {
    if (property.equals("rembParams")) {
      // Fill what the client left out with the defaults, as Kurento's RembParams constructor does.
      Struct given = (Struct) value;
      java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(
          defaultRembParams().fields());
      given.fields().forEach((k, v) -> {
        if (v != null) {
          merged.put(k, v);
        }
      });
      updateProperty("rembParams", new Struct("RembParams", merged));
    }
  }
}
