package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * The SFU case, as Kurento's one-to-many tutorial builds it: one presenter's WebRtcEndpoint
 * connected to a WebRtcEndpoint per viewer. Every viewer decodes the presenter; one viewer leaves
 * (its endpoint released, its peer connection closed) and comes back on a new endpoint while the
 * others keep decoding.
 */
@Timeout(180)
class OneToManyIT {
  private static final int VIEWERS = 4;

  @Test
  void onePresenterFourViewersAndAViewerLeavesAndComesBack() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint presenter = new WebRtcEndpoint.Builder(pipeline).build();
        PagePeer presenterPeer = browser.peer();
        connect(presenter, presenterPeer, presenterPeer.createOffer(true, true));

        List<PagePeer> viewers = new ArrayList<>();
        List<WebRtcEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
          WebRtcEndpoint endpoint = new WebRtcEndpoint.Builder(pipeline).build();
          presenter.connect(endpoint);
          PagePeer viewer = browser.newPeer("viewer" + i);
          connect(endpoint, viewer, viewer.createReceiveOnlyOffer(true, true));
          viewers.add(viewer);
          endpoints.add(endpoint);
        }
        for (PagePeer viewer : viewers) {
          long frames = viewer.awaitFramesDecoded(100, Duration.ofSeconds(30));
          assertTrue(frames >= 100, viewer.name() + " decoded " + frames + " frames");
          assertTrue(viewer.awaitAudioPacketsReceived(50, Duration.ofSeconds(10)) >= 50,
              viewer.name() + " audio");
        }

        // Viewer 0 leaves and comes back on a new endpoint; the others must not notice.
        endpoints.get(0).release();
        viewers.get(0).close();
        for (int i = 1; i < VIEWERS; i++) {
          assertTrue(viewers.get(i).framesDecodedRisingFor(Duration.ofSeconds(2)),
              viewers.get(i).name() + " kept decoding while viewer0 left");
        }
        WebRtcEndpoint again = new WebRtcEndpoint.Builder(pipeline).build();
        presenter.connect(again);
        PagePeer back = browser.newPeer("viewer0-again");
        connect(again, back, back.createReceiveOnlyOffer(true, true));
        long frames = back.awaitFramesDecoded(100, Duration.ofSeconds(30));
        assertTrue(frames >= 100, "the returning viewer decoded " + frames + " frames");
        for (int i = 1; i < VIEWERS; i++) {
          assertTrue(viewers.get(i).framesDecodedRisingFor(Duration.ofSeconds(2)),
              viewers.get(i).name() + " kept decoding after viewer0 came back");
        }
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }

  static void connect(WebRtcEndpoint endpoint, PagePeer peer, String offer)
      throws InterruptedException {
    Trickle.serverToBrowser(endpoint, peer);
    peer.setRemoteAnswer(endpoint.processOffer(offer));
    endpoint.gatherCandidates();
    Trickle.untilConnected(peer, endpoint, Duration.ofSeconds(15));
  }
}
