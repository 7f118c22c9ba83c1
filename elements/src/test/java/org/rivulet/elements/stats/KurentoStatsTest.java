package org.rivulet.elements.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.Struct;
import org.rivulet.ice.agent.CandidatePairState;
import org.rivulet.ice.agent.CandidateType;
import org.rivulet.ice.agent.TransportProtocol;

/** The getStats report against core.kmd.json, and Kurento's filter semantics. */
class KurentoStatsTest {
  private static final String EP = "p1_kurento.MediaPipeline/e1_kurento.WebRtcEndpoint";
  private static final long NOW = 1_700_000_000_123L;

  /** The Stats types Kurento declares but nobody can fill honestly, and why not. */
  private static final Map<String, String> LEFT_OUT = Map.of(
      "RTCCodec", "StatsType has no value for a codec",
      "RTCCertificateStats", "StatsType has no value for a certificate",
      "RTCMediaStreamStats", "StatsType has no value for a stream",
      "RTCMediaStreamTrackStats", "frame sizes and audio levels need decoding");

  /** Each produced type's StatsType, as Kurento Media Server writes it. */
  private static final Map<String, String> STATS_TYPE = Map.of(
      "ElementStats", "element",
      "EndpointStats", "endpoint",
      "RTCInboundRTPStreamStats", "inboundrtp",
      "RTCOutboundRTPStreamStats", "outboundrtp",
      "RTCTransportStats", "transport",
      "RTCIceCandidatePairStats", "candidatepair",
      "RTCPeerConnectionStats", "session",
      "RTCDataChannelStats", "datachannel");

  private static KmdTypes kmd;

  private static final IceCandidateInfo LOCAL = new IceCandidateInfo("192.0.2.1", 40000,
      TransportProtocol.UDP, CandidateType.HOST, 2130706431L, "");
  private static final IceCandidateInfo REMOTE = new IceCandidateInfo("198.51.100.7", 50000,
      TransportProtocol.UDP, CandidateType.SERVER_REFLEXIVE, 1694498815L,
      "stun:stun.example.org:3478");
  private static final IceCandidateInfo REMOTE_TCP = new IceCandidateInfo("2001:db8::7", 9,
      TransportProtocol.TCP, CandidateType.PEER_REFLEXIVE, 1845501695L, "");

  @BeforeAll
  static void loadDescriptor() {
    kmd = KmdTypes.load();
  }

  private static IcePairCounters selected() {
    return new IcePairCounters(LOCAL, REMOTE, CandidatePairState.SUCCEEDED,
        7_277_816_997_830_033_406L, true, true, true, 123_456, 654_321, 0.021, 0, 1_500_000);
  }

  private static KurentoStats full() {
    return KurentoStats.forEndpoint(EP, NOW)
        .latencies(
            List.of(new MediaLatency("sink_audio_default", MediaType.AUDIO, 1_200_000),
                new MediaLatency("sink_video_default", MediaType.VIDEO, 3_400_000)),
            List.of(new MediaLatency("src_video_default", MediaType.VIDEO, 9_000_000)))
        .inbound(new InboundRtpCounters(0xFFFF_FFFFL, MediaType.VIDEO, 1000, 900_000, 12, 3,
            0.0041, new RtcpFeedbackCounts(4, 1, 2), 1_200_000))
        .inbound(new InboundRtpCounters(1234, MediaType.AUDIO, 500, 40_000, -1, 0, 0.002,
            RtcpFeedbackCounts.NONE, 0))
        .outbound(new OutboundRtpCounters(42, MediaType.VIDEO, 2000, 1_800_000, 7, 25,
            new RtcpFeedbackCounts(3, 0, 5), 2_500_000, 1_100_000, 0.045, 30, 27_000))
        .outbound(new OutboundRtpCounters(43, MediaType.AUDIO, 800, 64_000, 0, 0,
            RtcpFeedbackCounts.NONE, 0, 32_000, 0, 0, 0))
        .transport(new TransportCounters(2_000_000, 1_000_000, true, selected()))
        .candidatePair(selected())
        .candidatePair(new IcePairCounters(LOCAL, REMOTE_TCP, CandidatePairState.IN_PROGRESS,
            1L << 40, false, false, true, 0, 0, 0, 0, 0))
        .dataSession(new DataSessionCounters(2, 1, List.of(
            new DataChannelCounters(0, "chat", "", DataChannelCounters.State.OPEN, 3, 30, 4, 40),
            new DataChannelCounters(1, "files", "binary", DataChannelCounters.State.CLOSED,
                0, 0, 0, 0))));
  }

