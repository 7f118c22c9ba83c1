package org.rivulet.sdp;

import java.util.Objects;

/**
 * A session description, or one attribute value, was rejected. The only exception {@link SdpParser}
 * and the {@code parse} methods of this package throw on bad input.
 *
 * <p>{@link #reason()} says what was wrong and is stable, so callers and tests compare it by identity
 * (the pion {@code errors.go} style); {@link #detail()} is free text for logs and never echoes more
 * than a short, escaped excerpt of the input. {@link #line()} is the 1-based line of the document, or
 * 0 when the error concerns the whole document or a value parsed on its own (for example
 * {@link Candidate#parse(String)} with a trickled candidate).
 *
 * <p>The RPC layer answers with Kurento's SDP_PARSE_ERROR (40201) or
 * SDP_END_POINT_PROCESS_OFFER_ERROR (40205) and leaves the endpoint usable (RELIABILITY.md B9).
 */
public final class SdpParseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a session description or value was rejected. */
  public enum Reason {
    /** No lines at all (Kurento: "Empty offer not valid"). */
    EMPTY("empty session description"),
    /** More than {@link SdpParser#MAX_SIZE} bytes (UTF-8). */
    TOO_LARGE("session description too large"),
    /** The bytes are not valid UTF-8 (RFC 8866 section 5: the default charset is UTF-8). */
    INVALID_UTF8("invalid UTF-8"),
    /** A line longer than {@link SdpParser#MAX_LINE_LENGTH} characters. */
    LINE_TOO_LONG("line too long"),
    /** More than {@link SdpParser#MAX_LINES_PER_SECTION} lines in the session part or one media section. */
    TOO_MANY_LINES("too many lines in one section"),
    /** More than {@link SdpParser#MAX_MEDIA} media sections. */
    TOO_MANY_MEDIA("too many media sections"),
    /** A NUL byte, or a CR that does not end a line (RFC 8866 section 9: text excludes NUL, CR, LF). */
    CONTROL_CHARACTER("control character in line"),
    /** A line that is not {@code <type>=<value>} (RFC 8866 section 5). */
    MALFORMED_LINE("malformed line"),
    /** A type letter this parser does not know; RFC 8866 section 5 says such a description is ignored whole. */
    UNKNOWN_LINE_TYPE("unknown line type"),
    /** The first line is not {@code v=} (RFC 8866 section 5.1). */
    MISSING_VERSION("first line is not v="),
    /** {@code v=} with a value other than 0 (RFC 8866 section 5.1). */
    BAD_VERSION("unsupported protocol version"),
    /** A line in the wrong place: a session-only type inside a media section, r= before any t=. */
    MISPLACED_LINE("line type not allowed here"),
    /** A line type that may appear once per section appears again. */
    DUPLICATE_LINE("line type repeated"),
    /** No {@code o=} line (RFC 8866 section 5.2). */
    MISSING_ORIGIN("missing o= line"),
    /** No {@code s=} line (RFC 8866 section 5.3). */
    MISSING_SESSION_NAME("missing s= line"),
    /** No {@code t=} line (RFC 8866 section 5.9). */
    MISSING_TIMING("missing t= line"),
    /** {@code o=} is not six fields (RFC 8866 section 5.2). */
    BAD_ORIGIN("bad o= line"),
    /** {@code c=} is not three fields (RFC 8866 section 5.7). */
    BAD_CONNECTION("bad c= line"),
    /** {@code b=} is not {@code <bwtype>:<bandwidth>} (RFC 8866 section 5.8). */
    BAD_BANDWIDTH("bad b= line"),
    /** {@code t=} or {@code r=} is malformed (RFC 8866 sections 5.9, 5.10). */
    BAD_TIMING("bad t= or r= line"),
    /** {@code m=} lacks fields or has a bad media type (RFC 8866 section 5.14). */
    BAD_MEDIA_LINE("bad m= line"),
    /** {@code m=} port or number of ports out of range. */
    BAD_MEDIA_PORT("bad m= port"),
    /** {@code m=} transport protocol is not {@code token *("/" token)}. */
    BAD_MEDIA_PROTO("bad m= transport protocol"),
    /** {@code m=} format list empty, repeated, or not payload types 0..127 for an RTP profile. */
    BAD_MEDIA_FORMAT("bad m= format list"),
    /** {@code a=} with a name that is not a token (RFC 8866 section 5.13). */
    BAD_ATTRIBUTE("bad attribute name"),
    /** An attribute that needs a value has none. */
    MISSING_ATTRIBUTE_VALUE("attribute value missing"),
    /** A property attribute (no value, such as rtcp-mux) has one. */
    UNEXPECTED_ATTRIBUTE_VALUE("property attribute with a value"),
    /** An attribute allowed once per section (direction, setup, ice-ufrag, ice-pwd) appears again. */
    DUPLICATE_ATTRIBUTE("attribute repeated in one section"),
    /** Two media sections share a mid, or one section has two (RFC 5888 section 4). */
    DUPLICATE_MID("duplicate mid"),
    /** {@code a=group} names a mid no media section has (RFC 5888 section 5). */
    UNKNOWN_GROUP_MID("group names an unknown mid"),
    /** {@code a=rtpmap} syntax (RFC 8866 section 6.6). */
    BAD_RTPMAP("bad rtpmap"),
    /** {@code a=rtpmap} payload type outside 0..127 (RFC 3550 section 5.1: 7 bits). */
    BAD_RTPMAP_PAYLOAD_TYPE("rtpmap payload type out of range"),
    /** {@code a=rtpmap} clock rate missing, zero or not a bounded number. */
    BAD_RTPMAP_CLOCK_RATE("bad rtpmap clock rate"),
    /** Two {@code a=rtpmap} lines for one payload type in one section. */
    DUPLICATE_RTPMAP("duplicate rtpmap payload type"),
    /** {@code a=fmtp} syntax (RFC 8866 section 6.15). */
    BAD_FMTP("bad fmtp"),
    /** {@code a=rtcp-fb} syntax (RFC 4585 section 4.2). */
    BAD_RTCP_FB("bad rtcp-fb"),
    /** {@code a=extmap} syntax or id outside 1..255 (RFC 8285 section 5). */
    BAD_EXTMAP("bad extmap"),
    /** Two {@code a=extmap} lines with one id in one section (RFC 8285 section 5). */
    DUPLICATE_EXTMAP_ID("duplicate extmap id"),
    /** {@code a=ssrc} syntax (RFC 5576 section 4.1). */
    BAD_SSRC("bad ssrc"),
    /** {@code a=ssrc-group} syntax (RFC 5576 section 4.2). */
    BAD_SSRC_GROUP("bad ssrc-group"),
    /** {@code a=msid} syntax (RFC 8830 section 2). */
    BAD_MSID("bad msid"),
    /** {@code a=msid-semantic} syntax (draft-ietf-mmusic-msid, as browsers still send it). */
    BAD_MSID_SEMANTIC("bad msid-semantic"),
    /** {@code a=group} syntax (RFC 5888 section 5). */
    BAD_GROUP("bad group"),
    /** {@code a=mid} is not a token (RFC 5888 section 4). */
    BAD_MID("bad mid"),
    /** {@code a=ice-ufrag} is not 4..256 ice-chars (RFC 8839 section 5.4). */
    BAD_ICE_UFRAG("bad ice-ufrag"),
    /** {@code a=ice-pwd} is not 22..256 ice-chars (RFC 8839 section 5.4). */
    BAD_ICE_PWD("bad ice-pwd"),
    /** {@code a=ice-options} syntax (RFC 8839 section 5.6). */
    BAD_ICE_OPTIONS("bad ice-options"),
    /** {@code a=fingerprint} syntax (RFC 8122 section 5). */
    BAD_FINGERPRINT("bad fingerprint"),
    /** {@code a=setup} is not actpass, active, passive or holdconn (RFC 4145 section 4). */
    BAD_SETUP("bad setup"),
    /** {@code a=candidate} syntax (RFC 8839 section 5.1). */
    BAD_CANDIDATE("bad candidate"),
    /** {@code a=crypto} syntax (RFC 4568 section 9.1). */
    BAD_CRYPTO("bad crypto"),
    /** {@code a=rtcp} syntax (RFC 3605 section 2.1). */
    BAD_RTCP("bad rtcp"),
    /** {@code a=sctp-port} outside 0..65535 (RFC 8841 section 5). */
    BAD_SCTP_PORT("bad sctp-port"),
    /** {@code a=max-message-size} not a bounded number (RFC 8841 section 6). */
    BAD_MAX_MESSAGE_SIZE("bad max-message-size");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A short English description, used as the start of the exception message. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;
  private final int line;
  private final String detail;

  SdpParseException(Reason reason, String detail) {
    this(reason, 0, detail);
  }

  SdpParseException(Reason reason, int line, String detail) {
    super(message(reason, line, detail));
    this.reason = Objects.requireNonNull(reason, "reason");
    this.line = line;
    this.detail = detail;
  }

  /** What was wrong. */
  public Reason reason() {
    return reason;
  }

  /** The 1-based line number in the document, or 0 when no single line is at fault. */
  public int line() {
    return line;
  }

  /** Free text for logs, or null. */
  public String detail() {
    return detail;
  }

  /** The same error placed at a document line; value parsers do not know their line. */
  SdpParseException atLine(int lineNumber) {
    return lineNumber == line ? this : new SdpParseException(reason, lineNumber, detail);
  }

  private static String message(Reason reason, int line, String detail) {
    StringBuilder sb = new StringBuilder();
    if (line > 0) {
      sb.append("line ").append(line).append(": ");
    }
    sb.append(reason.description());
    if (detail != null) {
      sb.append(": ").append(detail);
    }
    return sb.append(" (").append(reason.name()).append(')').toString();
  }
}
