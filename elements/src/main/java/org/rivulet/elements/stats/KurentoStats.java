package org.rivulet.elements.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.Struct;

/**
 * Builds the answer to Kurento's {@code MediaElement.getStats(mediaType)}: a {@code Stats<>} map
 * from stats id to {@link Struct}, each Struct one of {@code core.kmd.json}'s Stats types with all
 * its fields. An element collects its records into a fresh builder per call; every entry gets the
 * same {@code timestampMillis}, as in Kurento.
 *
 * <p>Entries, as Kurento Media Server reports them unless noted:
 * <ul>
 *   <li>the element's own entry, keyed by the element id: {@code ElementStats} (type
 *       {@code element}) or, for endpoints, {@code EndpointStats} ({@code endpoint}). Kurento
 *       has it only while the pipeline's {@code latencyStats} is on, so it appears only after
 *       {@link #latencies}.
 *   <li>{@code RTCInboundRTPStreamStats} / {@code RTCOutboundRTPStreamStats} per received / sent
 *       SSRC.
 *   <li>with data channels, {@code RTCPeerConnectionStats} ({@code session}) and one
 *       {@code RTCDataChannelStats} per channel.
 *   <li>Rivulet's addition: {@code RTCTransportStats}, {@code RTCIceCandidatePairStats} and the
 *       pairs' {@code RTCIceCandidateAttributes}, which Kurento declares but never fills.
 * </ul>
 *
 * <p>Ids are stable across calls: the element id, then {@code _<type>_} and what identifies the
 * object (SSRC, channel id, candidate transport address).
 *
 * <p>Not thread-safe; {@link #build} may be called more than once.
 */
public final class KurentoStats {
  private final String elementId;
  private final long timestampMillis;
  private final boolean endpoint;
  private List<MediaLatency> inputLatency;
  private List<MediaLatency> e2eLatency = List.of();
  private final List<InboundRtpCounters> inbound = new ArrayList<>();
  private final List<OutboundRtpCounters> outbound = new ArrayList<>();
  private TransportCounters transport;
  private final List<IcePairCounters> pairs = new ArrayList<>();
  private DataSessionCounters data;

  private KurentoStats(String elementId, long timestampMillis, boolean endpoint) {
    this.elementId = Objects.requireNonNull(elementId, "elementId");
    this.timestampMillis = timestampMillis;
    this.endpoint = endpoint;
  }

  /**
   * Stats of an element that is not an endpoint in Kurento's sense (filters, hub ports, player):
   * at most an {@code ElementStats} entry.
   *
   * @param timestampMillis milliseconds since the epoch when the figures were read
   */
  public static KurentoStats forElement(String elementId, long timestampMillis) {
    return new KurentoStats(elementId, timestampMillis, false);
  }

  /**
   * Stats of an endpoint that Kurento gives an {@code EndpointStats} entry: WebRTC and RTP
   * endpoints and the recorder.
   *
   * @param timestampMillis milliseconds since the epoch when the figures were read
   */
  public static KurentoStats forEndpoint(String elementId, long timestampMillis) {
    return new KurentoStats(elementId, timestampMillis, true);
  }

  /**
   * Adds the element's own entry; call it only while the pipeline's latency stats are on.
   *
   * @param input the average latency to each input pad
   * @param e2e the average end-to-end latency of each stream; empty for a plain element
   */
  public KurentoStats latencies(List<MediaLatency> input, List<MediaLatency> e2e) {
    if (!endpoint && !e2e.isEmpty()) {
      throw new IllegalArgumentException("only endpoints have end-to-end latencies");
    }
    inputLatency = List.copyOf(input);
    e2eLatency = List.copyOf(e2e);
    return this;
  }

  /** Adds a received RTP stream. */
  public KurentoStats inbound(InboundRtpCounters c) {
    requireEndpoint();
    inbound.add(Objects.requireNonNull(c));
    return this;
  }

  /** Adds a sent RTP stream. */
  public KurentoStats outbound(OutboundRtpCounters c) {
    requireEndpoint();
    outbound.add(Objects.requireNonNull(c));
    return this;
  }

  /** Sets the transport; its selected pair is reported with it. */
  public KurentoStats transport(TransportCounters t) {
    requireEndpoint();
    transport = Objects.requireNonNull(t);
    return this;
  }

  /** Adds a candidate pair besides the selected one (reporting that one again is harmless). */
  public KurentoStats candidatePair(IcePairCounters p) {
    requireEndpoint();
    pairs.add(Objects.requireNonNull(p));
    return this;
  }