  private static List<MediaType> filters() {
    return Arrays.asList(null, MediaType.AUDIO, MediaType.VIDEO, MediaType.DATA);
  }

  @Test
  void getStatsReturnsTheStatsMapThisModels() {
    Map<String, Object> m = kmd.method("MediaElement", "getStats");
    assertEquals("Stats<>", ((Map<?, ?>) m.get("return")).get("type"));
    Map<?, ?> param = (Map<?, ?>) ((List<?>) m.get("params")).get(0);
    assertEquals("mediaType", param.get("name"));
    assertEquals("MediaType", param.get("type"));
    assertEquals(Boolean.TRUE, param.get("optional"));
  }

  @Test
  void everyEntryMatchesTheDescriptor() {
    List<Map<String, Struct>> reports = new ArrayList<>();
    for (MediaType filter : filters()) {
      reports.add(full().build(filter));
      reports.add(KurentoStats.forElement("f1", NOW).latencies(List.of(
          new MediaLatency("sink_video_default", MediaType.VIDEO, 5)), List.of()).build(filter));
    }
    for (Map<String, Struct> report : reports) {
      assertEquals(List.of(), kmd.problems(report, "Stats<>"), report.toString());
      report.forEach((key, s) -> {
        assertEquals(key, s.get("id"));
        assertEquals(NOW, s.get("timestampMillis"));
        assertTrue(kmd.isSubtype(s.type(), "Stats"), s.type());
      });
    }
  }

  @Test
  void everyRequiredFieldIsWrittenAndNoOther() {
    // problems() already says so; this spells it out field by field for each type made.
    for (Struct s : full().build(null).values()) {
      List<String> declared = new ArrayList<>();
      for (KmdTypes.Field f : kmd.fields(s.type())) {
        assertFalse(f.optional(), s.type() + "." + f.name() + " became optional: revisit");
        declared.add(f.name());
      }
      assertEquals(declared, new ArrayList<>(s.fields().keySet()), s.type());
    }
  }

  @Test
  void eachTypeCarriesKurentosStatsType() {
    for (Struct s : full().build(null).values()) {
      String type = s.type().equals("RTCIceCandidateAttributes")
          ? (s.string("id").contains("_localcandidate_") ? "localcandidate" : "remotecandidate")
          : STATS_TYPE.get(s.type());
      assertEquals(type, s.get("type"), s.type());
    }
    assertEquals("element", KurentoStats.forElement("f1", NOW)
        .latencies(List.of(), List.of()).build(null).get("f1").get("type"));
  }

  @Test
  void coversEveryStatsTypeOrSaysWhyNot() {
    Set<String> made = new HashSet<>();
    full().build(null).values().forEach(s -> made.add(s.type()));
    KurentoStats.forElement("f1", NOW).latencies(List.of(), List.of()).build(null).values()
        .forEach(s -> made.add(s.type()));
    Set<String> declared = new TreeSet<>(kmd.subtypes("Stats"));
    declared.removeAll(Set.of("Stats", "RTCStats", "RTCRTPStreamStats"));
    Set<String> accounted = new TreeSet<>(made);
    accounted.addAll(LEFT_OUT.keySet());
    assertEquals(declared, accounted);
    List<String> values = kmd.type("StatsType").values();
    for (String missing : List.of("codec", "certificate", "stream")) {
      assertFalse(values.contains(missing), "StatsType now has " + missing + ": " + LEFT_OUT);
    }
  }

