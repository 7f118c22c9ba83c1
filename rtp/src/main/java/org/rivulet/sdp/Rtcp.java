package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]}: where RTCP goes when it is not on
 * the RTP port plus one (RFC 3605 section 2.1).
 *
 * @param port 0..65535
 * @param connection the address, or null when only the port is given
 */
public record Rtcp(int port, Connection connection) implements SdpAttribute {

  /** Checks the port. */
  public Rtcp {
    Syntax.requireRange(port, 0, 65535, "rtcp port");
  }

  static Rtcp parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 1 && w.size() != 4) {
      throw new SdpParseException(SdpParseException.Reason.BAD_RTCP, "expected '<port> [<nettype> <addrtype> <address>]'");
    }
    int port = Syntax.intValue(w.get(0), 0, 65535, SdpParseException.Reason.BAD_RTCP, "rtcp port");
    if (w.size() == 1) {
      return new Rtcp(port, null);
    }
    Connection c = Syntax.build(SdpParseException.Reason.BAD_RTCP, () -> new Connection(w.get(1), w.get(2), w.get(3)));
    return new Rtcp(port, c);
  }

  @Override
  public String attributeName() {
    return "rtcp";
  }

  @Override
  public String attributeValue() {
    return connection == null ? Integer.toString(port) : port + " " + connection.format();
  }
}
