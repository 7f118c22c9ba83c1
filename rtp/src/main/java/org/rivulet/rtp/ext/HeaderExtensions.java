package org.rivulet.rtp.ext;

import io.netty.buffer.ByteBuf;
import org.rivulet.rtp.RtpPacket;

/**
 * Finds, reads and rewrites RFC 8285 header extension elements inside the extension block of an
 * {@link RtpPacket}, in place and without allocating (except {@link #find}, which returns a slice).
 *
 * <p>One-byte form (RFC 8285 section 4.2), profile {@code 0xBEDE}; each element carries 1..16 bytes
 * ({@code L} + 1). ID 0 is a single padding byte; ID 15 ends processing of the whole block.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      0xBE     |      0xDE     |      length (32-bit words)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   |  L    |  data (L+1 bytes) ...  |  0 (pad)  |  ID |  L  ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Two-byte form (RFC 8285 section 4.3), profile {@code 0x100} followed by 4 application bits;
 * each element carries 0..255 bytes. A zero byte where an ID is expected is a single padding byte.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      0x10     |  0x0 |appbits|      length (32-bit words)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |       L       |  data (L bytes) ...   |  0 (pad) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p><b>Bounds.</b> {@link RtpPacket#parse} has already checked that the block lies inside the
 * packet; the walk here checks every element's declared length against the end of the block (and so
 * the end of the packet). An element that would cross it is malformed: the walk stops there, elements
 * before it can still be found, and {@link #isWellFormed} reports the damage for callers whose policy
 * is to drop such packets (RELIABILITY.md B5 item 53; mediasoup and pion/rtp both once read past the
 * end here). A packet without X, or with a profile other than RFC 8285's, has no elements.
 *
 * <p><b>Ownership.</b> Nothing here retains or releases; slices from {@link #find} share the packet's
 * memory and are not retained. Rewrites need a writable buffer. Not thread-safe.
 */
public final class HeaderExtensions {

  /** "Defined by profile" value of the one-byte form. */
  public static final int ONE_BYTE_PROFILE = 0xBEDE;

  /** "Defined by profile" value of the two-byte form, with its four application bits zero. */
  public static final int TWO_BYTE_PROFILE = 0x1000;

  /** Largest element ID the one-byte form can carry (15 is reserved). */
  public static final int MAX_ONE_BYTE_ID = 14;

  /** Largest element ID the two-byte form can carry. */
  public static final int MAX_TWO_BYTE_ID = 255;

  private static final long NOT_FOUND = -1;
  private static final long MALFORMED = -2;
  private static final long CONTINUE = -3;

  private HeaderExtensions() {}

  /** Receives each element of a block in wire order. */
  @FunctionalInterface
  public interface ElementVisitor {
    /**
     * Called once per element.
     *
     * @param id the element's local identifier (1..14 one-byte, 1..255 two-byte)
     * @param dataIndex absolute index of the element's data in the packet's buffer
     * @param dataLength bytes of data (1..16 one-byte, 0..255 two-byte)
     * @return {@code true} to go on to the next element
     */
    boolean element(int id, int dataIndex, int dataLength);
  }

  /** Whether the packet carries a one-byte-form extension block. */
  public static boolean isOneByte(RtpPacket packet) {
    return packet.extensionProfile() == ONE_BYTE_PROFILE;
  }

  /** Whether the packet carries a two-byte-form extension block (any application bits). */
  public static boolean isTwoByte(RtpPacket packet) {
    int profile = packet.extensionProfile();
    return profile >= 0 && (profile & 0xFFF0) == TWO_BYTE_PROFILE;
  }

  /**
   * Visits every element in wire order, skipping padding, until the visitor returns {@code false},
   * the block ends, a one-byte ID 15 ends it, or an element is malformed.
   *
   * @return {@code false} if the walk stopped at a malformed element
   */
  public static boolean forEach(RtpPacket packet, ElementVisitor visitor) {
    return walk(packet, 0, visitor) != MALFORMED;
  }

  /** Whether every element's declared length fits inside the block (vacuously true without one). */
  public static boolean isWellFormed(RtpPacket packet) {
    return walk(packet, 0, null) != MALFORMED;
  }

