package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Sends the agent's STUN messages. The WebRTC endpoint implements it by writing to the socket of
 * {@code base}: a {@code DatagramPacket} on a UDP channel, or an RFC 4571 frame on the TCP connection
 * whose remote address is {@code to}.
 */
@FunctionalInterface
public interface IceTransmitter {

  /**
   * Sends one STUN message.
   *
   * @param base the host candidate to send from ({@link LocalCandidate#isBase()} is true)
   * @param to the destination transport address
   * @param datagram the whole message; takes ownership: the transmitter writes it or releases it, exactly
   *     once, even if it throws. Called on the agent's thread.
   */
  void send(LocalCandidate base, InetSocketAddress to, ByteBuf datagram);
}
