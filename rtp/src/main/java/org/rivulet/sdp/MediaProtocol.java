package org.rivulet.sdp;

import java.util.List;

/**
 * The transport protocol of an {@code m=} line (RFC 8866 section 5.14: {@code token *("/" token)}),
 * such as {@code UDP/TLS/RTP/SAVPF} for WebRTC media (RFC 5764 section 8) or {@code RTP/AVP} for plain
 * RTP (RFC 3551). The parser accepts any well-formed protocol; deciding which ones an endpoint supports
 * is the endpoint's job (an unsupported one answers 40205, RELIABILITY.md B9).
 *
 * @param name the protocol as written
 */
public record MediaProtocol(String name) {

  /** Plain RTP (RFC 3551). */
  public static final MediaProtocol RTP_AVP = new MediaProtocol("RTP/AVP");
  /** RTP with RTCP feedback (RFC 4585). */
  public static final MediaProtocol RTP_AVPF = new MediaProtocol("RTP/AVPF");
  /** SRTP (RFC 3711), keys by SDES (RFC 4568). */
  public static final MediaProtocol RTP_SAVP = new MediaProtocol("RTP/SAVP");
  /** SRTP with feedback (RFC 5124). */
  public static final MediaProtocol RTP_SAVPF = new MediaProtocol("RTP/SAVPF");
  /** DTLS-SRTP with feedback, what WebRTC uses (RFC 5764 section 8, RFC 8829 section 5.1.2). */
  public static final MediaProtocol UDP_TLS_RTP_SAVPF = new MediaProtocol("UDP/TLS/RTP/SAVPF");
  /** DTLS-SRTP without feedback (RFC 5764 section 8). */
  public static final MediaProtocol UDP_TLS_RTP_SAVP = new MediaProtocol("UDP/TLS/RTP/SAVP");
  /** WebRTC data channels (RFC 8841 section 4.1). */
  public static final MediaProtocol UDP_DTLS_SCTP = new MediaProtocol("UDP/DTLS/SCTP");

  /** Checks the syntax. */
  public MediaProtocol {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("empty transport protocol");
    }
    for (String element : name.split("/", -1)) {
      Syntax.requireToken(element, "transport protocol element");
    }
  }

  /** The {@code /}-separated elements, such as {@code [UDP, TLS, RTP, SAVPF]}. */
  public List<String> elements() {
    return List.of(name.split("/"));
  }

  private boolean hasElement(String element) {
    for (String e : name.split("/")) {
      if (e.equalsIgnoreCase(element)) {
        return true;
      }
    }
    return false;
  }

  /** Whether media is carried in RTP, so formats are payload types 0..127 (RFC 8866 section 5.14). */
  public boolean isRtp() {
    return hasElement("RTP");
  }

  /** Whether RTP is protected by SRTP (SAVP or SAVPF). */
  public boolean isSecure() {
    return hasElement("SAVP") || hasElement("SAVPF");
  }

  /** Whether RTCP feedback is in use (AVPF or SAVPF, RFC 4585 section 4.1). */
  public boolean hasFeedback() {
    return hasElement("AVPF") || hasElement("SAVPF");
  }

  /** Whether keys come from DTLS (the {@code TLS} or {@code DTLS} element, RFC 5764 section 8). */
  public boolean isDtls() {
    return hasElement("TLS") || hasElement("DTLS");
  }

  /** Whether this is an SCTP (data channel) section (RFC 8841 section 4.1). */
  public boolean isSctp() {
    return hasElement("SCTP");
  }

  @Override
  public String toString() {
    return name;
  }
}
