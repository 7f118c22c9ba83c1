package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.InboundRtp;
import org.rivulet.server.it.browser.PagePeer;

/**
 * 5% of the RTP the server sends to one viewer is lost (a seeded impairment on that endpoint's
 * socket, test-only: {@code RIVULET_TEST_IMPAIRMENT=1} and the endpoint's
 * {@code rivulet.test.impairment} tag). Chromium NACKs the gaps, the server answers from its send
 * history on the RTX stream, and the viewer keeps decoding.
 */
@Timeout(180)
class LossRecoveryIT {

  @Test
  void aViewerBehindFivePercentLossKeepsDecodingThroughRetransmissions() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(Map.of("RIVULET_TEST_IMPAIRMENT", "1"));
        Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint presenter = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint lossy = new WebRtcEndpoint.Builder(pipeline).build();
        lossy.addTag("rivulet.test.impairment", "loss=0.05,seed=7");
        presenter.connect(lossy);
        PagePeer presenterPeer = browser.peer();
        PagePeer viewer = browser.newPeer("lossyViewer");
        OneToManyIT.connect(presenter, presenterPeer, presenterPeer.createOffer(true, true));
        OneToManyIT.connect(lossy, viewer, viewer.createReceiveOnlyOffer(true, true));

        long frames = viewer.awaitFramesDecoded(100, Duration.ofSeconds(30));
        assertTrue(frames >= 100, "frames decoded behind 5% loss: " + frames);
        assertTrue(viewer.framesDecodedRisingFor(Duration.ofSeconds(5)),
            "the lossy viewer keeps decoding");
        InboundRtp in = viewer.inboundRtp();
        assertTrue(in.videoNacksSent() > 0, "Chromium NACKed the gaps: " + in);
        assertTrue(in.videoRetransmittedReceived() > 0, "retransmissions arrived: " + in);
        // Chromium counts a packet repaired by RTX as received on the RTX stream only, so its
        // packetsLost does not go down; the repair shows in retransmittedPacketsReceived.
        assertTrue(in.videoRetransmittedReceived() * 2 >= in.videoPacketsLost(),
            "most losses were repaired: " + in);

        // The server's side of the same story, through Kurento's getStats with the Java client.
        RTCOutboundRTPStreamStats out = VideoStats.outbound(lossy);
        assertTrue(out.getNackCount() > 0, "NACKs the server received: " + out.getNackCount());
        assertTrue(out.getPacketsSent() > 100, "packets sent: " + out.getPacketsSent());
        RTCInboundRTPStreamStats published = VideoStats.inbound(presenter);
        assertTrue(published.getPacketsReceived() > 100,
            "video packets from the presenter: " + published.getPacketsReceived());
        assertTrue(presenter.isMediaFlowingIn(MediaType.VIDEO));
        assertTrue(lossy.isMediaFlowingOut(MediaType.VIDEO));
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }
}
