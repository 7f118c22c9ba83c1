package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=sctp-port}: the SCTP port of a data channel section (RFC 8841 section 5).
 *
 * @param port 0..65535
 */
public record SctpPort(int port) implements SdpAttribute {

  /** Checks the range. */
  public SctpPort {
    Syntax.requireRange(port, 0, 65535, "sctp-port");
  }

  static SctpPort parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1) {
      throw new SdpParseException(SdpParseException.Reason.BAD_SCTP_PORT, Syntax.quote(value));
    }
    return new SctpPort(Syntax.intValue(w.get(0), 0, 65535, SdpParseException.Reason.BAD_SCTP_PORT, "sctp-port"));
  }

  @Override
  public String attributeName() {
    return "sctp-port";
  }

  @Override
  public String attributeValue() {
    return Integer.toString(port);
  }
}
