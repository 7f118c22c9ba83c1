package org.rivulet.srtp;

import io.netty.buffer.ByteBuf;

/**
 * The length of an RTP header (RFC 3550 section 5.1, extension per section 5.3.1), computed with a bounds
 * check on every field it reads. SRTP needs the header length and nothing else of RTP: counter mode
 * encrypts what follows it and GCM authenticates it as associated data. The full RTP parser lives in
 * the rtp module; this is the minimum, kept here so that SRTP does not depend on it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |                             SSRC                              |
 * |                  CSRC list: CC x 32 bits                      |
 * |    defined by profile (X=1)   |   extension length in words   |
 * |                  extension: length x 32 bits                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Padding (P) is not looked at: in SRTP it lies inside the encrypted payload.
 */
final class RtpHeaderLength {

  /** V, P, X, CC, M, PT, sequence number, timestamp, SSRC. */
  static final int FIXED_HEADER = 12;
  /** The extension's profile-defined word and length word. */
  private static final int EXTENSION_HEADER = 4;

  private RtpHeaderLength() {}

  /**
   * The header length of the RTP packet in {@code buf} at {@code [offset, offset + length)}, or -1 when
   * the version is not 2 or the header does not fit in {@code length} bytes. Reads with absolute
   * getters; does not take ownership of {@code buf} and changes none of its indices.
   */
  static int of(ByteBuf buf, int offset, int length) {
    if (length < FIXED_HEADER) {
      return -1;
    }
    int b0 = buf.getUnsignedByte(offset);
    if ((b0 >>> 6) != 2) {
      return -1;
    }
    int headerLength = FIXED_HEADER + 4 * (b0 & 0x0F);
    if ((b0 & 0x10) != 0) {
      if (headerLength + EXTENSION_HEADER > length) {
        return -1;
      }
      int words = buf.getUnsignedShort(offset + headerLength + 2);
      headerLength += EXTENSION_HEADER + 4 * words;
    }
    return headerLength <= length ? headerLength : -1;
  }
}
