package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=ice-ufrag}: the ICE username fragment (RFC 8839 section 5.4: 4 to 256 ice-chars).
 *
 * @param ufrag the fragment
 */
public record IceUfrag(String ufrag) implements SdpAttribute {

  /** Fewest characters allowed (RFC 8839 section 5.4; RFC 8445 asks for 24 random bits). */
  public static final int MIN_LENGTH = 4;
  /** Most characters allowed (RFC 8839 section 5.4). */
  public static final int MAX_LENGTH = 256;

  /** Checks length and alphabet. */
  public IceUfrag {
    IceCredentials.require(ufrag, MIN_LENGTH, MAX_LENGTH, "ice-ufrag");
  }

  static IceUfrag parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1) {
      throw new SdpParseException(SdpParseException.Reason.BAD_ICE_UFRAG, "expected one field: " + Syntax.quote(value));
    }
    return Syntax.build(SdpParseException.Reason.BAD_ICE_UFRAG, () -> new IceUfrag(w.get(0)));
  }

  @Override
  public String attributeName() {
    return "ice-ufrag";
  }

  @Override
  public String attributeValue() {
    return ufrag;
  }
}
