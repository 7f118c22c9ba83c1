package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=ice-pwd}: the ICE password (RFC 8839 section 5.4: 22 to 256 ice-chars, which carries the
 * 128 bits of randomness RFC 8445 asks for).
 *
 * @param password the password
 */
public record IcePwd(String password) implements SdpAttribute {

  /** Fewest characters allowed (RFC 8839 section 5.4). */
  public static final int MIN_LENGTH = 22;
  /** Most characters allowed (RFC 8839 section 5.4). */
  public static final int MAX_LENGTH = 256;

  /** Checks length and alphabet. */
  public IcePwd {
    IceCredentials.require(password, MIN_LENGTH, MAX_LENGTH, "ice-pwd");
  }

  static IcePwd parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1) {
      throw new SdpParseException(SdpParseException.Reason.BAD_ICE_PWD, "expected one field");
    }
    return Syntax.build(SdpParseException.Reason.BAD_ICE_PWD, () -> new IcePwd(w.get(0)));
  }

  /** Does not print the password, which is a credential. */
  @Override
  public String toString() {
    return "IcePwd[password=(" + password.length() + " chars)]";
  }

  @Override
  public String attributeName() {
    return "ice-pwd";
  }

  @Override
  public String attributeValue() {
    return password;
  }
}
