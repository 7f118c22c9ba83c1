package org.rivulet.rtp.ext;

import org.rivulet.rtp.RtpPacket;

/**
 * The client-to-mixer audio level extension of RFC 6464 ({@value #URI}): one byte with a voice
 * activity flag and the level of the audio in the packet, in -dBov from 0 (loudest) to 127 (silence).
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |V|   level     |     (RFC 6464 section 3)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Reads and rewrites in place through {@link HeaderExtensions}; takes no ownership of anything.
 */
public final class AudioLevel {

  /** The extmap URI negotiated in SDP. */
  public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

  /** Bytes of element data. */
  public static final int LENGTH = 1;

  /** The quietest level, in -dBov. */
  public static final int SILENCE = 127;

  private AudioLevel() {}

  /**
   * The raw byte of element {@code id}: decode it with {@link #voiceActivity(int)} and
   * {@link #level(int)}.
   *
   * @return 0..255, or -1 if the element is absent or not {@value #LENGTH} byte long
   */
  public static int read(RtpPacket packet, int id) {
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0 || HeaderExtensions.dataLength(location) != LENGTH) {
      return -1;
    }
    return packet.buffer().getUnsignedByte(HeaderExtensions.dataIndex(location));
  }

  /** The V bit of a value from {@link #read}. */
  public static boolean voiceActivity(int value) {
    return (value & 0x80) != 0;
  }

  /** The level, 0..127 -dBov, of a value from {@link #read}. */
  public static int level(int value) {
    return value & 0x7F;
  }

  /**
   * Rewrites element {@code id} in place.
   *
   * @return {@code true} if a {@value #LENGTH}-byte element with that ID was found and rewritten
   * @throws IllegalArgumentException unless {@code 0 <= level <= 127}
   */
  public static boolean write(RtpPacket packet, int id, boolean voiceActivity, int level) {
    if (level < 0 || level > SILENCE) {
      throw new IllegalArgumentException("audio level " + level);
    }
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0 || HeaderExtensions.dataLength(location) != LENGTH) {
      return false;
    }
    packet.buffer().setByte(HeaderExtensions.dataIndex(location), (voiceActivity ? 0x80 : 0) | level);
    return true;
  }
}
