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
      if (p instanceof RtcpPli pli && video != null && pli.mediaSsrc() == video.ssrc()) {
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
   */
  public void send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    ByteBuf copy = null;
    try {
      NegotiatedMedia media = sending.get(kind);
      if (media == null) {
        drop(Drop.NOT_SENDING);
        return;
      }
      if (srtpOut == null) {
        drop(Drop.NOT_SECURED);
        return;
      }
      int pt = payloadTypeFor(media, format);
      if (pt < 0) {
        drop(Drop.NO_MATCHING_CODEC);
        return;
      }
      // Our own copy: the original is shared with other sinks, and SRTP encrypts in place.
      copy = alloc.heapBuffer(rtp.readableBytes() + TAILROOM);
      copy.writeBytes(rtp, rtp.readerIndex(), rtp.readableBytes());
      RtpPacket packet = RtpPacket.parse(copy);
      if (packet == null) {
        drop(Drop.MALFORMED);
        return;
      }
      streams.get(kind).rewrite(packet, pt);
      if (srtpOut.protectRtp(copy) != SrtpResult.OK) {
        drop(Drop.SRTP_PROTECT_FAILED);
        return;
      }
      packetsOut++;
      ByteBuf out = copy;
      copy = null;
      output.send(out);
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

  /** Whether the peer has sent us media of this kind. */
  public boolean receivedFrom(MediaType kind) {
    return remoteSsrc.containsKey(kind);
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
