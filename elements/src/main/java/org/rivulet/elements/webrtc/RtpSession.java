package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.rtcp.RtcpCompound;
import org.rivulet.rtcp.RtcpFir;
import org.rivulet.rtcp.RtcpPacket;
import org.rivulet.rtcp.RtcpPli;
import org.rivulet.rtcp.RtcpReceiverReport;
import org.rivulet.rtcp.RtcpReportBlock;
import org.rivulet.rtcp.RtcpSdes;
import org.rivulet.rtcp.RtcpSenderReport;
import org.rivulet.rtp.stats.RtpReceiveStats;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.sdp.Codec;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;

/**
 * The RTP side of one WebRTC endpoint once offer/answer is done: SRTP in both directions, payload
 * types mapped to media kinds and codecs, outgoing streams rewritten to this endpoint's SSRCs, and
 * keyframe requests (PLI/FIR) in both directions.
 *
 * <pre>
 *  network ─▶ receive(SRTP) ─▶ unprotect ─▶ RTP:  PT → kind, codec ─▶ Input.rtp ─▶ graph
 *                                         └▶ RTCP: PLI/FIR for our SSRC ─▶ Input.keyframeRequested
 *  graph ─▶ send(kind, codec, RTP) ─▶ copy, rewrite PT/SSRC/seq/ts ─▶ protect ─▶ Output.send
 * </pre>
 *
 * <p>Every packet that cannot go on is dropped and counted in {@link #drops()}. Single-threaded: the
 * pipeline's loop. Ownership: {@link #receive} and {@link #send} take ownership of their buffer.
 */
public final class RtpSession {
  /** Where protected packets go (the selected ICE pair). Takes ownership. */
  public interface Output {
    void send(ByteBuf datagram);
  }

  /** What arrives from the peer. {@code rtp} ownership moves to the callee. */
  public interface Input {
    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp);

