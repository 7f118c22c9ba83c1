package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]} (RFC 4585 section 4.2), for example
 * {@code a=rtcp-fb:96 nack pli} or {@code a=rtcp-fb:* ccm fir}.
 *
 * @param payloadType 0..127, or {@link #WILDCARD} for {@code *} (every payload type of the section)
 * @param feedback the feedback type and parameter
 */
public record RtcpFb(int payloadType, RtcpFeedback feedback) implements SdpAttribute {

  /** The payload type written as {@code *}. */
  public static final int WILDCARD = -1;

  /** Checks the fields. */
  public RtcpFb {
    if (payloadType != WILDCARD) {
      Syntax.requireRange(payloadType, 0, 127, "payload type");
    }
    if (feedback == null) {
      throw new IllegalArgumentException("rtcp-fb needs a feedback type");
    }
  }

  static RtcpFb parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() < 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_RTCP_FB, "expected '<payload type> <type> [<parameter>]'");
    }
    int pt = "*".equals(w.get(0))
        ? WILDCARD
        : Syntax.intValue(w.get(0), 0, 127, SdpParseException.Reason.BAD_RTCP_FB, "payload type");
    String parameter = w.size() > 2 ? String.join(" ", w.subList(2, w.size())) : null;
    return Syntax.build(SdpParseException.Reason.BAD_RTCP_FB, () -> new RtcpFb(pt, new RtcpFeedback(w.get(1), parameter)));
  }

  /** Whether this line applies to payload type {@code pt}: it names it, or it is the wildcard. */
  public boolean appliesTo(int pt) {
    return payloadType == WILDCARD || payloadType == pt;
  }

  /** The feedback type, such as {@code nack}. */
  public String type() {
    return feedback.type();
  }

  /** The feedback parameter (subtype), such as {@code pli}, or null. */
  public String subtype() {
    return feedback.parameter();
  }

  @Override
  public String attributeName() {
    return "rtcp-fb";
  }

  @Override
  public String attributeValue() {
    return (payloadType == WILDCARD ? "*" : Integer.toString(payloadType)) + " " + feedback.format();
  }
}
