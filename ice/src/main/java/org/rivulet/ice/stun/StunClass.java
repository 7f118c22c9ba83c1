package org.rivulet.ice.stun;

/**
 * The class of a STUN message (RFC 8489 section 5): two bits, C1 and C0, that {@link StunMessageType}
 * interleaves with the method bits.
 */
public enum StunClass {
  /** C1 C0 = 0b00. */
  REQUEST(0b00),
  /** C1 C0 = 0b01: no response is expected (RFC 8489 section 6.3). */
  INDICATION(0b01),
  /** C1 C0 = 0b10. */
  SUCCESS_RESPONSE(0b10),
  /** C1 C0 = 0b11: carries an {@link ErrorCode} (RFC 8489 section 6.3.4). */
  ERROR_RESPONSE(0b11);

  private static final StunClass[] BY_BITS = values();

  private final int bits;

  StunClass(int bits) {
    this.bits = bits;
  }

  /** The two class bits, C1 C0, as an integer from 0 to 3. */
  int bits() {
    return bits;
  }

  /** The class whose bits are {@code bits}; every value from 0 to 3 names one. */
  static StunClass fromBits(int bits) {
    return BY_BITS[bits];
  }
}