  @Test
  void noFilterReportsEverything() {
    Map<String, Struct> all = full().build(null);
    assertEquals(Set.of("EndpointStats", "RTCInboundRTPStreamStats",
        "RTCOutboundRTPStreamStats", "RTCTransportStats", "RTCIceCandidatePairStats",
        "RTCIceCandidateAttributes", "RTCPeerConnectionStats", "RTCDataChannelStats"),
        types(all));
    Struct ep = all.get(EP);
    assertEquals(2, ((List<?>) ep.get("inputLatency")).size());
    assertEquals(1, ((List<?>) ep.get("E2ELatency")).size());
    assertEquals(2, count(all, "RTCInboundRTPStreamStats"));
    assertEquals(2, count(all, "RTCOutboundRTPStreamStats"));
    assertEquals(2, count(all, "RTCIceCandidatePairStats"));
    assertEquals(3, count(all, "RTCIceCandidateAttributes"));
    assertEquals(2, count(all, "RTCDataChannelStats"));
  }

  @ParameterizedTest
  @EnumSource(value = MediaType.class, names = {"AUDIO", "VIDEO"})
  void audioOrVideoKeepsThatMediasStreamsAndLatencies(MediaType kind) {
    Map<String, Struct> r = full().build(kind);
    for (Struct s : r.values()) {
      if (s.type().startsWith("RTC") && s.type().endsWith("RTPStreamStats")) {
        String ssrc = s.string("ssrc");
        boolean audio = ssrc.equals("1234") || ssrc.equals("43");
        assertEquals(kind == MediaType.AUDIO, audio, ssrc);
      }
    }
    assertEquals(1, count(r, "RTCInboundRTPStreamStats"));
    assertEquals(1, count(r, "RTCOutboundRTPStreamStats"));
    Struct ep = r.get(EP);
    for (String field : List.of("inputLatency", "E2ELatency")) {
      for (Object l : (List<?>) ep.get(field)) {
        assertEquals(kind.name(), ((Struct) l).get("type"));
      }
    }
    assertEquals(1, ((List<?>) ep.get("inputLatency")).size());
    assertEquals(kind == MediaType.VIDEO ? 1 : 0, ((List<?>) ep.get("E2ELatency")).size());
    assertEquals(0, count(r, "RTCDataChannelStats") + count(r, "RTCPeerConnectionStats"));
    assertEquals(1, count(r, "RTCTransportStats"));
  }

  @Test
  void dataKeepsDataChannelsAndEveryLatencyButNoRtp() {
    Map<String, Struct> r = full().build(MediaType.DATA);
    assertEquals(0, count(r, "RTCInboundRTPStreamStats") + count(r, "RTCOutboundRTPStreamStats"));
    assertEquals(1, count(r, "RTCPeerConnectionStats"));
    assertEquals(2, count(r, "RTCDataChannelStats"));
    // Kurento's latency filter tests for audio and video only, so DATA keeps them all.
    assertEquals(2, ((List<?>) r.get(EP).get("inputLatency")).size());
    assertEquals(1, ((List<?>) r.get(EP).get("E2ELatency")).size());
  }

  @Test
  void theElementEntryNeedsLatencyStats() {
    Map<String, Struct> r = KurentoStats.forEndpoint(EP, NOW)
        .inbound(new InboundRtpCounters(1, MediaType.AUDIO, 0, 0, 0, 0, 0,
            RtcpFeedbackCounts.NONE, 0))
        .build(null);
    assertFalse(r.containsKey(EP));
    assertEquals(1, r.size());
    assertTrue(KurentoStats.forElement("f1", NOW).build(null).isEmpty());
  }

