package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;

/**
 * How an {@link RtpSession} protects what it sends and checks what it receives: SRTP with keys
 * from DTLS or SDES, or nothing for plain RTP (an RtpEndpoint without {@code crypto}). All work in
 * place on the buffer's readable bytes and take no ownership.
 */
public interface PacketProtection {
  SrtpResult protectRtp(ByteBuf packet);

  /** Protects a packet whose index was protected before with the same bytes (see SrtpSender). */
  SrtpResult protectRtpRetransmission(ByteBuf packet);

  SrtpResult protectRtcp(ByteBuf packet);

  SrtpResult unprotectRtp(ByteBuf packet);

  SrtpResult unprotectRtcp(ByteBuf packet);

  /**
   * What checking the received packets came to, for the endpoint's release log: {@code "SRTP in
   * {OK=12, REPLAYED=1}, SRTCP in {OK=3}"}; empty when nothing is checked.
   */
  default String inboundSummary() {
    return "";
  }

  /** SRTP/SRTCP with these contexts. */
  static PacketProtection srtp(SrtpSender out, SrtpReceiver in) {
    return new PacketProtection() {
      @Override
      public String inboundSummary() {
        return "SRTP in " + in.rtpCounters() + ", SRTCP in " + in.rtcpCounters();
      }

      @Override
      public SrtpResult protectRtp(ByteBuf packet) {
        return out.protectRtp(packet);
      }

      @Override
      public SrtpResult protectRtpRetransmission(ByteBuf packet) {
        return out.protectRtpRetransmission(packet);
      }

      @Override
      public SrtpResult protectRtcp(ByteBuf packet) {
        return out.protectRtcp(packet);
      }

      @Override
      public SrtpResult unprotectRtp(ByteBuf packet) {
        return in.unprotectRtp(packet);
      }

      @Override
      public SrtpResult unprotectRtcp(ByteBuf packet) {
        return in.unprotectRtcp(packet);
      }
    };
  }

  /** Plain RTP and RTCP: everything passes as it is. */
  PacketProtection NONE = new PacketProtection() {
    @Override
    public SrtpResult protectRtp(ByteBuf packet) {
      return SrtpResult.OK;
    }

    @Override
    public SrtpResult protectRtpRetransmission(ByteBuf packet) {
      return SrtpResult.OK;
    }

    @Override
    public SrtpResult protectRtcp(ByteBuf packet) {
      return SrtpResult.OK;
    }

    @Override
    public SrtpResult unprotectRtp(ByteBuf packet) {
      return SrtpResult.OK;
    }

    @Override
    public SrtpResult unprotectRtcp(ByteBuf packet) {
      return SrtpResult.OK;
    }
  };
}
