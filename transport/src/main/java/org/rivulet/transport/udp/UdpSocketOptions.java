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
 * @param udpGro Linux UDP GRO ({@code UDP_GRO}, epoll only): the kernel hands a run of datagrams
 *     from one sender (a GSO send) to the socket whole, and Netty splits it back into datagrams, so a
 *     run costs one trip through the receiving stack and one read. Reads then take 64 KiB buffers,
 *     which each datagram of the run keeps alive until released: for receivers that release at once
 *     (synthetic peers), not for a server that keeps packets for retransmission
 */
public record UdpSocketOptions(int receiveBufferSize, int sendBufferSize, int ipTos,
    int receivePacketSize, boolean udpGro) {

  /** The read buffer with {@link #udpGro}: the largest UDP datagram the kernel may coalesce. */
  public static final int GRO_READ_SIZE = 65536;

  /** One mebibyte. */
  public static final int MIB = 1 << 20;

  /**
   * A 4 MiB receive buffer (what {@code rmem_max} allows on these machines; a limit, not memory
   * taken until datagrams wait), so that a loop stalled by a collection or a JIT compilation
   * loses nothing of a burst for tens of ms (a flood of small datagrams: about 40 ms at 50,000 a
   * second, against 10 ms with 1 MiB). A 1 MiB send buffer, default TOS, 2048-byte reads (Netty's
   * own default for datagrams).
   */
  public static final UdpSocketOptions DEFAULT = new UdpSocketOptions(4 * MIB, MIB, 0, 2048);

  /** Without UDP GRO. */
  public UdpSocketOptions(int receiveBufferSize, int sendBufferSize, int ipTos,
      int receivePacketSize) {
    this(receiveBufferSize, sendBufferSize, ipTos, receivePacketSize, false);
  }

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
    return new UdpSocketOptions(receiveBufferSize, sendBufferSize, tos, receivePacketSize, udpGro);
  }

  /** These options with UDP GRO on or off. */
  public UdpSocketOptions withUdpGro(boolean on) {
    return new UdpSocketOptions(receiveBufferSize, sendBufferSize, ipTos, receivePacketSize, on);
  }

  /** The buffer each read takes. */
  public int readBufferSize() {
    return udpGro ? GRO_READ_SIZE : receivePacketSize;
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
