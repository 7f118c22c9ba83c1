package org.rivulet.sdp;

import java.util.List;

/**
 * The {@code o=} line: {@code <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 section 5.2). Ids are kept as text: browsers write 64-bit values and some peers write
 * longer ones, and nothing here does arithmetic on them.
 *
 * @param username {@code -} when there is none
 * @param sessionId the session id
 * @param sessionVersion the version, increased by the writer on each change (RFC 3264 section 8)
 * @param netType {@code IN}
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the originator's address
 */
public record Origin(
    String username, String sessionId, String sessionVersion, String netType, String addressType, String address) {

  /** Checks that each field is one word. */
  public Origin {
    Syntax.requireWord(username, "origin username");
    Syntax.requireWord(sessionId, "origin session id");
    Syntax.requireWord(sessionVersion, "origin session version");
    Syntax.requireWord(netType, "origin nettype");
    Syntax.requireWord(addressType, "origin addrtype");
    Syntax.requireWord(address, "origin address");
  }

  /** An origin with username {@code -} and nettype {@code IN}, as media servers write it. */
  public static Origin of(long sessionId, long sessionVersion, String address) {
    return new Origin(
        "-",
        Long.toUnsignedString(sessionId),
        Long.toUnsignedString(sessionVersion),
        "IN",
        address.indexOf(':') >= 0 ? "IP6" : "IP4",
        address);
  }

  static Origin parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 6) {
      throw new SdpParseException(SdpParseException.Reason.BAD_ORIGIN, "expected 6 fields, found " + w.size());
    }
    return Syntax.build(
        SdpParseException.Reason.BAD_ORIGIN, () -> new Origin(w.get(0), w.get(1), w.get(2), w.get(3), w.get(4), w.get(5)));
  }

  /** The same origin with another session version (RFC 3264 section 8: increase it on each new offer). */
  public Origin withSessionVersion(String version) {
    return new Origin(username, sessionId, version, netType, addressType, address);
  }

  /** The SDP text of the fields, separated by spaces. */
  public String format() {
    return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addressType + " " + address;
  }
}
