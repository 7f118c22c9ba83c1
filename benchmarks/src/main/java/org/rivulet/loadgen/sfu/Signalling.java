package org.rivulet.loadgen.sfu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.kurento.client.Continuation;
import org.kurento.client.IceCandidate;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.webrtc.WebRtcPeer;

/**
 * Offer/answer and trickle ICE between a synthetic peer and its WebRtcEndpoint, as an application
 * does it: the peer offers, the endpoint answers ({@code processOffer}), candidates go both ways.
 */
final class Signalling {
  /** Candidates go on the loopback interface only (there is no other in the benchmark's netns). */
  static final String INTERFACES = "lo";

  private Signalling() {
  }

  /**
   * Negotiates and starts ICE; the peer's {@code secured()} completes once DTLS-SRTP is up. The
   * peer's candidates are sent asynchronously: the listener runs on the peer's event loop, which
   * other peers share and a blocking call would stall.
   *
   * @param ipv6 whether the peer offers IPv6 candidates as well as IPv4 ones
   * @param failure where the first failed candidate delivery is kept
   */
  static void connect(WebRtcPeer peer, WebRtcEndpoint endpoint, boolean ipv6,
      AtomicReference<Throwable> failure) throws Exception {
    endpoint.addIceCandidateFoundListener(e -> peer.addRemoteCandidate(e.getCandidate()
        .getCandidate()));
    peer.onLocalCandidate(c -> endpoint.addIceCandidate(new IceCandidate(c, "0", 0),
        new Continuation<Void>() {
          @Override
          public void onSuccess(Void result) {
          }

          @Override
          public void onError(Throwable cause) {
            failure.compareAndSet(null, cause);
          }
        }));
    String offer = peer.createOffer(INTERFACES, ipv6).get(20, TimeUnit.SECONDS);
    String answer = endpoint.processOffer(offer);
    peer.acceptAnswer(answer).get(10, TimeUnit.SECONDS);
    endpoint.gatherCandidates();
  }
}
