package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=ice-options}: ICE option tags such as {@code trickle} (RFC 8838) or {@code ice2} (RFC 8839 section 5.6).
 *
 * @param options one or more option tags
 */
public record IceOptions(List<String> options) implements SdpAttribute {

  /** Trickle ICE support (RFC 8838, RFC 8840). */
  public static final String TRICKLE = "trickle";

  /** Checks and copies the tags. */
  public IceOptions {
    options = Syntax.requireWords(options, "ice option");
    if (options.isEmpty()) {
      throw new IllegalArgumentException("ice-options needs at least one tag");
    }
  }

  static IceOptions parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    return Syntax.build(SdpParseException.Reason.BAD_ICE_OPTIONS, () -> new IceOptions(w));
  }

  /** Whether {@code option} is listed. */
  public boolean has(String option) {
    return options.contains(option);
  }

  @Override
  public String attributeName() {
    return "ice-options";
  }

  @Override
  public String attributeValue() {
    return String.join(" ", options);
  }
}
