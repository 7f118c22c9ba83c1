package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=group}: a grouping of media sections by mid (RFC 5888 section 5), such as
 * {@code a=group:BUNDLE 0 1} (RFC 8843).
 *
 * @param semantics the semantics token, for example {@link #BUNDLE} or {@code LS}
 * @param mids the identification tags, in order; may be empty (an offer whose sections were all rejected)
 */
public record Group(String semantics, List<String> mids) implements SdpAttribute {

  /** BUNDLE semantics (RFC 8843). */
  public static final String BUNDLE = "BUNDLE";

  /** Checks and copies the fields. */
  public Group {
    Syntax.requireToken(semantics, "group semantics");
    mids = List.copyOf(mids);
    for (String mid : mids) {
      Syntax.requireToken(mid, "group mid");
    }
  }

  static Group parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.isEmpty()) {
      throw new SdpParseException(SdpParseException.Reason.BAD_GROUP, "no semantics");
    }
    return Syntax.build(SdpParseException.Reason.BAD_GROUP, () -> new Group(w.get(0), w.subList(1, w.size())));
  }

  /** Whether this is a BUNDLE group (semantics compared case-insensitively, RFC 5888 section 5). */
  public boolean isBundle() {
    return BUNDLE.equalsIgnoreCase(semantics);
  }

  @Override
  public String attributeName() {
    return "group";
  }

  @Override
  public String attributeValue() {
    return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
  }
}
