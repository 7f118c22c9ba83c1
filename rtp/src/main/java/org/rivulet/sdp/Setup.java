package org.rivulet.sdp;

import java.util.Locale;

/** {@code a=setup}: which side opens the DTLS (or TCP) connection (RFC 4145 section 4, RFC 8842 section 5). */
public enum Setup implements SdpAttribute {
  /** The offerer's usual choice: either role. */
  ACTPASS("actpass"),
  /** This side initiates (DTLS client). */
  ACTIVE("active"),
  /** This side accepts (DTLS server). */
  PASSIVE("passive"),
  /** No connection for now. */
  HOLDCONN("holdconn");

  private final String value;

  Setup(String value) {
    this.value = value;
  }

  static Setup parse(String value) throws SdpParseException {
    String v = Syntax.trim(value).toLowerCase(Locale.ROOT);
    for (Setup s : values()) {
      if (s.value.equals(v)) {
        return s;
      }
    }
    throw new SdpParseException(SdpParseException.Reason.BAD_SETUP, Syntax.quote(value));
  }

  /**
   * The role an answerer takes for this offered role (RFC 4145 section 4.1, RFC 8842 section 5: an
   * answer to actpass is active or passive, to active passive, to passive active, to holdconn holdconn).
   *
   * @param preferActive the answerer's choice when offered actpass (RFC 8842 section 5 recommends active)
   */
  public Setup answer(boolean preferActive) {
    return switch (this) {
      case ACTPASS -> preferActive ? ACTIVE : PASSIVE;
      case ACTIVE -> PASSIVE;
      case PASSIVE -> ACTIVE;
      case HOLDCONN -> HOLDCONN;
    };
  }

  @Override
  public String attributeName() {
    return "setup";
  }

  @Override
  public String attributeValue() {
    return value;
  }
}
