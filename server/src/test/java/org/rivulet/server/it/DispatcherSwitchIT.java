package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.Dispatcher;
import org.kurento.client.HubPort;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * A viewer switched between two presenters with a Dispatcher while media flows keeps decoding:
 * after every switch the decoded-frame count keeps rising and never stands still for a second.
 *
 * <pre>
 *  presenter A ─▶ endpoint ─▶ port A ┐
 *                                    ├─ Dispatcher ─▶ port V ─▶ endpoint ─▶ viewer
 *  presenter B ─▶ endpoint ─▶ port B ┘
 * </pre>
 */
@Timeout(180)
class DispatcherSwitchIT {
  private static final Duration MAX_STALL = Duration.ofSeconds(1);

  @Test
  void aViewerSwitchedBetweenTwoPresentersKeepsDecoding() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        Dispatcher dispatcher = new Dispatcher.Builder(pipeline).build();
        WebRtcEndpoint a = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint b = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint v = new WebRtcEndpoint.Builder(pipeline).build();
        HubPort portA = new HubPort.Builder(dispatcher).build();
        HubPort portB = new HubPort.Builder(dispatcher).build();
        HubPort portV = new HubPort.Builder(dispatcher).build();
        a.connect(portA);
        b.connect(portB);
        portV.connect(v);
        dispatcher.connect(portA, portV);

        PagePeer presenterA = browser.peer();
        PagePeer presenterB = browser.newPeer("presenterB");
        PagePeer viewer = browser.newPeer("viewer");
        OneToManyIT.connect(a, presenterA, presenterA.createOffer(true, true));
        OneToManyIT.connect(b, presenterB, presenterB.createOffer(true, true));
        OneToManyIT.connect(v, viewer, viewer.createReceiveOnlyOffer(true, true));
        long frames = viewer.awaitFramesDecoded(100, Duration.ofSeconds(30));
        assertTrue(frames >= 100, "frames decoded from presenter A: " + frames);

        HubPort[] order = {portB, portA, portB, portA};
        for (int i = 0; i < order.length; i++) {
          long before = viewer.framesDecoded();
          dispatcher.connect(order[i], portV);
          Duration stall = viewer.longestStallDuring(Duration.ofSeconds(3));
          long after = viewer.framesDecoded();
          assertTrue(after > before + 30, "switch " + (i + 1) + ": frames rose from " + before
              + " to " + after);
          assertTrue(stall.compareTo(MAX_STALL) < 0,
              "switch " + (i + 1) + ": the picture froze for " + stall.toMillis() + " ms");
        }
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }
}
