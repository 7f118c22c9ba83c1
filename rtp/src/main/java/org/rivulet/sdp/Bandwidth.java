package org.rivulet.sdp;

/**
 * A {@code b=<bwtype>:<bandwidth>} line (RFC 8866 section 5.8), such as {@code b=AS:500} (kbit/s,
 * RFC 8866) or {@code b=TIAS:500000} (bit/s, RFC 3890 section 6.2).
 *
 * @param type the bwtype token
 * @param value the bandwidth, 0 or more
 */
public record Bandwidth(String type, long value) {

  /** Application-specific maximum, kilobits per second (RFC 8866 section 5.8). */
  public static final String AS = "AS";
  /** Transport-independent application-specific maximum, bits per second (RFC 3890 section 6.2). */
  public static final String TIAS = "TIAS";
  /** Conference total, kilobits per second (RFC 8866 section 5.8). */
  public static final String CT = "CT";

  /** Checks the fields. */
  public Bandwidth {
    Syntax.requireToken(type, "bwtype");
    Syntax.requireRange(value, 0, Long.MAX_VALUE, "bandwidth");
  }

  static Bandwidth parse(String value) throws SdpParseException {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new SdpParseException(SdpParseException.Reason.BAD_BANDWIDTH, "expected '<bwtype>:<bandwidth>'");
    }
    String type = value.substring(0, colon);
    long bw = Syntax.longValue(
        Syntax.trim(value.substring(colon + 1)), 0, Long.MAX_VALUE, SdpParseException.Reason.BAD_BANDWIDTH, "bandwidth");
    return Syntax.build(SdpParseException.Reason.BAD_BANDWIDTH, () -> new Bandwidth(type, bw));
  }

  /** The SDP text, {@code <bwtype>:<bandwidth>}. */
  public String format() {
    return type + ":" + value;
  }
}
