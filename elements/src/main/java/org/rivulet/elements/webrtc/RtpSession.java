package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ThreadLocalRandom;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.stats.InboundRtpCounters;
import org.rivulet.elements.stats.OutboundRtpCounters;
import org.rivulet.elements.stats.RtcpFeedbackCounts;
import org.rivulet.rtcp.RtcpBye;
import org.rivulet.rtcp.RtcpCompound;
import org.rivulet.rtcp.RtcpFir;
import org.rivulet.rtcp.RtcpNack;
import org.rivulet.rtcp.RtcpPacket;
import org.rivulet.rtcp.RtcpPli;
import org.rivulet.rtcp.RtcpReceiverReport;
import org.rivulet.rtcp.RtcpRemb;
import org.rivulet.rtcp.RtcpReportBlock;
import org.rivulet.rtcp.RtcpSdes;
import org.rivulet.rtcp.RtcpSenderReport;
import org.rivulet.rtcp.RtcpTransportCc;
import org.rivulet.rtp.stats.RtpReceiveStats;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.feedback.RembEstimator;
import org.rivulet.rtp.feedback.RtxPackets;
import org.rivulet.rtp.feedback.TwccRecorder;
import org.rivulet.rtp.ext.AbsSendTime;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.rtp.ext.TransportSequenceNumber;
import org.rivulet.sdp.Codec;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;
import org.rivulet.transport.EnumCounts;
import org.rivulet.transport.fault.MemoryPressure;
import org.rivulet.transport.udp.DeferredDatagram;

/**
 * The RTP side of one WebRTC endpoint once offer/answer is done: SRTP in both directions, payload
 * types mapped to media kinds and codecs, outgoing streams rewritten to this endpoint's SSRCs,
 * keyframe requests (PLI/FIR) in both directions, and loss recovery in both directions: NACKs
 * from the peer answered from the send history (RTX when agreed), and NACKs sent to the peer for
 * the gaps in the video it sends, whose RTX answers are unwrapped back into the stream.
 *
 * <pre>
 *  network ─▶ receive(SRTP) ─▶ unprotect ─▶ RTP:  (RTX → original) PT → kind ─▶ Input.rtp ─▶ graph
 *                                         │        └▶ gaps ─▶ GapRecovery ─▶ sendFeedback(): NACK
 *                                         └▶ RTCP: PLI/FIR ─▶ Input.keyframeRequested
 *                                                  NACK ─▶ Retransmitter ─▶ Output.send
 *  graph ─▶ send(kind, codec, RTP) ─▶ Output.send, which makes it when it sends it: keyframe gate
 *           ─▶ copy without header extensions, rewrite PT/SSRC/seq/ts ─▶ protect ─▶ Input.mediaSent
 *                                                                  (original kept in the history)
 * </pre>
 *
 * <p>Every packet that cannot go on is dropped and counted in {@link #drops()}. Single-threaded: the
 * pipeline's loop. Ownership: {@link #receive} and {@link #send} take ownership of their buffer.
 */
public final class RtpSession {
  /**
   * Where our packets go (the selected ICE pair, or a plain RTP port pair): each as a
   * {@link DeferredDatagram}, which the output makes (copies, protects) when it sends it, so a
   * transport that batches its sends does that work at send time. Takes ownership.
   */
  public interface Output {
    void send(DeferredDatagram datagram);

    /** RTCP; the same path unless RTCP has a port of its own (no rtcp-mux). */
    default void sendRtcp(DeferredDatagram datagram) {
      send(datagram);
    }

    /** An output that makes each datagram at once and hands it to {@code send}. */
    static Output immediate(Consumer<ByteBuf> send) {
      return immediate(send, send);
    }

    /** The same, with RTCP handed to {@code sendRtcp}. */
    static Output immediate(Consumer<ByteBuf> send, Consumer<ByteBuf> sendRtcp) {
      return new Output() {
        @Override
        public void send(DeferredDatagram datagram) {
          datagram.sendNow(send);
        }

        @Override
        public void sendRtcp(DeferredDatagram datagram) {
          datagram.sendNow(sendRtcp);
        }
      };
    }
  }

  /** What arrives from the peer. {@code rtp} ownership moves to the callee. */
  public interface Input {
    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp);

    void keyframeRequested(MediaType kind);

    /**
     * Media of this kind is being made for the peer (past the keyframe gate, protected): called
     * for the first packet, and then at most once per {@link #MEDIA_SENT_NOTE_NANOS} while packets
     * go on, which is all a flow state that turns idle after seconds needs. Not per packet: that
     * was a chain of four calls on each viewer's cold objects per datagram (2.5% of a fan-out's
     * thread at 100 viewers).
     */
    default void mediaSent(MediaType kind) {
    }

