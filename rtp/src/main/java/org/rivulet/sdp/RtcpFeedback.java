package org.rivulet.sdp;

/**
 * One RTCP feedback capability (RFC 4585 section 4.2): a type such as {@code nack}, {@code ccm},
 * {@code goog-remb} or {@code transport-cc}, and an optional parameter such as {@code pli} or {@code fir}.
 *
 * @param type the rtcp-fb-id
 * @param parameter the rest (one or more words separated by single spaces), or null
 */
public record RtcpFeedback(String type, String parameter) {

  /** Generic NACK (RFC 4585 section 4.2). */
  public static final RtcpFeedback NACK = new RtcpFeedback("nack", null);
  /** Picture loss indication (RFC 4585 section 4.2). */
  public static final RtcpFeedback NACK_PLI = new RtcpFeedback("nack", "pli");
  /** Full intra request (RFC 5104 section 7.1). */
  public static final RtcpFeedback CCM_FIR = new RtcpFeedback("ccm", "fir");
  /** Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb). */
  public static final RtcpFeedback GOOG_REMB = new RtcpFeedback("goog-remb", null);
  /** Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions). */
  public static final RtcpFeedback TRANSPORT_CC = new RtcpFeedback("transport-cc", null);

  /** Checks the fields. */
  public RtcpFeedback {
    Syntax.requireWord(type, "rtcp-fb type");
    if (parameter != null) {
      Syntax.requireSpacedWords(parameter, "rtcp-fb parameter");
    }
  }

  /** The SDP text, {@code type[ parameter]}. */
  public String format() {
    return parameter == null ? type : type + " " + parameter;
  }
}