  /** Sets the data-channel association. */
  public KurentoStats dataSession(DataSessionCounters d) {
    requireEndpoint();
    data = Objects.requireNonNull(d);
    return this;
  }

  /**
   * The stats report, filtered as Kurento filters it.
   *
   * @param mediaType null for everything; AUDIO or VIDEO for that media's RTP streams and
   *     latencies; DATA for the data-channel entries and no RTP stream. Kurento does not filter
   *     latencies for DATA, so neither do we. The transport and ICE entries serve every medium
   *     and are in every answer, so an RTP entry's {@code transportId} always resolves.
   * @throws IllegalArgumentException when two RTP streams of one direction, or two data channels,
   *     share an SSRC or id
   */
  public Map<String, Struct> build(MediaType mediaType) {
    Map<String, Struct> out = new LinkedHashMap<>();
    if (inputLatency != null) {
      List<MediaLatency> in = select(inputLatency, mediaType);
      out.put(elementId, endpoint
          ? StatsStructs.endpoint(elementId, timestampMillis, in, select(e2eLatency, mediaType))
          : StatsStructs.element(elementId, timestampMillis, in));
    }
    String transportId = transport == null ? "" : id("transport", null);
    for (InboundRtpCounters c : inbound) {
      if (mediaType == null || mediaType == c.kind()) {
        String id = id("inboundrtp", Long.toString(c.ssrc()));
        putNew(out, StatsStructs.inbound(id, timestampMillis, transportId, c));
      }
    }
    for (OutboundRtpCounters c : outbound) {
      if (mediaType == null || mediaType == c.kind()) {
        String id = id("outboundrtp", Long.toString(c.ssrc()));
        putNew(out, StatsStructs.outbound(id, timestampMillis, transportId, c));
      }
    }
    addIce(out, transportId);
    if (data != null && (mediaType == null || mediaType == MediaType.DATA)) {
      putNew(out, StatsStructs.session(id("session", null), timestampMillis, data));
      for (DataChannelCounters c : data.channels()) {
        String id = id("datachannel", Integer.toString(c.channelId()));
        putNew(out, StatsStructs.dataChannel(id, timestampMillis, c));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private void addIce(Map<String, Struct> out, String transportId) {
    List<IcePairCounters> all = new ArrayList<>();
    String selectedId = "";
    if (transport != null) {
      if (transport.selectedPair() != null) {
        all.add(transport.selectedPair());
        selectedId = pairId(transport.selectedPair());
      }
      out.put(transportId,
          StatsStructs.transport(transportId, timestampMillis, transport, selectedId));
    }
    all.addAll(pairs);
    for (IcePairCounters p : all) {
      String localId = id("localcandidate", key(p.local()));
      String remoteId = id("remotecandidate", key(p.remote()));
      String pairId = pairId(p);
      out.putIfAbsent(pairId,
          StatsStructs.pair(pairId, timestampMillis, transportId, localId, remoteId, p));
      out.putIfAbsent(localId, StatsStructs.candidate(localId, timestampMillis, true, p.local()));
      out.putIfAbsent(remoteId,
          StatsStructs.candidate(remoteId, timestampMillis, false, p.remote()));
    }
  }

  private String pairId(IcePairCounters p) {
    return id("candidatepair", key(p.local()) + "_" + key(p.remote()));
  }

  /** A candidate's transport address, which tells candidates of one side apart. */
  private static String key(IceCandidateInfo c) {
    return c.protocol().token() + "_" + c.address() + "_" + c.port();
  }

  private String id(String type, String detail) {
    return elementId + "_" + type + (detail == null ? "" : "_" + detail);
  }

  private static void putNew(Map<String, Struct> out, Struct s) {
    String id = s.string("id");
    if (out.putIfAbsent(id, s) != null) {
      throw new IllegalArgumentException("two stats objects with id " + id);
    }
  }

  /** Kurento filters latencies for AUDIO and VIDEO only. */
  private static List<MediaLatency> select(List<MediaLatency> all, MediaType mediaType) {
    if (mediaType != MediaType.AUDIO && mediaType != MediaType.VIDEO) {
      return all;
    }
    return all.stream().filter(l -> l.type() == mediaType).toList();
  }

  private void requireEndpoint() {
    if (!endpoint) {
      throw new IllegalStateException("only endpoints report RTP, ICE and data-channel stats");
    }
  }
}
