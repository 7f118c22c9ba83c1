package org.rivulet.rtp.ext;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.rivulet.rtp.RtpPacket;

/**
 * The RTP header extension carrying the SDES MID item ({@value #URI}; RFC 7941 section 4 for SDES
 * items in header extensions, RFC 9143 section 15.2 for MID): the BUNDLE media identifier, a UTF-8
 * string with no terminator, so the element's length is the string's length in bytes.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len-1 |  MID (len bytes of UTF-8) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Reads and rewrites in place through {@link HeaderExtensions}; takes no ownership of anything.
 */
public final class SdesMid {

  /** The extmap URI negotiated in SDP. */
  public static final String URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

  private SdesMid() {}

  /**
   * The MID in element {@code id} (allocates a string; {@link #matches} does not).
   *
   * @return the MID, or {@code null} if the element is absent or empty
   */
  public static String read(RtpPacket packet, int id) {
    long location = HeaderExtensions.locate(packet, id);
    int length = location < 0 ? 0 : HeaderExtensions.dataLength(location);
    if (length == 0) {
      return null;
    }
    return packet.buffer().toString(HeaderExtensions.dataIndex(location), length, StandardCharsets.UTF_8);
  }

  /**
   * Whether element {@code id} holds exactly these bytes, compared in place (for demultiplexing on
   * the packet path without allocating).
   */
  public static boolean matches(RtpPacket packet, int id, byte[] mid) {
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0 || HeaderExtensions.dataLength(location) != mid.length) {
      return false;
    }
    ByteBuf buf = packet.buffer();
    int index = HeaderExtensions.dataIndex(location);
    for (int i = 0; i < mid.length; i++) {
      if (buf.getByte(index + i) != mid[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rewrites element {@code id} in place with {@code mid}, when its UTF-8 form has the element's
   * length.
   *
   * @return {@code true} if the element was found and rewritten
   */
  public static boolean write(RtpPacket packet, int id, String mid) {
    return HeaderExtensions.rewrite(packet, id, mid.getBytes(StandardCharsets.UTF_8));
  }
}
