package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;
import org.rivulet.server.it.browser.Poll;

/**
 * REMB end to end with Chromium on both sides: the viewer's REMB reaches the server (the server
 * writes abs-send-time for the viewer's estimator), the server sends the publisher the minimum of
 * its own estimate and the viewers', bounded by the publisher endpoint's maxVideoRecvBandwidth, and
 * the publisher's congestion controller follows it (transport-cc feedback from the server keeps
 * its own estimate healthy: it never falls to the floor).
 */
@Timeout(120)
class BandwidthFeedbackIT {
  private static final int MAX_RECV_KBPS = 250;

  @Test
  void thePublisherFollowsTheRembTheServerDerivesFromItsViewers() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint publisher = new WebRtcEndpoint.Builder(pipeline).build();
        publisher.setMaxVideoRecvBandwidth(MAX_RECV_KBPS);
        WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(pipeline).build();
        publisher.connect(viewer);
        PagePeer sender = browser.peer();
        PagePeer receiver = browser.newPeer("viewer");
        OneToManyIT.connect(publisher, sender, sender.createOffer(true, true));
        OneToManyIT.connect(viewer, receiver, receiver.createReceiveOnlyOffer(true, true));
        assertTrue(receiver.awaitFramesDecoded(100, Duration.ofSeconds(30)) >= 100);

        long viewerRemb = Poll.until(() -> VideoStats.outbound(viewer).getRemb(), r -> r > 0,
            Duration.ofSeconds(15));
        assertTrue(viewerRemb > 0, "the viewer's REMB reached the server");
        long sent = VideoStats.inbound(publisher).getRemb();
        assertTrue(sent >= 30_000 && sent <= MAX_RECV_KBPS * 1000L,
            "REMB to the publisher within [30 kbps, maxVideoRecvBandwidth]: " + sent);
        Number available = (Number) sender.outboundVideo().get("availableOutgoingBitrate");
        assertTrue(available.longValue() <= MAX_RECV_KBPS * 1000L * 105 / 100,
            "the publisher's estimate follows the server's REMB: " + available);
        assertTrue(available.longValue() >= 100_000,
            "and has not collapsed (transport-cc feedback is sane): " + available);
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }
}
