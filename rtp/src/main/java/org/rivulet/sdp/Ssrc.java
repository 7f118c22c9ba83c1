package org.rivulet.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]}: a source attribute (RFC 5576 section 4.1), for
 * example {@code a=ssrc:1001 cname:4TOk42mSjXCkVIa6} or {@code a=ssrc:1001 msid:stream track}.
 *
 * @param ssrc 0..2^32-1
 * @param attribute the source attribute name, a token such as {@code cname} or {@code msid}
 * @param value the value after the colon, without surrounding spaces (may hold inner spaces), or null
 */
public record Ssrc(long ssrc, String attribute, String value) implements SdpAttribute {

  /** The canonical name attribute (RFC 5576 section 6.1). */
  public static final String CNAME = "cname";

  /** Checks the fields. */
  public Ssrc {
    Syntax.requireRange(ssrc, 0, 0xFFFF_FFFFL, "ssrc");
    Syntax.requireToken(attribute, "ssrc attribute");
    if (value != null) {
      Syntax.requireText(value, "ssrc attribute value");
      if (!Syntax.trim(value).equals(value)) {
        throw new IllegalArgumentException("ssrc attribute value starts or ends with a space");
      }
    }
  }

  static Ssrc parse(String value) throws SdpParseException {
    String v = Syntax.trim(value);
    int space = Syntax.indexOfSpace(v);
    if (space < 0) {
      throw new SdpParseException(SdpParseException.Reason.BAD_SSRC, "expected '<ssrc> <attribute>[:<value>]'");
    }
    long ssrc = Syntax.longValue(v.substring(0, space), 0, 0xFFFF_FFFFL, SdpParseException.Reason.BAD_SSRC, "ssrc");
    String rest = Syntax.trim(v.substring(space));
    int colon = rest.indexOf(':');
    String attribute = colon < 0 ? rest : rest.substring(0, colon);
    String attrValue = colon < 0 ? null : Syntax.trim(rest.substring(colon + 1));
    return Syntax.build(SdpParseException.Reason.BAD_SSRC, () -> new Ssrc(ssrc, attribute, attrValue));
  }

  @Override
  public String attributeName() {
    return "ssrc";
  }

  @Override
  public String attributeValue() {
    return value == null ? ssrc + " " + attribute : ssrc + " " + attribute + ":" + value;
  }
}
