package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=max-message-size}: the largest data channel message the writer can receive, in bytes; 0
 * means no limit (RFC 8841 section 6).
 *
 * @param size 0 or more
 */
public record MaxMessageSize(long size) implements SdpAttribute {

  /** Checks the sign. */
  public MaxMessageSize {
    Syntax.requireRange(size, 0, Long.MAX_VALUE, "max-message-size");
  }

  static MaxMessageSize parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1) {
      throw new SdpParseException(SdpParseException.Reason.BAD_MAX_MESSAGE_SIZE, Syntax.quote(value));
    }
    return new MaxMessageSize(
        Syntax.longValue(w.get(0), 0, Long.MAX_VALUE, SdpParseException.Reason.BAD_MAX_MESSAGE_SIZE, "max-message-size"));
  }

  @Override
  public String attributeName() {
    return "max-message-size";
  }

  @Override
  public String attributeValue() {
    return Long.toString(size);
  }
}
