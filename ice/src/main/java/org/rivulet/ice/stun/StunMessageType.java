package org.rivulet.ice.stun;

/**
 * The 14-bit message type field of the STUN header (RFC 8489 section 5): a 12-bit method M11..M0 with the
 * two class bits C1 and C0 spread between its bits.
 *
 * <pre>
 *  type bit:  13  12  11  10   9 |  8 |  7   6   5 |  4 |  3   2   1   0
 *             M11 M10 M9  M8  M7 | C1 | M6  M5  M4 | C0 | M3  M2  M1  M0
 * </pre>
 *
 * So Binding (method 0x001) is 0x0001 as a request, 0x0011 as an indication, 0x0101 as a success
 * response and 0x0111 as an error response.
 */
final class StunMessageType {

  private StunMessageType() {}

  /** The type field for {@code method} (0 to 0xFFF) and {@code messageClass}. */
  static int of(StunClass messageClass, int method) {
    int c = messageClass.bits();
    return (method & 0x000F)
        | ((method & 0x0070) << 1)
        | ((method & 0x0F80) << 2)
        | ((c & 0b01) << 4)
        | ((c & 0b10) << 7);
  }

  /** The method bits of a type field. */
  static int method(int type) {
    return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
  }

  /** The class bits of a type field. */
  static StunClass messageClass(int type) {
    return StunClass.fromBits(((type >> 4) & 0b01) | ((type >> 7) & 0b10));
  }
}
