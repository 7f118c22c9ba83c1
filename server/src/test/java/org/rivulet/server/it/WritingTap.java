package org.rivulet.server.it;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.transport.demux.PacketKind;
import org.rivulet.transport.demux.RtcpMux;
import org.rivulet.transport.udp.DatagramBatcher;

/**
 * A synthetic peer's socket tap ({@code WebRtcPeer.tapSockets}) that sees the datagrams written,
 * not only those read: it marks its channel {@link DatagramBatcher#ONE_BY_ONE}, or the batcher
 * would send the peer's media and RTCP straight to the socket, past it.
 */
abstract class WritingTap extends ChannelDuplexHandler {

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ctx.channel().attr(DatagramBatcher.ONE_BY_ONE).set(Boolean.TRUE);
  }

  /**
   * Taps every socket {@code peer} binds from now on (call before its offer) with a new tap from
   * {@code make}; the list fills as the sockets are bound, on the peer's loop.
   */
  static <T extends WritingTap> List<T> tapEach(WebRtcPeer peer, Supplier<T> make) {
    List<T> taps = new CopyOnWriteArrayList<>();
    peer.tapSockets(() -> {
      T tap = make.get();
      taps.add(tap);
      return tap;
    });
    return taps;
  }

  /** RTP (or SRTP), not RTCP, STUN or DTLS, by the demultiplexer's own rules (RFC 7983, 5761). */
  static boolean isRtp(ByteBuf datagram) {
    return PacketKind.of(datagram) == PacketKind.RTP_OR_RTCP && !RtcpMux.isRtcp(datagram);
  }
}
