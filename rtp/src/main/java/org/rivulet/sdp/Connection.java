package org.rivulet.sdp;

import java.util.List;

/**
 * Connection data, {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 section 5.7), also
 * the address part of {@code a=rtcp} (RFC 3605).
 *
 * @param netType {@code IN}
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the address as written, including any multicast {@code /ttl/count} suffix
 */
public record Connection(String netType, String addressType, String address) {

  /** {@code IN IP4 0.0.0.0}: the placeholder a WebRTC offer carries, ICE deciding the real address (RFC 8829 section 5.2.1). */
  public static final Connection IN_IP4_ANY = new Connection("IN", "IP4", "0.0.0.0");

  /** Checks that each field is one word. */
  public Connection {
    Syntax.requireWord(netType, "nettype");
    Syntax.requireWord(addressType, "addrtype");
    Syntax.requireWord(address, "connection address");
  }

  /** {@code IN IP4 address} or {@code IN IP6 address}, chosen by whether the address contains a colon. */
  public static Connection of(String address) {
    return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
  }

  static Connection parse(String value, SdpParseException.Reason reason) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 3) {
      throw new SdpParseException(reason, "expected '<nettype> <addrtype> <address>': " + Syntax.quote(value));
    }
    return Syntax.build(reason, () -> new Connection(w.get(0), w.get(1), w.get(2)));
  }

  /** The address without a multicast {@code /ttl} or {@code /count} suffix (RFC 8866 section 5.7). */
  public String host() {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  /** The SDP text of the fields, separated by spaces. */
  public String format() {
    return netType + " " + addressType + " " + address;
  }
}
