package org.rivulet.server.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.kurento.client.IceCandidate;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.BrowserCandidate;
import org.rivulet.server.it.browser.PagePeer;

/** Trickle ICE between a browser peer and a WebRtcEndpoint, as Kurento applications relay it. */
final class Trickle {
  private Trickle() {
  }

  /** Relays the endpoint's IceCandidateFound events to the browser. */
  static void serverToBrowser(WebRtcEndpoint endpoint, PagePeer peer) {
    endpoint.addIceCandidateFoundListener(e -> peer.addIceCandidate(e.getCandidate().getCandidate(),
        e.getCandidate().getSdpMid(), e.getCandidate().getSdpMLineIndex()));
  }

  /** Sends the browser's candidates gathered so far to the endpoint. */
  static void browserToServer(PagePeer peer, WebRtcEndpoint endpoint) {
    for (BrowserCandidate c : peer.takeLocalCandidates()) {
      if (!c.isEndOfCandidates()) {
        endpoint.addIceCandidate(new IceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
      }
    }
  }

  /** Keeps sending the browser's candidates until {@code done} or the time is up. */
  static void browserToServerUntil(PagePeer peer, WebRtcEndpoint endpoint, BooleanSupplier done,
      Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline && !done.getAsBoolean()) {
      browserToServer(peer, endpoint);
      Thread.sleep(100);
    }
  }

  /** Until the browser's peer connection is connected. */
  static void untilConnected(PagePeer peer, WebRtcEndpoint endpoint, Duration within)
      throws InterruptedException {
    browserToServerUntil(peer, endpoint, () -> "connected".equals(peer.connectionState()), within);
  }
}
