package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=mid}: the identification tag of a media section (RFC 5888 section 4; BUNDLE uses it, RFC 8843).
 *
 * @param id a token, unique among the media sections of one description
 */
public record Mid(String id) implements SdpAttribute {

  /** Checks that the id is a token. */
  public Mid {
    Syntax.requireToken(id, "mid");
  }

  static Mid parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1) {
      throw new SdpParseException(SdpParseException.Reason.BAD_MID, "expected one token: " + Syntax.quote(value));
    }
    return Syntax.build(SdpParseException.Reason.BAD_MID, () -> new Mid(w.get(0)));
  }

  @Override
  public String attributeName() {
    return "mid";
  }

  @Override
  public String attributeValue() {
    return id;
  }
}