    void keyframeRequested(MediaType kind);
  }

  /** Why packets were dropped. */
  public enum Drop {
    NOT_SECURED, SRTP_FAILED, MALFORMED, UNKNOWN_PAYLOAD_TYPE, NOT_RECEIVING, NO_MATCHING_CODEC,
    NOT_SENDING, SRTP_PROTECT_FAILED
  }

  private record Route(MediaType kind, RtpFormat format) {
  }

  /** Room for the SRTP tag and a little more, so protect never reallocates. */
  private static final int TAILROOM = 32;

  private final ByteBufAllocator alloc;
  private final Output output;
  private final Input input;
  private final Map<Integer, Route> routes = new HashMap<>();
  private final Map<MediaType, NegotiatedMedia> sending = new EnumMap<>(MediaType.class);
  private final Map<MediaType, OutboundStream> streams = new EnumMap<>(MediaType.class);
  private final Map<MediaType, Integer> remoteSsrc = new EnumMap<>(MediaType.class);
  private final long[] drops = new long[Drop.values().length];
  private SrtpSender srtpOut;
  private SrtpReceiver srtpIn;
  private long packetsIn;
  private long packetsOut;
  /** Sources we receive, for reception reports; bounded so a peer cannot grow it without end. */
  private final Map<Integer, RtpReceiveStats> receiveStats = new HashMap<>();
  private final Map<MediaType, SendStats> sendStats = new EnumMap<>(MediaType.class);
  private String cname = "rivulet";

  /** Maximum number of remote sources reported on (RTCP allows 31 blocks per report). */
  static final int MAX_REPORTED_SOURCES = 31;

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
    for (NegotiatedMedia m : media) {
      MediaType kind = kindOf(m.kind());
      if (kind == null) {
        continue;
      }
      if (m.receives()) {
        for (Codec c : m.codecs()) {
          routes.put(c.payloadType(), new Route(kind,
              new RtpFormat(c.name(), c.clockRate(), c.channels())));
        }
      }
      if (m.sends()) {
        sending.put(kind, m);
        streams.put(kind, new OutboundStream(m.localSsrc(),
            m.codecs().get(0).clockRate(), ThreadLocalRandom.current().nextInt(0x10000)));
      }
    }
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
    this.srtpOut = out;
    this.srtpIn = in;
  }

  public boolean isSecured() {
    return srtpOut != null;
  }

  /** A protected RTP or RTCP datagram from the peer (already past ICE validation). */
  public void receive(ByteBuf datagram) {
    try {
      if (srtpIn == null) {
        drop(Drop.NOT_SECURED);
        return;
      }
      if (RtpPacket.isRtcp(datagram, datagram.readerIndex(), datagram.readableBytes())) {
        receiveRtcp(datagram);
        return;
      }
      if (srtpIn.unprotectRtp(datagram) != SrtpResult.OK) {
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
      remoteSsrc.put(route.kind(), packet.ssrc());
      packetsIn++;
      RtpReceiveStats stats = receiveStats.get(packet.ssrc());
      if (stats == null && receiveStats.size() < MAX_REPORTED_SOURCES) {
        stats = new RtpReceiveStats(packet.ssrc(), route.format().clockRate());
        receiveStats.put(packet.ssrc(), stats);
      }
      if (stats != null) {
        stats.packet(packet.sequenceNumber(), packet.timestamp(), System.nanoTime());
      }
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
    if (srtpIn.unprotectRtcp(datagram) != SrtpResult.OK) {
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
      } else if (p instanceof RtcpPli pli && video != null && pli.mediaSsrc() == video.ssrc()) {
        input.keyframeRequested(MediaType.VIDEO);
      } else if (p instanceof RtcpFir fir && video != null
          && fir.entries().stream().anyMatch(e -> e.ssrc() == video.ssrc())) {
        input.keyframeRequested(MediaType.VIDEO);
      }
    }
  }

  /**
   * Sends a packet from the graph to the peer, if this session sends that kind in a codec the peer
   * accepted (media passes through encoded: no codec in common means no media).
   *
   * @return whether the packet went out (otherwise it was dropped and counted)
   */
  public boolean send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    ByteBuf copy = null;
    try {
      NegotiatedMedia media = sending.get(kind);
      if (media == null) {
        drop(Drop.NOT_SENDING);
        return false;
      }
      if (srtpOut == null) {
        drop(Drop.NOT_SECURED);
        return false;
      }
      int pt = payloadTypeFor(media, format);
      if (pt < 0) {
        drop(Drop.NO_MATCHING_CODEC);
        return false;
      }
      // Our own copy: the original is shared with other sinks, and SRTP encrypts in place.
      copy = alloc.heapBuffer(rtp.readableBytes() + TAILROOM);
      copy.writeBytes(rtp, rtp.readerIndex(), rtp.readableBytes());
      RtpPacket packet = RtpPacket.parse(copy);
      if (packet == null) {
        drop(Drop.MALFORMED);
        return false;
      }
      streams.get(kind).rewrite(packet, pt);
      int payload = packet.payloadLength();
      long timestamp = packet.timestamp();
      if (srtpOut.protectRtp(copy) != SrtpResult.OK) {
        drop(Drop.SRTP_PROTECT_FAILED);
        return false;
      }
      packetsOut++;
      SendStats sent = sendStats.computeIfAbsent(kind, k -> new SendStats(format.clockRate()));
      sent.packets++;
      sent.octets += payload;
      sent.lastRtpTimestamp = timestamp;
      sent.lastSendNanos = System.nanoTime();
      ByteBuf out = copy;
      copy = null;
      output.send(out);
      return true;
    } finally {
      rtp.release();
      if (copy != null) {
        copy.release();
      }
    }
  }

  private static int payloadTypeFor(NegotiatedMedia media, RtpFormat format) {
    for (Codec c : media.codecs()) {
      if (format.sameCodec(c.name(), c.clockRate())) {
        return c.payloadType();
      }
    }
    return -1;
  }

  /** Asks the peer for a keyframe of the video it sends us (RFC 4585 PLI). */
  public void requestKeyframe() {
    Integer media = remoteSsrc.get(MediaType.VIDEO);
    if (media == null || srtpOut == null) {
      return;
    }
    OutboundStream ours = streams.get(MediaType.VIDEO);
    int sender = ours != null ? ours.ssrc() : 1;
    ByteBuf buf = alloc.heapBuffer(64);
    RtcpCompound.of(new RtcpPli(sender, media)).writeTo(buf);
    if (srtpOut.protectRtcp(buf) != SrtpResult.OK) {
      buf.release();
      drop(Drop.SRTP_PROTECT_FAILED);
      return;
    }
    output.send(buf);
  }

  /**
   * Sends this endpoint's RTCP report (RFC 3550 6.4): a sender report per stream it sends, the
   * first carrying the reception report blocks (or a receiver report when it sends nothing), and
   * an SDES CNAME chunk per local SSRC. Called periodically once secured.
   */
  public void sendReport() {
    if (srtpOut == null) {
      return;
    }
    long now = System.nanoTime();
    List<RtcpReportBlock> blocks = new java.util.ArrayList<>();
    for (RtpReceiveStats stats : receiveStats.values()) {
      blocks.add(stats.reportBlock(now));
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
      chunks.add(new RtcpSdes.Chunk(ssrc, List.of(RtcpSdes.Item.cname(cname))));
    }
    if (packets.isEmpty()) {
      OutboundStream any = streams.isEmpty() ? null : streams.values().iterator().next();
      int ssrc = any != null ? any.ssrc() : 1;
      packets.add(new RtcpReceiverReport(ssrc, blocks));
      chunks.add(new RtcpSdes.Chunk(ssrc, List.of(RtcpSdes.Item.cname(cname))));
    }
    packets.add(new RtcpSdes(chunks));
    ByteBuf buf = alloc.heapBuffer(256);
    RtcpCompound.of(packets.toArray(new RtcpPacket[0])).writeTo(buf);
    if (srtpOut.protectRtcp(buf) != SrtpResult.OK) {
      buf.release();
      drop(Drop.SRTP_PROTECT_FAILED);
      return;
    }
    output.send(buf);
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

  public long packetsOut() {
    return packetsOut;
  }

  private void drop(Drop reason) {
    drops[reason.ordinal()]++;
  }
}
