package org.rivulet.transport.demux;

import io.netty.channel.socket.DatagramPacket;

/**
 * Receives the STUN messages {@link FirstByteDemuxHandler} sorts out (first byte 0..3); the ICE agent
 * implements it.
 */
@FunctionalInterface
public interface StunSink {

  /**
   * Takes ownership of {@code packet}: the sink releases it, or passes it on, exactly once, even if it
   * throws. Called on the channel's event loop. The packet has at least the 20 bytes of a STUN header
   * (RFC 8489 section 5); nothing else about it has been checked.
   */
  void onStun(DatagramPacket packet);
}
