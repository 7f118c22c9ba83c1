package org.rivulet.elements.webrtc;

import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.SdpParseException;
import org.rivulet.sdp.SdpParser;
import org.rivulet.sdp.SessionDescription;

/** SDP text from a client, parsed with Kurento's error for what cannot be (SDP_PARSE_ERROR). */
public final class KurentoSdp {
  private KurentoSdp() {
  }

  /**
   * @param what "offer" or "answer", for the message
   */
  public static SessionDescription parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new KurentoException(KurentoError.SDP_PARSE_ERROR, "Empty " + what + " not valid");
    }
    try {
      return SdpParser.parse(text);
    } catch (SdpParseException e) {
      throw new KurentoException(KurentoError.SDP_PARSE_ERROR,
          "Error parsing SDP " + what + ": " + e.getMessage());
    }
  }
}
