package org.rivulet.elements.webrtc;

import java.util.List;
import java.util.Map;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;

/**
 * One accepted m-line after offer/answer: its mid and kind, the codecs both sides use (payload
 * types as they travel, RTX formats included), the direction from this endpoint's point of view,
 * the SSRC this endpoint sends with and the one it retransmits with (0 when RTX was not agreed),
 * the SSRCs the peer announced (may be empty: browsers need not announce them), and the id of the
 * transport-wide sequence number extension when this endpoint gives transport-cc feedback on what
 * it receives (0 when not), and the id of abs-send-time, which this endpoint writes in the video it
 * sends so the peer's receive-side estimator (its REMB) times packets by when we sent them, and
 * the extensions forwarded between peers ({@link ForwardedExtensions}: URI to id, both ways), and
 * whether both sides agreed to reduced-size RTCP (RFC 5506 {@code a=rtcp-rsize}): feedback may then
 * go alone, without the receiver report and CNAME a compound packet (RFC 3550 6.1) carries.
 */
public record NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
    long localSsrc, long localRtxSsrc, List<Long> remoteSsrcs, int transportCcId,
    int absSendTimeId, Map<String, Integer> forwardedExtensions, boolean reducedSizeRtcp) {

  public NegotiatedMedia {
    forwardedExtensions = Map.copyOf(forwardedExtensions);
  }

  /** Without reduced-size RTCP. */
  public NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
      long localSsrc, long localRtxSsrc, List<Long> remoteSsrcs, int transportCcId,
      int absSendTimeId, Map<String, Integer> forwardedExtensions) {
    this(mid, kind, codecs, direction, localSsrc, localRtxSsrc, remoteSsrcs, transportCcId,
        absSendTimeId, forwardedExtensions, false);
  }

  /** Without forwarded extensions. */
  public NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
      long localSsrc, long localRtxSsrc, List<Long> remoteSsrcs, int transportCcId,
      int absSendTimeId) {
    this(mid, kind, codecs, direction, localSsrc, localRtxSsrc, remoteSsrcs, transportCcId,
        absSendTimeId, Map.of());
  }

  /** Without header extensions (their ids are 0). */
  public NegotiatedMedia(String mid, String kind, List<Codec> codecs, Direction direction,
      long localSsrc, long localRtxSsrc, List<Long> remoteSsrcs) {
    this(mid, kind, codecs, direction, localSsrc, localRtxSsrc, remoteSsrcs, 0, 0);
  }

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
