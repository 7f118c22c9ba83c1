package org.rivulet.ice.stun;

/**
 * Attribute type numbers, from the registries of RFC 8489 section 18.3 and RFC 8445 section 16.1.
 *
 * <p>Types 0x0000 to 0x7FFF are comprehension-required: a request carrying one the receiver does not
 * understand is answered with 420 (RFC 8489 section 14). Types 0x8000 to 0xFFFF are comprehension-optional
 * and may be ignored.
 */
public final class StunAttributeType {

  /** MAPPED-ADDRESS, RFC 8489 section 14.1. */
  public static final int MAPPED_ADDRESS = 0x0001;
  /** USERNAME, RFC 8489 section 14.3. */
  public static final int USERNAME = 0x0006;
  /** MESSAGE-INTEGRITY, RFC 8489 section 14.5. */
  public static final int MESSAGE_INTEGRITY = 0x0008;
  /** ERROR-CODE, RFC 8489 section 14.8. */
  public static final int ERROR_CODE = 0x0009;
  /** UNKNOWN-ATTRIBUTES, RFC 8489 section 14.13. */
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  /** REALM, RFC 8489 section 14.9. */
  public static final int REALM = 0x0014;
  /** NONCE, RFC 8489 section 14.10. */
  public static final int NONCE = 0x0015;
  /** XOR-MAPPED-ADDRESS, RFC 8489 section 14.2. */
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  /** PRIORITY, RFC 8445 section 7.1.1. */
  public static final int PRIORITY = 0x0024;
  /** USE-CANDIDATE, RFC 8445 section 7.1.2. */
  public static final int USE_CANDIDATE = 0x0025;
  /** SOFTWARE, RFC 8489 section 14.14. */
  public static final int SOFTWARE = 0x8022;
  /** FINGERPRINT, RFC 8489 section 14.7. */
  public static final int FINGERPRINT = 0x8028;
  /** ICE-CONTROLLED, RFC 8445 section 7.1.3. */
  public static final int ICE_CONTROLLED = 0x8029;
  /** ICE-CONTROLLING, RFC 8445 section 7.1.3. */
  public static final int ICE_CONTROLLING = 0x802A;

  private StunAttributeType() {}

  /** True for 0x0000 to 0x7FFF (RFC 8489 section 14). */
  public static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }

  /** True for the types this package interprets; every other type is kept as a {@link RawAttribute}. */
  public static boolean isKnown(int type) {
    switch (type) {
      case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE,
          XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED,
          ICE_CONTROLLING:
        return true;
      default:
        return false;
    }
  }

  /** The RFC's name for a type, or the number in hex when this package does not know it. */
  public static String name(int type) {
    return switch (type) {
      case MAPPED_ADDRESS -> "MAPPED-ADDRESS";
      case USERNAME -> "USERNAME";
      case MESSAGE_INTEGRITY -> "MESSAGE-INTEGRITY";
      case ERROR_CODE -> "ERROR-CODE";
      case UNKNOWN_ATTRIBUTES -> "UNKNOWN-ATTRIBUTES";
      case REALM -> "REALM";
      case NONCE -> "NONCE";
      case XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS";
      case PRIORITY -> "PRIORITY";
      case USE_CANDIDATE -> "USE-CANDIDATE";
      case SOFTWARE -> "SOFTWARE";
      case FINGERPRINT -> "FINGERPRINT";
      case ICE_CONTROLLED -> "ICE-CONTROLLED";
      case ICE_CONTROLLING -> "ICE-CONTROLLING";
      default -> String.format("0x%04x", type);
    };
  }
}
