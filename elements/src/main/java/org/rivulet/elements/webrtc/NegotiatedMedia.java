package org.rivulet.elements.webrtc;

import java.util.List;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;

/**
 * One accepted m-line after offer/answer: its mid and kind, the codecs both sides use (payload
 * types as they travel), the direction from this endpoint's point of view, the SSRC this endpoint
 * sends with, and the SSRCs the peer announced (may be empty: browsers need not announce them).
 */
public record NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
    long localSsrc, List<Long> remoteSsrcs) {

  public boolean sends() {
    return direction.sends();
  }

  public boolean receives() {
    return direction.receives();
  }
}