    /**
     * The bitrate the receivers of this session's incoming video can take (the minimum of their
     * estimates, bounded by their endpoints' send limits); Long.MAX_VALUE when nothing bounds it.
     */
    default long downstreamVideoEstimate() {
      return Long.MAX_VALUE;
    }
  }

  /** Why packets were dropped. */
  public enum Drop {
    NOT_SECURED, SRTP_FAILED, MALFORMED, UNKNOWN_PAYLOAD_TYPE, NOT_RECEIVING, NO_MATCHING_CODEC,
    NOT_SENDING, SRTP_PROTECT_FAILED, WAITING_FOR_KEYFRAME, RTX_WITHOUT_MEDIA, RTX_NOT_NEEDED
  }

  /** Where a payload type goes: media of a kind, or (rtxFor ≥ 0) RTX repairing payload type rtxFor. */
  private record Route(MediaType kind, RtpFormat format, int rtxFor) {
  }

  /** Our streams' first sequence numbers (media and RTX) are drawn below this (RELIABILITY.md 1.5). */
  static final int FIRST_SEQUENCE_BOUND = 0x8000;
  /** Room for the SRTP tag and a little more, so protect never reallocates. */
  private static final int TAILROOM = 32;
  /** Keyframe requests to the peer closer together than this are merged into the first. */
  static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;
  /** RTCP report interval: WebRTC's reduced minimum (RFC 8108 and browsers use about 1 s). */
  static final long REPORT_INTERVAL_MILLIS = 1000;
  /** NACK and transport-cc feedback interval: short, so a loss is repaired in one RTT. */
  static final long FEEDBACK_INTERVAL_MILLIS = 20;
  /** Round-trip time assumed until reports measure it. */
  private static final long DEFAULT_RTT_NANOS = 50_000_000L;

  private final ByteBufAllocator alloc;
  private final Output output;
  private final Input input;
  private final Map<Integer, Route> routes = new HashMap<>();
  private final Map<MediaType, NegotiatedMedia> sending = new EnumMap<>(MediaType.class);
  private final Map<MediaType, OutboundStream> streams = new EnumMap<>(MediaType.class);
  private final Map<MediaType, Integer> remoteSsrc = new EnumMap<>(MediaType.class);
  /** The outgoing video stream's NACK answers; null when this session sends no video. */
  private final Retransmitter retransmitter;
  /** Transport-wide sequence number extension id of what we receive, 0 when not negotiated. */
  private final int transportCcId;
  /** abs-send-time id for the video we send, 0 when not negotiated. */
  private final int absSendTimeId;
  /** RFC 5506 agreed: feedback goes alone, not in a compound with a report and CNAME. */
  private final boolean reducedSizeRtcp;
  /** Negotiated ids of what we receive to internal ids ({@link ForwardedExtensions}). */
  private final int[] extensionsIn;
  /** Internal ids to the ids our peer negotiated for what we send. */
  private final int[] extensionsOut;
  /** Arrivals for transport-cc feedback; null without transport-cc. */
  private final TwccRecorder twcc;
  private long twccFeedbackSent;
  /** Gaps in each remote video source, for the NACKs this session sends. */
  /** A jump too large to NACK asks the peer for a keyframe, which the receivers need instead. */
  private final GapRecovery gaps = new GapRecovery(this::requestKeyframe);
  private final long[] drops = new long[Drop.values().length];
  private long lastKeyframeRequestNanos = System.nanoTime() - KEYFRAME_REQUEST_INTERVAL_NANOS;
  private long keyframeRequestsSent;
  private long keyframeRequestsMerged;
  private long keyframeRequestsReceived;
  private long nackPacketsReceived;
  private long rtxReceived;
  private long rttNanos = -1;
  /** The peer's REMB about the video we send it, and when it came; -1 before any. */
  private long peerEstimateBps = -1;
  private long peerEstimateNanos;
  private final RtpFormat[] lastFormat = new RtpFormat[MediaType.values().length];
  private final NegotiatedMedia[] lastNegotiated = new NegotiatedMedia[MediaType.values().length];
  private final int[] lastPayloadType = new int[MediaType.values().length];
  private io.netty.channel.EventLoop rtcpLoop;
  /**
   * Takes the send history off its loop's {@link MemoryPressure} relievers (which empty it when a
   * buffer cannot be had); null until {@link #startRtcp}.
   */
  private Runnable unregisterReliever;
  private boolean feedbackStarted;
  /** The next report (rescheduled after each, see {@link #scheduleReport}). */
  private io.netty.util.concurrent.ScheduledFuture<?> reportTimer;
  private final List<io.netty.util.concurrent.ScheduledFuture<?>> timers =
      new java.util.ArrayList<>();
  /** The REMB we send the peer for the video it sends us; null when not configured. */
  private RembSender remb;
  /** A peer's REMB older than this no longer bounds anything. */
  private static final long PEER_ESTIMATE_TTL_NANOS = 5_000_000_000L;
  /** SRTP (or nothing, for plain RTP); null until keys are in place. */
  private PacketProtection protection;
  private long packetsIn;
  private long packetsOut;
  /** How often, at most, packets being made are noted as media sent ({@link Input#mediaSent}). */
  static final long MEDIA_SENT_NOTE_NANOS = 100_000_000L;
  /** Per kind, when media sent was last noted; 0 for never. */
  private final long[] mediaSentNoted = new long[MediaType.values().length];
  /** Sources we receive, for reception reports; bounded so a peer cannot grow it without end. */
  private final Map<Integer, RtpReceiveStats> receiveStats = new HashMap<>();
  private final Map<MediaType, SendStats> sendStats = new EnumMap<>(MediaType.class);
  /** Per remote source: its kind and payload bytes, for inbound stats. */
  private final Map<Integer, InboundSource> inboundSources = new HashMap<>();
  /** The peer's latest report block about each of our streams, by our SSRC. */
  private final Map<Integer, RtcpReportBlock> peerReports = new HashMap<>();
  /** The reception report blocks we sent last, by remote SSRC. */
  private final Map<Integer, RtcpReportBlock> ourReports = new HashMap<>();
  private String cname = "rivulet";

  /** Maximum number of remote sources reported on (RTCP allows 31 blocks per report). */
  static final int MAX_REPORTED_SOURCES = 31;
  /** A source silent this long may be forgotten (five report intervals, RFC 3550 6.3.5). */
  static final long SOURCE_TIMEOUT_NANOS = 5 * REPORT_INTERVAL_MILLIS * 1_000_000L;
  private long sourcesForgotten;

  /** What one remote source sent us, beyond its RFC 3550 receive statistics. */
  private static final class InboundSource {
    final MediaType kind;
    long bytes;

    InboundSource(MediaType kind) {
      this.kind = kind;
    }
  }

  /** Counters of one outgoing stream for its sender reports (RFC 3550 6.4.1). */
  private static final class SendStats {
    final int clockRate;
    long packets;
    long octets;
    long lastRtpTimestamp;
    long lastSendNanos;

    SendStats(int clockRate) {
      this.clockRate = clockRate;
    }
  }

  public RtpSession(List<NegotiatedMedia> media, ByteBufAllocator alloc, Output output,
      Input input) {
    this.alloc = alloc;
    this.output = output;
    this.input = input;
    Retransmitter videoRetransmitter = null;
    int twccId = 0;
    int absId = 0;
    Map<String, Integer> forwardedIn = new HashMap<>();
    Map<String, Integer> forwardedOut = new HashMap<>();
    for (NegotiatedMedia m : media) {
      // BUNDLE: one id space for every m-line.
      if (m.receives()) {
        forwardedIn.putAll(m.forwardedExtensions());
      }
      if (m.sends()) {
        forwardedOut.putAll(m.forwardedExtensions());
      }
    }
    this.extensionsIn = ForwardedExtensions.toInternal(forwardedIn);
    this.extensionsOut = ForwardedExtensions.fromInternal(forwardedOut);
    for (NegotiatedMedia m : media) {
      if (m.absSendTimeId() > 0 && m.sends() && m.kind().equals("video")) {
        absId = m.absSendTimeId();
      }
      if (m.transportCcId() > 0 && m.receives()) {
        twccId = m.transportCcId();  // BUNDLE: one id for every m-line
      }
      MediaType kind = kindOf(m.kind());
      if (kind == null) {
        continue;
      }
      if (m.receives()) {
        for (Codec c : m.codecs()) {
          routes.put(c.payloadType(), new Route(kind,
              new RtpFormat(c.name(), c.clockRate(), c.channels()),
              c.isRtx() ? c.associatedPayloadType().orElse(-1) : -1));
        }
      }
      if (m.sends()) {
        sending.put(kind, m);
        // Below 2^15, as libwebrtc: a receiver whose SRTP guesses no rollover for a packet
        // reordered across the first wrap (libsrtp) would fail to decrypt it.
        streams.put(kind, new OutboundStream(m.localSsrc(), m.codecs().get(0).clockRate(),
            ThreadLocalRandom.current().nextInt(FIRST_SEQUENCE_BOUND), kind == MediaType.VIDEO));
        if (kind == MediaType.VIDEO) {
          Map<Integer, Integer> rtx = new HashMap<>();
          for (Codec c : m.codecs()) {
            if (c.isRtx() && c.associatedPayloadType().isPresent()) {
              rtx.put(c.associatedPayloadType().getAsInt(), c.payloadType());
            }
          }
          videoRetransmitter = new Retransmitter(alloc, TAILROOM, (int) m.localRtxSsrc(), rtx,
              ThreadLocalRandom.current().nextInt(FIRST_SEQUENCE_BOUND), extensionsOut);
        }
      }
    }
    this.retransmitter = videoRetransmitter;
    // BUNDLE: one RTCP session. RFC 8859 wants rtcp-rsize on every bundled m-line or none; a
    // peer that put it on some only (Firefox's offers: video only) gets compounds, which any
    // receiver takes.
    this.reducedSizeRtcp = !media.isEmpty()
        && media.stream().allMatch(NegotiatedMedia::reducedSizeRtcp);
    this.transportCcId = twccId;
    this.absSendTimeId = absId;
    this.twcc = twccId > 0 ? new TwccRecorder() : null;
  }

  private static MediaType kindOf(String kind) {
    return switch (kind) {
      case "audio" -> MediaType.AUDIO;
      case "video" -> MediaType.VIDEO;
      default -> null;
    };
  }

  /** The CNAME of this endpoint's SDES items (the one in its SDP). */
  public void cname(String cname) {
    this.cname = cname;
  }

  /** Installs the SRTP contexts once DTLS has produced keys; media flows from then on. */
  public void secure(SrtpSender out, SrtpReceiver in) {
    secure(PacketProtection.srtp(out, in));
  }

  /** Installs the protection (SRTP, or none for plain RTP); media flows from then on. */
  public void secure(PacketProtection protection) {
    this.protection = protection;
  }

  public boolean isSecured() {
    return protection != null;
  }

  /** A protected RTP or RTCP datagram from the peer (already past ICE validation). */
  public void receive(ByteBuf datagram) {
    try {
      if (protection == null) {
        drop(Drop.NOT_SECURED);
        return;
      }
      if (RtpPacket.isRtcp(datagram, datagram.readerIndex(), datagram.readableBytes())) {
        receiveRtcp(datagram);
        return;
      }
      if (protection.unprotectRtp(datagram) != SrtpResult.OK) {
        drop(Drop.SRTP_FAILED);
        return;
      }
      RtpPacket packet = RtpPacket.parse(datagram);
      if (packet == null) {
        drop(Drop.MALFORMED);
        return;
      }
      Route route = routes.get(packet.payloadType());
      if (route == null) {
        drop(Drop.UNKNOWN_PAYLOAD_TYPE);
        return;
      }
      startFeedbackOnFirstRtp();
      long now = System.nanoTime();
      if (twcc != null) {
        int transportSeq = TransportSequenceNumber.read(packet, transportCcId);
        if (transportSeq >= 0) {
          twcc.onPacket(transportSeq, now);
        }
      }
      boolean retransmission = route.rtxFor() >= 0;
      if (retransmission) {
        // RFC 4588: a retransmission of the media stream of this kind, with its own SSRC.
        Integer media = remoteSsrc.get(route.kind());
        Route original = routes.get(route.rtxFor());
        packet = media == null || original == null ? null
            : RtxPackets.unwrap(datagram, route.rtxFor(), media);
        if (packet == null) {
          drop(Drop.RTX_WITHOUT_MEDIA);
          return;
        }
        rtxReceived++;
        route = original;
      } else {
        remoteSsrc.put(route.kind(), packet.ssrc());
      }
      if (route.kind() == MediaType.VIDEO
          && !gaps.arrived(packet.ssrc(), packet.sequenceNumber(), retransmission, now)) {
        drop(Drop.RTX_NOT_NEEDED);
        return;
      }
      packetsIn++;
      RtpReceiveStats stats = receiveStats.get(packet.ssrc());
      if (stats == null && receiveStats.size() >= MAX_REPORTED_SOURCES) {
        forgetIdleSources(now);
      }
      if (stats == null && receiveStats.size() < MAX_REPORTED_SOURCES) {
        stats = new RtpReceiveStats(packet.ssrc(), route.format().clockRate());
        receiveStats.put(packet.ssrc(), stats);
      }
      if (stats != null) {
        stats.packet(packet.sequenceNumber(), packet.timestamp(), now);
        InboundSource source = inboundSources.get(packet.ssrc());
        if (source == null) {
          source = new InboundSource(route.kind());
          inboundSources.put(packet.ssrc(), source);
        }
        source.bytes += packet.payloadLength();
      }
      ForwardedExtensions.normalize(packet, extensionsIn);
      ByteBuf handed = datagram;
      datagram = null;
      input.rtp(route.kind(), route.format(), handed);
    } finally {
      if (datagram != null) {
        datagram.release();
      }
    }
  }

  private void receiveRtcp(ByteBuf datagram) {
    if (protection.unprotectRtcp(datagram) != SrtpResult.OK) {
      drop(Drop.SRTP_FAILED);
      return;
    }
    RtcpCompound compound = RtcpCompound.parse(datagram);
    if (compound == null) {
      drop(Drop.MALFORMED);
      return;
    }
    OutboundStream video = streams.get(MediaType.VIDEO);
    for (RtcpPacket p : compound.packets()) {
      if (p instanceof RtcpSenderReport sr) {
        RtpReceiveStats stats = receiveStats.get(sr.senderSsrc());
        if (stats != null) {
          stats.senderReport(sr.ntpTimestamp(), System.nanoTime());
        }
        roundTrip(sr.reportBlocks());
      } else if (p instanceof RtcpReceiverReport rr) {
        roundTrip(rr.reportBlocks());
      } else if (p instanceof RtcpPli pli && video != null && pli.mediaSsrc() == video.ssrc()) {
        keyframeRequestsReceived++;
        input.keyframeRequested(MediaType.VIDEO);
      } else if (p instanceof RtcpFir fir && video != null
          && fir.entries().stream().anyMatch(e -> e.ssrc() == video.ssrc())) {
        keyframeRequestsReceived++;
        input.keyframeRequested(MediaType.VIDEO);
      } else if (p instanceof RtcpRemb remb) {
        peerEstimateBps = remb.bitrate();
        peerEstimateNanos = System.nanoTime();
      } else if (p instanceof RtcpBye bye) {
        bye.ssrcs().forEach(this::forgetSource);
      } else if (p instanceof RtcpNack nack && video != null && retransmitter != null
          && nack.mediaSsrc() == video.ssrc()) {
        nackPacketsReceived++;
        retransmit(video, nack);
      }
    }
  }

  /**
   * A remote source left (RTCP BYE, RFC 3550 6.6) or timed out: its reception state goes, so the
   * reports, the stats and loss recovery leave it and its slots serve the sources that follow
   * (a peer that restarts its media under new SSRCs).
   */
  private void forgetSource(int ssrc) {
    if (receiveStats.remove(ssrc) != null) {
      sourcesForgotten++;
    }
    inboundSources.remove(ssrc);
    ourReports.remove(ssrc);
    gaps.forget(ssrc);
    remoteSsrc.values().removeIf(v -> v == ssrc);
  }

  /**
   * When every report slot is taken, the sources silent for {@link #SOURCE_TIMEOUT_NANOS} give
   * theirs up (RFC 3550 6.3.5).
   */
  private void forgetIdleSources(long now) {
    List<Integer> idle = new java.util.ArrayList<>();
    for (RtpReceiveStats st : receiveStats.values()) {
      if (now - st.lastArrivalNanos() >= SOURCE_TIMEOUT_NANOS) {
        idle.add(st.ssrc());
      }
    }
    idle.forEach(this::forgetSource);
  }

  /** Remote sources forgotten so far, after a BYE or a timeout. */
  public long sourcesForgotten() {
    return sourcesForgotten;
  }

  private void retransmit(OutboundStream video, RtcpNack nack) {
    long now = System.nanoTime();
    for (int seq : nack.lostSequenceNumbers()) {
      ByteBuf again = retransmitter.retransmission(seq, video.ssrc(), now);
      if (again == null) {
        continue;
      }
      // An RTX packet has its own fresh index; the same packet again repeats one, with the bytes
      // it was first protected with (the history rebuilt them exactly).
      output.send(new Protected(again,
          retransmitter.usesRtx() ? Protected.RTP : Protected.RTP_REPEAT, protection));
    }
  }

  /**
   * RFC 3550 section 6.4.1: round trip = arrival − LSR − DLSR, in 1/65536 s, from a report block
   * about one of our streams that echoes a sender report we sent.
   */
  private void roundTrip(List<RtcpReportBlock> blocks) {
    for (RtcpReportBlock block : blocks) {
      if (!isOurs(block.ssrc())) {
        continue;
      }
      peerReports.put(block.ssrc(), block);
      if (block.lastSenderReport() == 0) {
        continue;
      }
      long arrival = (ntpNow() >>> 16) & 0xffffffffL;
      long rtt = (arrival - block.lastSenderReport() - block.delaySinceLastSenderReport())
          & 0xffffffffL;
      if (rtt < 0x80000000L) {
        rttNanos = rtt * 1_000_000_000L / 65536;
        if (retransmitter != null) {
          retransmitter.roundTrip(rttNanos);
        }
      }
    }
  }

  private boolean isOurs(int ssrc) {
    for (OutboundStream s : streams.values()) {
      if (s.ssrc() == ssrc) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends a packet from the graph to the peer, if this session sends that kind in a codec the peer
   * accepted (media passes through encoded: no codec in common means no media). Only queues it:
   * everything else (the keyframe gate, rewriting, the send history, protection) happens when the
   * output makes it, see {@link Outgoing}. Takes ownership.
   */
  public void send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    output.send(new Outgoing(rtp, kind, format));
  }

  /**
   * A plain RTP or RTCP packet of ours, protected when the transport sends it: every use of our
   * SRTP sender (media, retransmissions, RTCP) then happens where the transport's sends happen,
   * one thread, in order.
   */
  private final class Protected implements DeferredDatagram {
    static final int RTP = 0;
    /** The same packet again, with the index it was first protected with. */
    static final int RTP_REPEAT = 1;
    static final int RTCP = 2;

    private final ByteBuf plain;
    private final int kind;
    private final PacketProtection protection;

    Protected(ByteBuf plain, int kind, PacketProtection protection) {
      this.plain = plain;
      this.kind = kind;
      this.protection = protection;
    }

    @Override
    public ByteBuf build() {
      SrtpResult result = switch (kind) {
        case RTP -> protection.protectRtp(plain);
        case RTP_REPEAT -> protection.protectRtpRetransmission(plain);
        default -> protection.protectRtcp(plain);
      };
      if (result != SrtpResult.OK) {
        plain.release();
        drop(Drop.SRTP_PROTECT_FAILED);
        return null;
      }
      return plain;
    }

    @Override
    public void discard() {
      plain.release();
    }
  }

  /**
   * A packet from the graph for our peer, made when the transport sends it: the keyframe gate,
   * then our own copy (the original is shared with other sinks, and SRTP encrypts in place) with
   * our SSRC, payload type, sequence number and timestamp, the forwarded header extensions under
   * our peer's ids and abs-send-time stamped at that moment, then protected, and only then counted
   * as sent and kept in the send history. Holds a reference to the original until then.
   *
   * <p>Why all of it here and not in {@link #send}: a fan-out hands each packet to every viewer
   * before any is made, and a batching transport makes a viewer's packets one after another. The
   * per-viewer state (stream, history, stats, SRTP) is then touched once per viewer and batch,
   * while it is in the cache, instead of once per packet and viewer, each time after every other
   * viewer's; and the first viewers' packets leave sooner, because handing a keyframe to a hundred
   * viewers costs little before the making starts.
   */
  private final class Outgoing implements DeferredDatagram {
    private final ByteBuf original;
    private final MediaType kind;
    private final RtpFormat format;
    /** Our reference to the original went to the send history (no retain and release for it). */
    private boolean kept;

    Outgoing(ByteBuf original, MediaType kind, RtpFormat format) {
      this.original = original;
      this.kind = kind;
      this.format = format;
    }

    @Override
    public ByteBuf build() {
      ByteBuf copy = alloc.heapBuffer(original.readableBytes() + TAILROOM + 12);
      if (buildInto(copy) < 0) {
        copy.release();
        return null;
      }
      return copy;
    }

    @Override
    public int buildInto(ByteBuf out) {
      try {
        return make(out);
      } finally {
        if (!kept) {
          original.release();
        }
      }
    }

    /**
     * Appends our copy to {@code out}, protected; its length, or -1 when dropped. {@code out} has
     * no readable bytes on entry ({@link DeferredDatagram#buildInto}), so they are then our copy.
     */
    private int make(ByteBuf out) {
      NegotiatedMedia media = sending.get(kind);
      if (media == null) {
        drop(Drop.NOT_SENDING);
        return -1;
      }
      if (protection == null) {
        drop(Drop.NOT_SECURED);
        return -1;
      }
      int pt = cachedPayloadType(kind, media, format);
      if (pt < 0) {
        drop(Drop.NO_MATCHING_CODEC);
        return -1;
      }
      RtpPacket in = RtpPacket.parse(original);
      if (in == null) {
        drop(Drop.MALFORMED);
        return -1;
      }
      long now = System.nanoTime();
      OutboundStream stream = streams.get(kind);
      if (!stream.admit(in, format.encoding(), now)) {
        drop(Drop.WAITING_FOR_KEYFRAME);
        if (stream.wantsKeyframe(now)) {
          input.keyframeRequested(kind);
        }
        return -1;
      }
      int outSeq = stream.outSequence(in);
      long timestamp = stream.outTimestamp(in);
      stream.sent(outSeq, timestamp, now);
      int start = out.writerIndex();
      boolean absSendTime = kind == MediaType.VIDEO && absSendTimeId > 0;
      ForwardedExtensions.write(in, out, extensionsOut, absSendTime ? absSendTimeId : 0,
          absSendTime ? AbsSendTime.fromNanos(now) : 0, absSendTime ? AbsSendTime.LENGTH : 0);
      RtpPacket.rewriteHeader(out, start, pt, outSeq, timestamp, stream.ssrc());
      if (protection.protectRtp(out) != SrtpResult.OK) { // out's readable bytes: our copy
        drop(Drop.SRTP_PROTECT_FAILED);
        return -1;
      }
      if (kind == MediaType.VIDEO && retransmitter != null) {
        // The history keeps the shared original, not a copy, with the reference this held.
        retransmitter.sent(outSeq, timestamp, pt, original, now);
        kept = true;
      }
      countSent(kind, format.clockRate(), in.payloadLength(), timestamp, now);
      noteMediaSent(kind, now);
      return out.writerIndex() - start;
    }

    @Override
    public void discard() {
      original.release();
    }
  }

  private void noteMediaSent(MediaType kind, long now) {
    int i = kind.ordinal();
    if (mediaSentNoted[i] == 0 || now - mediaSentNoted[i] >= MEDIA_SENT_NOTE_NANOS) {
      mediaSentNoted[i] = now;
      input.mediaSent(kind);
    }
  }

  /**
   * A media packet made for the wire: what sender reports and outbound stats count (RFC 3550
   * 6.4.1: packets and octets sent), so a packet the transport dropped before making it is not.
   */
  private void countSent(MediaType kind, int clockRate, int payloadLength, long timestamp,
      long now) {
    packetsOut++;
    SendStats sent = sendStats.get(kind);
    if (sent == null) {
      sent = new SendStats(clockRate);
      sendStats.put(kind, sent);
    }
    sent.packets++;
    sent.octets += payloadLength;
    sent.lastRtpTimestamp = timestamp;
    sent.lastSendNanos = now;
  }

  /**
   * {@link #payloadTypeFor}, remembered per kind for the last format and negotiation seen: a
   * stream's packets all carry one format object, and the name comparison is per packet otherwise.
   */
  private int cachedPayloadType(MediaType kind, NegotiatedMedia media, RtpFormat format) {
    int i = kind.ordinal();
    if (lastFormat[i] != format || lastNegotiated[i] != media) {
      lastFormat[i] = format;
      lastNegotiated[i] = media;
      lastPayloadType[i] = payloadTypeFor(media, format);
    }
    return lastPayloadType[i];
  }

  private static int payloadTypeFor(NegotiatedMedia media, RtpFormat format) {
    for (Codec c : media.codecs()) {
      if (format.sameCodec(c.name(), c.clockRate())) {
        return c.payloadType();
      }
    }
    return -1;
  }

  /**
   * Asks the peer for a keyframe of the video it sends us (RFC 4585 PLI). Requests from many
   * receivers (every viewer of a publisher, each switch) are merged: one PLI per
   * {@link #KEYFRAME_REQUEST_INTERVAL_NANOS} at most, which the encoder answers for all of them.
   */
  public void requestKeyframe() {
    Integer media = remoteSsrc.get(MediaType.VIDEO);
    if (media == null || protection == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS) {
      keyframeRequestsMerged++;
      return;
    }
    lastKeyframeRequestNanos = now;
    keyframeRequestsSent++;
    OutboundStream ours = streams.get(MediaType.VIDEO);
    int sender = ours != null ? ours.ssrc() : 1;
    sendFeedbackPacket(sender, new RtcpPli(sender, media));
  }

  /** The SDES chunk that names {@code ssrc}'s CNAME, which every compound carries (RFC 3550 6.1). */
  private RtcpSdes.Chunk cnameChunk(int ssrc) {
    return new RtcpSdes.Chunk(ssrc, List.of(RtcpSdes.Item.cname(cname)));
  }

  /**
   * Sends one feedback packet from {@code sender}: alone where reduced-size RTCP was agreed (RFC
   * 5506 section 3.4, what browsers send then), otherwise in the smallest compound RFC 3550 6.1
   * allows (RFC 4585 3.1: an empty receiver report, the CNAME, then the feedback), which a peer
   * without RFC 5506 support would otherwise discard.
   */
  private void sendFeedbackPacket(int sender, RtcpPacket feedback) {
    RtcpCompound compound = reducedSizeRtcp ? RtcpCompound.of(feedback)
        : RtcpCompound.of(new RtcpReceiverReport(sender, List.of()),
            new RtcpSdes(List.of(cnameChunk(sender))),
            feedback);
    ByteBuf buf = alloc.heapBuffer(compound.encodedLength());
    compound.writeTo(buf);
    output.sendRtcp(new Protected(buf, Protected.RTCP, protection));
  }

  /**
   * Sends this endpoint's RTCP report (RFC 3550 6.4): a sender report per stream it sends, the
   * first carrying the reception report blocks (or a receiver report when it sends nothing), and
   * an SDES CNAME chunk per local SSRC. Called periodically once secured.
   */
  public void sendReport() {
    if (protection == null) {
      return;
    }
    long now = System.nanoTime();
    List<RtcpReportBlock> blocks = new java.util.ArrayList<>();
    for (RtpReceiveStats stats : receiveStats.values()) {
      RtcpReportBlock block = stats.reportBlock(now);
      ourReports.put(block.ssrc(), block);
      blocks.add(block);
    }
    List<RtcpPacket> packets = new java.util.ArrayList<>();
    List<RtcpSdes.Chunk> chunks = new java.util.ArrayList<>();
    long ntp = ntpNow();
    for (Map.Entry<MediaType, SendStats> e : sendStats.entrySet()) {
      SendStats st = e.getValue();
      int ssrc = streams.get(e.getKey()).ssrc();
      long rtpNow = (st.lastRtpTimestamp + (now - st.lastSendNanos) * st.clockRate / 1_000_000_000L)
          & 0xffffffffL;
      packets.add(new RtcpSenderReport(ssrc, ntp, rtpNow, st.packets & 0xffffffffL,
          st.octets & 0xffffffffL, packets.isEmpty() ? blocks : List.of()));
      chunks.add(cnameChunk(ssrc));
    }
    if (packets.isEmpty()) {
      int ssrc = reporterSsrc();
      packets.add(new RtcpReceiverReport(ssrc, blocks));
      chunks.add(cnameChunk(ssrc));
    }
    packets.add(new RtcpSdes(chunks));
    RtcpRemb remb = remb(chunks.get(0).ssrc(), now);
    if (remb != null) {
      packets.add(remb);
    }
    ByteBuf buf = alloc.heapBuffer(256);
    RtcpCompound.of(packets.toArray(new RtcpPacket[0])).writeTo(buf);
    output.sendRtcp(new Protected(buf, Protected.RTCP, protection));
  }

  /**
   * Sends the NACKs due now for the gaps in the video the peer sends (first NACK at once, repeats
   * once per round trip, given up after a while; see {@link GapRecovery}). Called every few tens
   * of milliseconds once secured.
   */
  public void sendFeedback() {
    if (protection == null) {
      return;
    }
    sendTransportFeedback();
    if (gaps.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    long rtt = rttNanos > 0 ? rttNanos : DEFAULT_RTT_NANOS;
    int sender = reporterSsrc();
    gaps.due(now, rtt, (media, lost) -> {
      sendFeedbackPacket(sender, RtcpNack.of(sender, media, lost));
      gaps.nackSent();
    });
  }

  /** transport-cc feedback on everything received since the last call (the peer's BWE input). */
  private void sendTransportFeedback() {
    if (twcc == null || twcc.pending() == 0) {
      return;
    }
    int sender = reporterSsrc();
    Integer media = remoteSsrc.getOrDefault(MediaType.VIDEO, remoteSsrc.get(MediaType.AUDIO));
    for (RtcpTransportCc feedback : twcc.feedback(sender, media == null ? 0 : media)) {
      sendFeedbackPacket(sender, feedback);
      twccFeedbackSent++;
    }
  }

  /** transport-cc feedback packets sent. */
  public long transportFeedbackSent() {
    return twccFeedbackSent;
  }

  /**
   * Starts the periodic RTCP of this session on {@code loop} (its owner's): reports every
   * {@value #REPORT_INTERVAL_MILLIS} ms, and once RTP arrives, NACK and transport-cc feedback
   * every {@value #FEEDBACK_INTERVAL_MILLIS} ms. {@link #close()} stops them.
   */
  public void startRtcp(io.netty.channel.EventLoop loop) {
    rtcpLoop = loop;
    scheduleReport();
    if (retransmitter != null && unregisterReliever == null) {
      unregisterReliever = MemoryPressure.register(loop, retransmitter::shed);
    }
  }

  /**
   * The next report after a random interval of 0.5 to 1.5 times {@value #REPORT_INTERVAL_MILLIS}
   * ms (RFC 3550 section 6.3.1): sessions that started together (a hundred viewers joining in one
   * batch) would otherwise report together, every second, for as long as they live.
   */
  private void scheduleReport() {
    io.netty.channel.EventLoop loop = rtcpLoop;
    if (loop == null) {
      return; // closed
    }
    long delay = REPORT_INTERVAL_MILLIS / 2
        + ThreadLocalRandom.current().nextLong(REPORT_INTERVAL_MILLIS + 1);
    reportTimer = loop.schedule(() -> {
      if (rtcpLoop != null) {
        sendReport();
        scheduleReport();
      }
    }, delay, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * The feedback timer (NACKs for our gaps, transport-cc) starts with the first RTP we accept: a
   * session that only sends has no feedback to give, and a hundred viewers' idle timers would
   * wake the loop 5,000 times a second in the middle of its fan-outs.
   */
  private void startFeedbackOnFirstRtp() {
    if (feedbackStarted || rtcpLoop == null) {
      return;
    }
    feedbackStarted = true;
    timers.add(rtcpLoop.scheduleAtFixedRate(this::sendFeedback, FEEDBACK_INTERVAL_MILLIS,
        FEEDBACK_INTERVAL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /** Stops the periodic RTCP and releases the send history. */
  public void close() {
    rtcpLoop = null; // no feedback or report timer after this
    if (reportTimer != null) {
      reportTimer.cancel(false);
      reportTimer = null;
    }
    timers.forEach(t -> t.cancel(false));
    timers.clear();
    if (unregisterReliever != null) {
      unregisterReliever.run();
      unregisterReliever = null;
    }
    if (retransmitter != null) {
      retransmitter.release();
    }
  }

  /** Loss recovery and keyframe counters, for stats and tests. */
  public record FeedbackCounters(long nackPacketsReceived, long packetsNackedByPeer,
      long retransmitted, long retransmittedBytes, long retransmissionMisses, long nacksSent,
      long packetsNackedToPeer, long recoveredFromPeer, long rtxReceived,
      long keyframeRequestsSent, long keyframeRequestsMerged, long keyframeRequestsReceived,
      long keyframeWaitDrops, long roundTripNanos, long retransmissionsOverBudget) {
  }

  public FeedbackCounters feedbackCounters() {
    long nacked = gaps.nacked();
    long recovered = gaps.recovered();
    Retransmitter r = retransmitter;
    return new FeedbackCounters(nackPacketsReceived, r == null ? 0 : r.nacked(),
        r == null ? 0 : r.retransmitted(), r == null ? 0 : r.retransmittedBytes(),
        r == null ? 0 : r.missed(), gaps.nacksSent(), nacked, recovered, rtxReceived,
        keyframeRequestsSent, keyframeRequestsMerged, keyframeRequestsReceived,
        drops(Drop.WAITING_FOR_KEYFRAME), rttNanos, r == null ? 0 : r.overBudget());
  }

  /**
   * Sends REMB (draft-alvestrand-rmcat-remb) for the video the peer sends us: Kurento's local
   * estimate from the loss we see ({@link RembEstimator}, driven by the endpoint's RembParams and
   * bounded by its min/maxVideoRecvBandwidth), lowered to what the receivers downstream can take.
   */
  public void configureRemb(RembEstimator.RembParams params, long minBps, long maxBps) {
    remb = new RembSender(params, minBps, maxBps);
  }

  private RtcpRemb remb(int senderSsrc, long now) {
    Integer media = remoteSsrc.get(MediaType.VIDEO);
    if (remb == null || media == null) {
      return null;
    }
    RtpReceiveStats stats = receiveStats.get(media);
    InboundSource source = inboundSources.get(media);
    long bps = stats == null || source == null ? remb.next(0, 0, 0,
        input.downstreamVideoEstimate(), now) : remb.next(stats.received(),
        Math.max(0, stats.expected() - stats.received()), source.bytes,
        input.downstreamVideoEstimate(), now);
    return RtcpRemb.of(senderSsrc, bps, List.of(media));
  }

  /** The peer's latest REMB about the video we send it, or -1 when it sent none lately. */
  public long peerVideoEstimate() {
    return peerEstimateBps >= 0 && System.nanoTime() - peerEstimateNanos < PEER_ESTIMATE_TTL_NANOS
        ? peerEstimateBps : -1;
  }

  /** The bitrate we last asked the peer to send its video at (REMB), 0 before any. */
  public long lastRembSent() {
    return remb == null ? 0 : remb.lastBps();
  }

  /** Kurento's inbound RTP stats of each source the peer sends. */
  public List<InboundRtpCounters> inboundStats() {
    List<InboundRtpCounters> out = new java.util.ArrayList<>();
    for (RtpReceiveStats stats : receiveStats.values()) {
      InboundSource source = inboundSources.get(stats.ssrc());
      if (source == null) {
        continue;
      }
      RtcpReportBlock last = ourReports.get(stats.ssrc());
      boolean video = source.kind == MediaType.VIDEO;
      int clockRate = routes.values().stream().filter(r -> r.kind() == source.kind)
          .mapToInt(r -> r.format().clockRate()).findFirst().orElse(90000);
      out.add(new InboundRtpCounters(stats.ssrc() & 0xffffffffL, source.kind, stats.received(),
          source.bytes, Math.max(0, stats.expected() - stats.received()),
          last == null ? 0 : last.fractionLost(), (double) stats.jitter() / clockRate,
          new RtcpFeedbackCounts(gaps.nacked(stats.ssrc()), 0,
              video ? keyframeRequestsSent : 0), video ? lastRembSent() : 0));
    }
    return out;
  }

  /** Kurento's outbound RTP stats of each stream this session sends. */
  public List<OutboundRtpCounters> outboundStats() {
    List<OutboundRtpCounters> out = new java.util.ArrayList<>();
    for (Map.Entry<MediaType, SendStats> e : sendStats.entrySet()) {
      OutboundStream stream = streams.get(e.getKey());
      boolean video = e.getKey() == MediaType.VIDEO;
      RtcpReportBlock peer = peerReports.get(stream.ssrc());
      Retransmitter r = video ? retransmitter : null;
      out.add(new OutboundRtpCounters(stream.ssrc() & 0xffffffffL, e.getKey(),
          e.getValue().packets, e.getValue().octets,
          peer == null ? 0 : Math.max(0, peer.cumulativeLost()),
          peer == null ? 0 : peer.fractionLost(),
          new RtcpFeedbackCounts(r == null ? 0 : r.nacked(), 0,
              video ? keyframeRequestsReceived : 0), video ? Math.max(0, peerVideoEstimate()) : 0,
          0,
          rttNanos > 0 ? rttNanos / 1e9 : 0, r == null ? 0 : r.retransmitted(),
          r == null ? 0 : r.retransmittedBytes()));
    }
    return out;
  }

  /** The SSRC our RTCP speaks for: one of our streams', or 1 when we send nothing. */
  private int reporterSsrc() {
    return streams.isEmpty() ? 1 : streams.values().iterator().next().ssrc();
  }

  /** The wallclock as a 64-bit NTP timestamp (seconds since 1900 in the high word). */
  private static long ntpNow() {
    long millis = System.currentTimeMillis();
    long seconds = millis / 1000 + 2_208_988_800L;
    long fraction = ((millis % 1000) << 32) / 1000;
    return (seconds << 32) | fraction;
  }

  public long drops(Drop reason) {
    return drops[reason.ordinal()];
  }

  public Map<Drop, Long> drops() {
    Map<Drop, Long> out = new EnumMap<>(Drop.class);
    for (Drop d : Drop.values()) {
      out.put(d, drops[d.ordinal()]);
    }
    return out;
  }

  public long packetsIn() {
    return packetsIn;
  }

  /**
   * What this session carried and dropped, for the log line of its endpoint's release:
   * {@code RTP accepted 812, sent 790, dropped {SRTP_FAILED=2, UNKNOWN_PAYLOAD_TYPE=1}}.
   */
  public String summary() {
    String inbound = protection == null ? "" : protection.inboundSummary();
    String repairs = retransmitter == null ? "" : retransmitter.summary();
    return "RTP accepted " + packetsIn + ", sent " + packetsOut
        + (repairs.isEmpty() ? "" : ", " + repairs) + ", dropped "
        + EnumCounts.nonZero(Drop.values(), drops) + (inbound.isEmpty() ? "" : "; " + inbound);
  }

  public long packetsOut() {
    return packetsOut;
  }

  private void drop(Drop reason) {
    drops[reason.ordinal()]++;
  }
}
