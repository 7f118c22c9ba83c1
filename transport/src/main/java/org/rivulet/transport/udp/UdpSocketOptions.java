package org.rivulet.transport.udp;

/**
 * Socket options for media UDP channels.
 *
 * @param receiveBufferSize SO_RCVBUF requested, in bytes; Linux caps it at {@code net.core.rmem_max}
 *     (and reports twice the value it grants). A large buffer absorbs bursts (a keyframe is hundreds of
 *     packets) while the loop is busy.
 * @param sendBufferSize SO_SNDBUF requested, in bytes; capped at {@code net.core.wmem_max}
 * @param ipTos the IP_TOS byte (IPv6: traffic class) of outgoing packets; 0 leaves the default. Kurento's
 *     {@code qosDscp} maps to it through {@link #withDscp}
 * @param receivePacketSize the buffer Netty reads each datagram into. A longer datagram arrives truncated
 *     to this size, so keep it above the demultiplexer's maximum (1500 bytes by default): a truncated
 *     datagram is then still too long and dropped as oversize, never parsed as a shorter packet
 */
public record UdpSocketOptions(int receiveBufferSize, int sendBufferSize, int ipTos,
    int receivePacketSize) {

  /** One mebibyte. */
  public static final int MIB = 1 << 20;

  /** 1 MiB buffers each way, default TOS, 2048-byte reads (Netty's own default for datagrams). */
  public static final UdpSocketOptions DEFAULT = new UdpSocketOptions(MIB, MIB, 0, 2048);

  public UdpSocketOptions {
    if (receiveBufferSize <= 0 || sendBufferSize <= 0) {
      throw new IllegalArgumentException("buffer sizes must be positive");
    }
    if (ipTos < 0 || ipTos > 255) {
      throw new IllegalArgumentException("IP_TOS is one byte: " + ipTos);
    }
    if (receivePacketSize < 64 || receivePacketSize > 65536) {
      throw new IllegalArgumentException("receivePacketSize out of 64..65536: " + receivePacketSize);
    }
  }

  /** These options with another IP_TOS byte. */
  public UdpSocketOptions withIpTos(int tos) {
    return new UdpSocketOptions(receiveBufferSize, sendBufferSize, tos, receivePacketSize);
  }

  /**
   * These options with a DSCP (0..63) in the TOS byte: RFC 2474 section 3 puts the DSCP in the six high
   * bits of the former TOS octet, and leaves the two low bits to ECN (RFC 3168), here zero.
   */
  public UdpSocketOptions withDscp(int dscp) {
    if (dscp < 0 || dscp > 63) {
      throw new IllegalArgumentException("DSCP is six bits: " + dscp);
    }
    return withIpTos(dscp << 2);
  }
}
