package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=msid-semantic}: the session-level media stream declaration that browsers still send
 * ({@code a=msid-semantic: WMS *} or {@code a=msid-semantic: WMS <stream ids>}), from the drafts that
 * became RFC 8830; the RFC itself dropped it.
 *
 * @param semantic the semantic token, usually {@code WMS}
 * @param identifiers stream ids or {@code *}, in order; may be empty
 */
public record MsidSemantic(String semantic, List<String> identifiers) implements SdpAttribute {

  /** Checks and copies the fields. */
  public MsidSemantic {
    Syntax.requireWord(semantic, "msid-semantic");
    identifiers = Syntax.requireWords(identifiers, "msid-semantic identifier");
  }

  static MsidSemantic parse(String value) throws SdpParseException {
    // Chrome writes a space after the colon ("a=msid-semantic: WMS"); words() skips it.
    List<String> w = Syntax.words(value);
    if (w.isEmpty()) {
      throw new SdpParseException(SdpParseException.Reason.BAD_MSID_SEMANTIC, "no semantic");
    }
    return Syntax.build(
        SdpParseException.Reason.BAD_MSID_SEMANTIC, () -> new MsidSemantic(w.get(0), w.subList(1, w.size())));
  }

  @Override
  public String attributeName() {
    return "msid-semantic";
  }

  @Override
  public String attributeValue() {
    return identifiers.isEmpty() ? semantic : semantic + " " + String.join(" ", identifiers);
  }
}
