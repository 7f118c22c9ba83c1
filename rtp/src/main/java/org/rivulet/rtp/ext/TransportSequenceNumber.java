package org.rivulet.rtp.ext;

import org.rivulet.rtp.RtpPacket;

/**
 * The transport-wide sequence number extension of draft-holmer-rmcat-transport-wide-cc-extensions-01
 * section 2 ({@value #URI}): one 16-bit counter shared by every packet of a transport, echoed back in
 * transport-cc feedback ({@code org.rivulet.rtcp.RtcpTransportCc}).
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=1   |transport-wide sequence number |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * libwebrtc's "transport-wide-cc-02" variant ({@value #URI_02}) may append two bytes of feedback
 * request after the number; elements of 2 or 4 bytes are accepted and only the number is touched.
 *
 * <p>Reads and rewrites in place through {@link HeaderExtensions}; takes no ownership of anything.
 */
public final class TransportSequenceNumber {

  /** The extmap URI of the draft's version. */
  public static final String URI =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

  /** The extmap URI of libwebrtc's variant with an optional feedback request. */
  public static final String URI_02 =
      "http://www.webrtc.org/experiments/rtp-hdrext/transport-wide-cc-02";

  private TransportSequenceNumber() {}

  /**
   * The sequence number in element {@code id}.
   *
   * @return 0..65535, or -1 if the element is absent or neither 2 nor 4 bytes long
   */
  public static int read(RtpPacket packet, int id) {
    long location = locate(packet, id);
    return location < 0 ? -1 : packet.buffer().getUnsignedShort(HeaderExtensions.dataIndex(location));
  }

  /**
   * Rewrites the sequence number of element {@code id} in place (a feedback request, if any, is left
   * as it is).
   *
   * @return {@code true} if a 2- or 4-byte element with that ID was found and rewritten
   * @throws IllegalArgumentException unless {@code 0 <= sequenceNumber <= 65535}
   */
  public static boolean write(RtpPacket packet, int id, int sequenceNumber) {
    if ((sequenceNumber & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("transport sequence number " + sequenceNumber);
    }
    long location = locate(packet, id);
    if (location < 0) {
      return false;
    }
    packet.buffer().setShort(HeaderExtensions.dataIndex(location), sequenceNumber);
    return true;
  }

  private static long locate(RtpPacket packet, int id) {
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0) {
      return -1;
    }
    int length = HeaderExtensions.dataLength(location);
    return length == 2 || length == 4 ? location : -1;
  }
}
