package org.rivulet.ice.stun;

/**
 * STUN method numbers (RFC 8489 section 18.2). The method is a 12-bit field, so a message can carry a
 * method this class has no constant for; {@link StunMessage#method()} returns it as an {@code int} and the
 * ICE agent answers an unknown method with 400.
 */
public final class StunMethod {

  /** Binding (RFC 8489 section 18.2): the only method ICE uses (RFC 8445 section 7). */
  public static final int BINDING = 0x001;

  /** The largest method number: the field is 12 bits wide (RFC 8489 section 5). */
  public static final int MAX = 0xFFF;

  private StunMethod() {}

  /** A readable name for logs: "Binding", or the number in hex. */
  public static String name(int method) {
    return method == BINDING ? "Binding" : String.format("0x%03x", method);
  }
}
