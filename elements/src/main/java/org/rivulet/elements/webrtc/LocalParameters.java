package org.rivulet.elements.webrtc;

import org.rivulet.sdp.Fingerprint;

/**
 * What this endpoint puts in its SDP: ICE credentials, the DTLS certificate fingerprint, the RTCP
 * CNAME and media stream id, one SSRC per media kind it sends (and one for video retransmissions,
 * RFC 4588; 0 for none), the send/receive restrictions of the endpoint's constructor, and receive
 * bandwidth limits in kbps (0 for none).
 */
public record LocalParameters(String iceUfrag, String icePwd, Fingerprint fingerprint,
    String cname, String streamId, long audioSsrc, long videoSsrc, long videoRtxSsrc,
    boolean recvonly, boolean sendonly, int maxAudioRecvKbps, int maxVideoRecvKbps) {

  public long ssrcFor(String mediaType) {
    return mediaType.equals("audio") ? audioSsrc : videoSsrc;
  }
}