  @Test
  void rtpStreamFieldsCarryTheCounters() {
    Map<String, Struct> r = full().build(null);
    Struct in = byId(r, EP + "_inboundrtp_4294967295");
    assertEquals("4294967295", in.get("ssrc"));
    assertEquals(1000L, in.get("packetsReceived"));
    assertEquals(900_000L, in.get("bytesReceived"));
    assertEquals(12L, in.get("packetsLost"));
    assertEquals(3.0, in.get("fractionLost"));
    assertEquals(0.0041, in.get("jitter"));
    assertEquals(4L, in.get("nackCount"));
    assertEquals(1L, in.get("firCount"));
    assertEquals(2L, in.get("pliCount"));
    assertEquals(0L, in.get("sliCount"));
    assertEquals(1_200_000L, in.get("remb"));
    assertEquals(false, in.get("isRemote"));
    assertEquals(EP + "_transport", in.get("transportId"));
    assertEquals(-1L, byId(r, EP + "_inboundrtp_1234").get("packetsLost"));

    Struct out = byId(r, EP + "_outboundrtp_42");
    assertEquals(2000L, out.get("packetsSent"));
    assertEquals(1_800_000L, out.get("bytesSent"));
    assertEquals(25.0, out.get("fractionLost"));
    assertEquals(3L, out.get("nackCount"));
    assertEquals(5L, out.get("pliCount"));
    assertEquals(2_500_000L, out.get("remb"));
    assertEquals(1_100_000.0, out.get("targetBitrate"));
    assertEquals(0.045, out.get("roundTripTime"));
  }

  @Test
  void latenciesAreMediaLatencyStats() {
    List<?> input = (List<?>) full().build(null).get(EP).get("inputLatency");
    assertEquals(Struct.of("MediaLatencyStat", "name", "sink_audio_default", "type", "AUDIO",
        "avg", 1_200_000.0), input.get(0));
  }

  @Test
  void transportAndIceReferencesResolve() {
    Map<String, Struct> r = full().build(MediaType.AUDIO);
    Struct t = byId(r, EP + "_transport");
    assertEquals(true, t.get("activeConnection"));
    assertEquals(2_000_000L, t.get("bytesSent"));
    Struct pair = byId(r, t.string("selectedCandidatePairId"));
    assertEquals("succeeded", pair.get("state"));
    assertEquals(7_277_816_997_830_033_406L, pair.get("priority"));
    assertEquals(1_500_000.0, pair.get("availableIncomingBitrate"));
    assertEquals(t.get("id"), pair.get("transportId"));
    Struct local = byId(r, pair.string("localCandidateId"));
    assertEquals("localcandidate", local.get("type"));
    assertEquals("192.0.2.1", local.get("ipAddress"));
    assertEquals(40000L, local.get("portNumber"));
    assertEquals("udp", local.get("transport"));
    assertEquals("host", local.get("candidateType"));
    Struct remote = byId(r, pair.string("remoteCandidateId"));
    assertEquals("serverreflexive", remote.get("candidateType"));
    assertEquals("stun:stun.example.org:3478", remote.get("addressSourceUrl"));
    Struct other = r.values().stream().filter(s -> "inprogress".equals(s.get("state")))
        .findFirst().orElseThrow();
    Struct tcp = byId(r, other.string("remoteCandidateId"));
    assertEquals("tcp", tcp.get("transport"));
    assertEquals("peerreflexive", tcp.get("candidateType"));
  }

  @Test
  void withoutTransportRtpEntriesPointNowhere() {
    Map<String, Struct> r = KurentoStats.forEndpoint(EP, NOW)
        .outbound(new OutboundRtpCounters(7, MediaType.AUDIO, 0, 0, 0, 0,
            RtcpFeedbackCounts.NONE, 0, 0, 0, 0, 0))
        .build(null);
    assertEquals("", r.values().iterator().next().get("transportId"));
  }

