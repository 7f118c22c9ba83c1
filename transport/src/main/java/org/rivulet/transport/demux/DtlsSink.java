package org.rivulet.transport.demux;

import io.netty.channel.socket.DatagramPacket;

/**
 * Receives the DTLS records {@link FirstByteDemuxHandler} sorts out (first byte 20..63); the DTLS layer
 * implements it.
 */
@FunctionalInterface
public interface DtlsSink {

  /**
   * Takes ownership of {@code packet}: the sink releases it, or passes it on, exactly once, even if it
   * throws. Called on the channel's event loop. The packet has at least the 13 bytes of a DTLS record
   * header (RFC 6347 section 4.1); nothing else about it has been checked.
   */
  void onDtls(DatagramPacket packet);
}
