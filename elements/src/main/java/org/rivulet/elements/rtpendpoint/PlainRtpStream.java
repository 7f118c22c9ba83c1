package org.rivulet.elements.rtpendpoint;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.rivulet.elements.webrtc.RtpSession;
import org.rivulet.transport.demux.FirstByteDemuxHandler;

/**
 * One m-line of an RtpEndpoint: its RTP socket and RTCP socket (rtp + 1, RFC 3550 section 11),
 * the peer's addresses from the SDP, and the {@link RtpSession} that carries it.
 *
 * <p>RTP Bleed: datagrams are accepted only from the address and port the SDP announced (RTP
 * from the m-line's port, RTCP from a=rtcp or port + 1; with rtcp-mux both from the RTP port).
 * There is no latching to whoever sends first; everything else is dropped and counted. Runs on
 * the pipeline's loop (both sockets are bound on it).
 */
final class PlainRtpStream {
  private final String kind;
  private final DatagramChannel rtpChannel;
  private final DatagramChannel rtcpChannel;
  private InetSocketAddress remoteRtp;
  private InetSocketAddress remoteRtcp;
  private boolean rtcpMux;
  private RtpSession session;
  private long unannouncedDrops;
  private long oversizedDrops;
  private Runnable firstPacket = () -> { };

  PlainRtpStream(String kind, DatagramChannel rtpChannel, DatagramChannel rtcpChannel) {
    this.kind = kind;
    this.rtpChannel = rtpChannel;
    this.rtcpChannel = rtcpChannel;
  }

  /** The handler of both sockets: hands accepted datagrams to {@code stream}. */
  @ChannelHandler.Sharable
  static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
    /** Set once the stream exists (its sockets are bound first); read on the same loop. */
    private PlainRtpStream stream;

    Inbound() {
      super(false);
    }

    void attach(PlainRtpStream s) {
      stream = s;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      PlainRtpStream s = stream;
      if (s == null) {
        packet.release();
        return;
      }
      s.onDatagram(ctx.channel() == s.rtcpChannel, packet);
    }
  }

  String kind() {
    return kind;
  }

  int localPort() {
    return rtpChannel.localAddress().getPort();
  }

  /** The peer's addresses (from the SDP); before this, nothing is accepted or sent. */
  void remote(InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux) {
    this.remoteRtp = rtp;
    this.remoteRtcp = mux ? rtp : rtcp;
    this.rtcpMux = mux;
  }

  void start(RtpSession session, Runnable onFirstPacket) {
    this.session = session;
    this.firstPacket = onFirstPacket;
  }

  RtpSession session() {
    return session;
  }

  /** Datagrams from anyone but the negotiated peer (RTP Bleed protection). */
  long unannouncedDrops() {
    return unannouncedDrops;
  }

  /** Datagrams from the peer longer than {@link FirstByteDemuxHandler#DEFAULT_MAX_PACKET_LENGTH}. */
  long oversizedDrops() {
    return oversizedDrops;
  }

  private void onDatagram(boolean onRtcpSocket, DatagramPacket packet) {
    // With rtcp-mux remoteRtcp is remoteRtp, so RTCP on the RTP socket passes the same check.
    InetSocketAddress expected = onRtcpSocket ? remoteRtcp : remoteRtp;
    if (session == null || expected == null || !expected.equals(packet.sender())) {
      unannouncedDrops++;
      packet.release();
      return;
    }
    if (packet.content().readableBytes() > FirstByteDemuxHandler.DEFAULT_MAX_PACKET_LENGTH) {
      // As on the WebRTC path (RELIABILITY.md B1.3): nothing legitimate is longer than an
      // Ethernet MTU, and the graph would carry it on to peers that cannot take it.
      oversizedDrops++;
      packet.release();
      return;
    }
    Runnable first = firstPacket;
    firstPacket = null;
    if (first != null) {
      first.run();
    }
    session.receive(packet.content());
  }

  /** The RtpSession's output: RTP to the peer's RTP port, RTCP to its RTCP port. */
  RtpSession.Output output() {
    return RtpSession.Output.immediate(datagram -> write(rtpChannel, remoteRtp, datagram),
        datagram -> write(rtcpMux ? rtpChannel : rtcpChannel, remoteRtcp, datagram));
  }

  private static void write(DatagramChannel ch, InetSocketAddress to, ByteBuf datagram) {
    if (to == null || !ch.isActive()) {
      datagram.release();
      return;
    }
    ch.writeAndFlush(new DatagramPacket(datagram, to));
  }

  void close() {
    if (session != null) {
      session.close();
    }
    rtpChannel.close();
    rtcpChannel.close();
  }
}
