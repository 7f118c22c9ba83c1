package org.rivulet.sdp;

/**
 * An attribute this package does not interpret, kept exactly as received so that a parse and write
 * round trip preserves it (RFC 8866 section 5.13: unknown attributes are ignored, not dropped, by us).
 *
 * @param name a token (RFC 8866 section 9), never the name of an attribute this package types
 * @param value the text after the colon (may be empty), or null for {@code a=<name>} with no colon
 */
public record GenericAttribute(String name, String value) implements SdpAttribute {

  /** Checks the name and value so the attribute can be written and parsed back unchanged. */
  public GenericAttribute {
    Syntax.requireToken(name, "attribute name");
    if (AttributeParser.isTyped(name)) {
      throw new IllegalArgumentException("attribute " + name + " has a typed class; use it");
    }
    if (value != null) {
      Syntax.requireText(value, "attribute value");
    }
  }

  /** A property attribute, {@code a=<name>}. */
  public static GenericAttribute property(String name) {
    return new GenericAttribute(name, null);
  }

  @Override
  public String attributeName() {
    return name;
  }

  @Override
  public String attributeValue() {
    return value;
  }
}