  @Test
  void transportBeforeSelectionHasNoPair() {
    Map<String, Struct> r = KurentoStats.forEndpoint(EP, NOW)
        .transport(new TransportCounters(0, 0, false, null)).build(null);
    assertEquals(1, r.size());
    assertEquals("", byId(r, EP + "_transport").get("selectedCandidatePairId"));
    assertEquals(false, byId(r, EP + "_transport").get("activeConnection"));
  }

  @Test
  void dataEntries() {
    Map<String, Struct> r = full().build(null);
    Struct session = byId(r, EP + "_session");
    assertEquals(2L, session.get("dataChannelsOpened"));
    assertEquals(1L, session.get("dataChannelsClosed"));
    Struct chat = byId(r, EP + "_datachannel_0");
    assertEquals("chat", chat.get("label"));
    assertEquals(0L, chat.get("datachannelid"));
    assertEquals("open", chat.get("state"));
    assertEquals(30L, chat.get("bytesSent"));
    assertEquals(4L, chat.get("messagesReceived"));
    assertEquals("closed", byId(r, EP + "_datachannel_1").get("state"));
  }

  @Test
  void nonFiniteRealsBecomeZero() {
    Map<String, Struct> r = KurentoStats.forEndpoint(EP, NOW)
        .latencies(List.of(new MediaLatency("sink_audio_default", MediaType.AUDIO,
            Double.NaN)), List.of())
        .outbound(new OutboundRtpCounters(7, MediaType.VIDEO, 0, 0, 0, 0,
            RtcpFeedbackCounts.NONE, 0, Double.POSITIVE_INFINITY, Double.NaN, 0, 0))
        .build(null);
    assertEquals(List.of(), kmd.problems(r, "Stats<>"));
    Struct out = byId(r, EP + "_outboundrtp_7");
    assertEquals(0.0, out.get("targetBitrate"));
    assertEquals(0.0, out.get("roundTripTime"));
    assertEquals(0.0, ((Struct) ((List<?>) r.get(EP).get("inputLatency")).get(0)).get("avg"));
  }

  @Test
  void idsAreStableAcrossCalls() {
    KurentoStats b = full();
    assertEquals(b.build(null).keySet(), full().build(null).keySet());
    assertEquals(b.build(null), b.build(null));
  }

  @Test
  void duplicateStreamsAreRejected() {
    InboundRtpCounters c = new InboundRtpCounters(9, MediaType.VIDEO, 0, 0, 0, 0, 0,
        RtcpFeedbackCounts.NONE, 0);
    KurentoStats b = KurentoStats.forEndpoint(EP, NOW).inbound(c).inbound(c);
    assertThrows(IllegalArgumentException.class, () -> b.build(null));
  }

  @Test
  void plainElementsHaveNoStreams() {
    KurentoStats f = KurentoStats.forElement("f1", NOW);
    assertThrows(IllegalStateException.class, () -> f.inbound(new InboundRtpCounters(9,
        MediaType.VIDEO, 0, 0, 0, 0, 0, RtcpFeedbackCounts.NONE, 0)));
    assertThrows(IllegalStateException.class,
        () -> f.transport(new TransportCounters(0, 0, false, null)));
    assertThrows(IllegalArgumentException.class, () -> f.latencies(List.of(),
        List.of(new MediaLatency("src", MediaType.VIDEO, 1))));
    Struct e = f.latencies(List.of(), List.of()).build(null).get("f1");
    assertEquals("ElementStats", e.type());
    assertEquals(List.of(), e.get("inputLatency"));
  }

  private static Struct byId(Map<String, Struct> r, String id) {
    Struct s = r.get(id);
    assertTrue(s != null, id + " not in " + r.keySet());
    return s;
  }

  private static long count(Map<String, Struct> r, String type) {
    return r.values().stream().filter(s -> s.type().equals(type)).count();
  }

  private static Set<String> types(Map<String, Struct> r) {
    Set<String> out = new HashSet<>();
    r.values().forEach(s -> out.add(s.type()));
    return out;
  }
}
