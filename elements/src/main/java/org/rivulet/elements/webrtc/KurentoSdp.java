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

  /**
   * Kurento's preconditions of {@code processAnswer}: this endpoint made an offer, and no answer
   * to it was processed yet.
   */
  public static void requireAnswerable(boolean offerGenerated, boolean answerProcessed) {
    if (!offerGenerated) {
      throw new KurentoException(KurentoError.SDP_END_POINT_NOT_OFFER_GENERATED,
          "Offer not generated. It is not possible to process an answer.");
    }
    if (answerProcessed) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ANSWER_ALREADY_PROCCESED,
          "Answer already processed");
    }
  }
}
