package org.rivulet.elements.webrtc;

import java.util.List;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;

/**
 * One accepted m-line after offer/answer: its mid and kind, the codecs both sides use (payload
 * types as they travel, RTX formats included), the direction from this endpoint's point of view,
 * the SSRC this endpoint sends with and the one it retransmits with (0 when RTX was not agreed),
 * and the SSRCs the peer announced (may be empty: browsers need not announce them).
 */
public record NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
    long localSsrc, long localRtxSsrc, List<Long> remoteSsrcs) {

  /** Whether RTX was agreed for this m-line. */
  public boolean hasRtx() {
    return codecs.stream().anyMatch(Codec::isRtx);
  }

  public boolean sends() {
    return direction.sends();
  }

  public boolean receives() {
    return direction.receives();
  }
}
