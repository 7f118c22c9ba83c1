package org.rivulet.transport.demux;

import io.netty.channel.socket.DatagramPacket;

/**
 * Receives the RTP and RTCP packets {@link FirstByteDemuxHandler} sorts out (first byte 128..191),
 * plain or SRTP-protected; the SRTP layer (or a plain RtpEndpoint) implements it and, with rtcp-mux,
 * tells RTP from RTCP with {@link RtcpMux#isRtcp}.
 */
@FunctionalInterface
public interface MediaSink {

  /**
   * Takes ownership of {@code packet}: the sink releases it, or passes it on, exactly once, even if it
   * throws. Called on the channel's event loop. The packet has at least the 4 bytes of the common
   * RTP/RTCP header (RFC 3550 sections 5.1 and 6.4.1); nothing else about it has been checked.
   */
  void onMedia(DatagramPacket packet);
}
