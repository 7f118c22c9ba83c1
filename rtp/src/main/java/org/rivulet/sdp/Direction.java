package org.rivulet.sdp;

/**
 * The media direction attributes (RFC 8866 sections 6.7.1 to 6.7.4), always seen from the side that
 * wrote the description.
 */
public enum Direction implements SdpAttribute {
  /** Send and receive; the default when no direction attribute is present (RFC 8866 section 6.7). */
  SENDRECV("sendrecv"),
  /** Send only. */
  SENDONLY("sendonly"),
  /** Receive only. */
  RECVONLY("recvonly"),
  /** Neither send nor receive. */
  INACTIVE("inactive");

  private final String attributeName;

  Direction(String attributeName) {
    this.attributeName = attributeName;
  }

  /** The direction named {@code name} (exact, lower case), or null. */
  static Direction forName(String name) {
    for (Direction d : values()) {
      if (d.attributeName.equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** Whether the writer of the description sends media. */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** Whether the writer of the description receives media. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** The same direction as seen from the peer: sendonly becomes recvonly and back (RFC 3264 section 6.1). */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case SENDRECV, INACTIVE -> this;
    };
  }

  /**
   * The direction an answerer that can send {@code canSend} and receive {@code canReceive} answers
   * to this offered direction with (RFC 3264 section 6.1).
   */
  public Direction answer(boolean canSend, boolean canReceive) {
    boolean send = canSend && receives();
    boolean receive = canReceive && sends();
    if (send && receive) {
      return SENDRECV;
    }
    if (send) {
      return SENDONLY;
    }
    return receive ? RECVONLY : INACTIVE;
  }

  @Override
  public String attributeName() {
    return attributeName;
  }

  @Override
  public String attributeValue() {
    return null;
  }
}
