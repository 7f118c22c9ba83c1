package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * Two WebRtcEndpoints of one pipeline negotiate with each other (generateOffer, processOffer,
 * processAnswer, candidates relayed by the application) and carry media: a browser sends into the
 * first, the pair carries it across its own ICE/DTLS/SRTP session, and a second browser peer
 * decodes it from the far end.
 *
 * <pre>
 *  browser peer 1 ─▶ ingress ─▶ A ══ICE/DTLS/SRTP══▶ B ─▶ egress ─▶ browser peer 2
 * </pre>
 */
@Timeout(120)
class WebRtcEndpointPairIT {

  @Test
  void mediaCrossesAPairOfEndpointsNegotiatedWithEachOther() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint ingress = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint a = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint b = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint egress = new WebRtcEndpoint.Builder(pipeline).build();
        ingress.connect(a);
        b.connect(egress);

        a.addIceCandidateFoundListener(e -> b.addIceCandidate(e.getCandidate()));
        b.addIceCandidateFoundListener(e -> a.addIceCandidate(e.getCandidate()));
        String offer = a.generateOffer();
        String answer = b.processOffer(offer);
        a.processAnswer(answer);
        a.gatherCandidates();
        b.gatherCandidates();

        PagePeer sender = browser.peer();
        PagePeer receiver = browser.newPeer("receiver");
        connect(ingress, sender, sender.createOffer(true, true));
        connect(egress, receiver, receiver.createReceiveOnlyOffer(true, true));

        long frames = receiver.awaitFramesDecoded(100, Duration.ofSeconds(30));
        assertTrue(frames >= 100, "frames decoded after crossing the pair: " + frames);
        assertTrue(receiver.awaitAudioPacketsReceived(50, Duration.ofSeconds(10)) >= 50, "audio");
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }

  private static void connect(WebRtcEndpoint endpoint, PagePeer peer, String offer)
      throws InterruptedException {
    Trickle.serverToBrowser(endpoint, peer);
    peer.setRemoteAnswer(endpoint.processOffer(offer));
    endpoint.gatherCandidates();
    Trickle.untilConnected(peer, endpoint, Duration.ofSeconds(15));
  }
}
