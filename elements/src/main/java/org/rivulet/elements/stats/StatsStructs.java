package org.rivulet.elements.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rivulet.elements.Struct;
import org.rivulet.ice.agent.CandidatePairState;
import org.rivulet.ice.agent.CandidateType;

/**
 * One {@link Struct} per Kurento stats type, named and ordered as {@code core.kmd.json} declares
 * them (inherited fields first). Integers are {@code Long}s and reals finite {@code Double}s, so
 * the JSON holds what Kurento's clients pass to {@code long} and {@code double} constructor
 * parameters. Fields a server cannot fill get Kurento Media Server's own zero or empty value.
 */
final class StatsStructs {
  private StatsStructs() {
  }

  static Struct element(String id, long timestampMillis, List<MediaLatency> input) {
    Map<String, Object> f = head(id, "element", timestampMillis);
    f.put("inputLatency", latencies(input));
    return new Struct("ElementStats", f);
  }

  static Struct endpoint(String id, long timestampMillis, List<MediaLatency> input,
      List<MediaLatency> e2e) {
    Map<String, Object> f = head(id, "endpoint", timestampMillis);
    f.put("inputLatency", latencies(input));
    f.put("E2ELatency", latencies(e2e));
    return new Struct("EndpointStats", f);
  }

  static Struct inbound(String id, long timestampMillis, String transportId,
      InboundRtpCounters c) {
    Map<String, Object> f = head(id, "inboundrtp", timestampMillis);
    rtp(f, c.ssrc(), transportId, c.feedbackSent(), c.rembBps(), c.packetsLost(),
        c.fractionLost());
    f.put("packetsReceived", c.packetsReceived());
    f.put("bytesReceived", c.bytesReceived());
    f.put("jitter", real(c.jitterSeconds()));
    return new Struct("RTCInboundRTPStreamStats", f);
  }

  static Struct outbound(String id, long timestampMillis, String transportId,
      OutboundRtpCounters c) {
    Map<String, Object> f = head(id, "outboundrtp", timestampMillis);
    rtp(f, c.ssrc(), transportId, c.feedbackReceived(), c.rembBps(), c.packetsLost(),
        c.fractionLost());
    f.put("packetsSent", c.packetsSent());
    f.put("bytesSent", c.bytesSent());
    f.put("targetBitrate", real(c.targetBitrate()));
    f.put("roundTripTime", real(c.roundTripTimeSeconds()));
    return new Struct("RTCOutboundRTPStreamStats", f);
  }

  /** The fields every RTP stream shares ({@code RTCRTPStreamStats}). */
  private static void rtp(Map<String, Object> f, long ssrc, String transportId,
      RtcpFeedbackCounts feedback, long remb, long packetsLost, int fractionLost) {
    f.put("ssrc", Long.toString(ssrc));
    // Only locally measured objects are reported, so there is no remote twin to point at.
    f.put("associateStatsId", "");
    f.put("isRemote", false);
    // Neither tracks nor codecs are reported: StatsType has no value for a codec, and a server
    // that forwards without decoding knows nothing a track object holds (frame sizes, levels).
    f.put("mediaTrackId", "");
    f.put("transportId", transportId);
    f.put("codecId", "");
    f.put("firCount", feedback.fir());
    f.put("pliCount", feedback.pli());
    f.put("nackCount", feedback.nack());
    // SLI (RFC 4585 section 6.3.2) is neither sent nor handled; Kurento writes 0 as well.
    f.put("sliCount", 0L);
    f.put("remb", remb);
    f.put("packetsLost", packetsLost);
    // Kurento writes RTCP's 8-bit numerator (lost per 256), not a 0..1 fraction; so do we.
    f.put("fractionLost", (double) fractionLost);
  }

  static Struct transport(String id, long timestampMillis, TransportCounters t,
      String selectedPairId) {
    Map<String, Object> f = head(id, "transport", timestampMillis);
    f.put("bytesSent", t.bytesSent());
    f.put("bytesReceived", t.bytesReceived());
    // rtcp-mux is required, so RTCP has no transport of its own.
    f.put("rtcpTransportStatsId", "");
    f.put("activeConnection", t.active());
    f.put("selectedCandidatePairId", selectedPairId);
    // StatsType has no value for RTCCertificateStats, so there is no certificate id to give.
    f.put("localCertificateId", "");
    f.put("remoteCertificateId", "");
    return new Struct("RTCTransportStats", f);
  }