  /**
   * The data of the first element with this ID, as a slice of the packet's buffer (not retained: do
   * not release it).
   *
   * @param id 1..255; IDs the packet's form cannot carry are simply not found
   * @return the slice, or {@code null} if there is no such element before the block ends or turns
   *     malformed
   * @throws IllegalArgumentException if {@code id} is outside 1..255
   */
  public static ByteBuf find(RtpPacket packet, int id) {
    long location = locate(packet, id);
    return location < 0 ? null : packet.buffer().slice(dataIndex(location), dataLength(location));
  }

  /**
   * Overwrites the data of the first element with this ID in place, when {@code value} has exactly
   * that element's length (growing or shrinking an element would move the payload).
   *
   * @return {@code true} if the element was found and rewritten
   * @throws IllegalArgumentException if {@code id} is outside 1..255
   */
  public static boolean rewrite(RtpPacket packet, int id, byte[] value) {
    long location = locate(packet, id);
    if (location < 0 || dataLength(location) != value.length) {
      return false;
    }
    packet.buffer().setBytes(dataIndex(location), value);
    return true;
  }

  /**
   * Where the first element with this ID is: {@code dataIndex << 16 | dataLength}, or -1. For the
   * typed helpers of this package, which read a few bytes without allocating a slice.
   */
  static long locate(RtpPacket packet, int id) {
    if (id < 1 || id > MAX_TWO_BYTE_ID) {
      throw new IllegalArgumentException("extension id " + id);
    }
    long result = walk(packet, id, null);
    return result >= 0 ? result : NOT_FOUND;
  }

  static int dataIndex(long location) {
    return (int) (location >>> 16);
  }

  static int dataLength(long location) {
    return (int) (location & 0xFFFF);
  }

  /**
   * One walk for every public method: returns the packed location of element {@code wanted} (0
   * matches nothing), {@link #NOT_FOUND} when the block ends cleanly or the visitor stops it, or
   * {@link #MALFORMED}.
   */
  private static long walk(RtpPacket packet, int wanted, ElementVisitor visitor) {
    int profile = packet.extensionProfile();
    if (profile < 0) {
      return NOT_FOUND;
    }
    ByteBuf buf = packet.buffer();
    int i = packet.extensionOffset();
    int end = i + packet.extensionLength();
    if (profile == ONE_BYTE_PROFILE) {
      while (i < end) {
        int first = buf.getUnsignedByte(i);
        int id = first >>> 4;
        if (id == 0) {
          // Padding byte (RFC 8285 section 4.2); its length nibble is ignored, as libwebrtc does.
          i++;
          continue;
        }
        if (id == 15) {
          // Reserved: stop, keeping only the elements before it (RFC 8285 section 4.2).
          return NOT_FOUND;
        }
        int data = i + 1;
        int length = (first & 0x0F) + 1;
        if (length > end - data) {
          return MALFORMED;
        }
        long result = visit(id, data, length, wanted, visitor);
        if (result != CONTINUE) {
          return result;
        }
        i = data + length;
      }
      return NOT_FOUND;
    }
    if ((profile & 0xFFF0) == TWO_BYTE_PROFILE) {
      while (i < end) {
        int id = buf.getUnsignedByte(i);
        if (id == 0) {
          // Padding byte (RFC 8285 section 4.3).
          i++;
          continue;
        }
        if (end - i < 2) {
          return MALFORMED;
        }
        int data = i + 2;
        int length = buf.getUnsignedByte(i + 1);
        if (length > end - data) {
          return MALFORMED;
        }
        long result = visit(id, data, length, wanted, visitor);
        if (result != CONTINUE) {
          return result;
        }
        i = data + length;
      }
      return NOT_FOUND;
    }
    // Some other profile's extension (RFC 3550 section 5.3.1): opaque, no RFC 8285 elements.
    return NOT_FOUND;
  }

  /** Returns the location, {@link #NOT_FOUND} to stop, or {@link #CONTINUE}. */
  private static long visit(int id, int data, int length, int wanted, ElementVisitor visitor) {
    if (id == wanted) {
      return ((long) data << 16) | length;
    }
    if (visitor != null && !visitor.element(id, data, length)) {
      return NOT_FOUND;
    }
    return CONTINUE;
  }
}