  static Struct pair(String id, long timestampMillis, String transportId, String localId,
      String remoteId, IcePairCounters p) {
    Map<String, Object> f = head(id, "candidatepair", timestampMillis);
    f.put("transportId", transportId);
    f.put("localCandidateId", localId);
    f.put("remoteCandidateId", remoteId);
    f.put("state", pairState(p.state()));
    f.put("priority", p.priority());
    f.put("nominated", p.nominated());
    f.put("writable", p.writable());
    f.put("readable", p.readable());
    f.put("bytesSent", p.bytesSent());
    f.put("bytesReceived", p.bytesReceived());
    f.put("roundTripTime", real(p.roundTripTimeSeconds()));
    f.put("availableOutgoingBitrate", real(p.availableOutgoingBitrate()));
    f.put("availableIncomingBitrate", real(p.availableIncomingBitrate()));
    return new Struct("RTCIceCandidatePairStats", f);
  }

  static Struct candidate(String id, long timestampMillis, boolean local, IceCandidateInfo c) {
    Map<String, Object> f =
        head(id, local ? "localcandidate" : "remotecandidate", timestampMillis);
    f.put("ipAddress", c.address());
    f.put("portNumber", (long) c.port());
    f.put("transport", c.protocol().token());
    f.put("candidateType", candidateType(c.type()));
    f.put("priority", c.priority());
    f.put("addressSourceUrl", c.sourceUrl());
    return new Struct("RTCIceCandidateAttributes", f);
  }

  static Struct session(String id, long timestampMillis, DataSessionCounters d) {
    Map<String, Object> f = head(id, "session", timestampMillis);
    f.put("dataChannelsOpened", d.channelsOpened());
    f.put("dataChannelsClosed", d.channelsClosed());
    return new Struct("RTCPeerConnectionStats", f);
  }

  static Struct dataChannel(String id, long timestampMillis, DataChannelCounters c) {
    Map<String, Object> f = head(id, "datachannel", timestampMillis);
    f.put("label", c.label());
    f.put("protocol", c.protocol());
    f.put("datachannelid", (long) c.channelId());
    f.put("state", c.state().wire());
    f.put("messagesSent", c.messagesSent());
    f.put("bytesSent", c.bytesSent());
    f.put("messagesReceived", c.messagesReceived());
    f.put("bytesReceived", c.bytesReceived());
    return new Struct("RTCDataChannelStats", f);
  }

  /** The {@code Stats} fields, which every entry starts with. */
  private static Map<String, Object> head(String id, String type, long timestampMillis) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("type", type);
    f.put("timestampMillis", timestampMillis);
    return f;
  }

  private static List<Struct> latencies(List<MediaLatency> list) {
    List<Struct> out = new ArrayList<>(list.size());
    for (MediaLatency l : list) {
      out.add(Struct.of("MediaLatencyStat", "name", l.name(), "type", l.type().name(),
          "avg", real(l.avgNanos())));
    }
    return out;
  }

  /** RTCStatsIceCandidateType's value for an ICE candidate type. */
  static String candidateType(CandidateType type) {
    return switch (type) {
      case HOST -> "host";
      case SERVER_REFLEXIVE -> "serverreflexive";
      case PEER_REFLEXIVE -> "peerreflexive";
      case RELAYED -> "relayed";
    };
  }

  /** RTCStatsIceCandidatePairState's value for a check-list state. */
  static String pairState(CandidatePairState state) {
    return switch (state) {
      case FROZEN -> "frozen";
      case WAITING -> "waiting";
      case IN_PROGRESS -> "inprogress";
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed";
    };
  }

  /** JSON has no NaN or infinity, and Kurento's clients could not parse them. */
  private static Double real(double d) {
    return Double.isFinite(d) ? d : 0.0;
  }
}
