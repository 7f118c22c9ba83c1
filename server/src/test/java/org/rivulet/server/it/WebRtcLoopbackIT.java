package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kurento.client.CertificateKeyType;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaFlowInStateChangedEvent;
import org.kurento.client.MediaFlowOutStateChangedEvent;
import org.kurento.client.MediaFlowState;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * Kurento's hello world, for real: headless Chromium sends its fake camera and microphone to a
 * WebRtcEndpoint connected to itself, with the official Java client for signalling and trickle ICE
 * both ways, and decodes its own video coming back.
 */
@Timeout(90)
class WebRtcLoopbackIT {
  private static RivuletProcess server;
  private static KurentoClient kurento;

  @BeforeAll
  static void start() throws Exception {
    server = RivuletProcess.start();
    kurento = KurentoClient.create(server.url());
  }

  @AfterAll
  static void stop() {
    if (kurento != null) {
      kurento.destroy();
    }
    if (server != null) {
      server.close();
    }
  }

  /** With the default certificate (ECDSA P-256) and with the RSA one Kurento's API can ask for. */
  @ParameterizedTest(name = "certificate {0}")
  @ValueSource(strings = {"default", "RSA"})
  void browserOffersAndDecodesItsOwnVideoThroughTheServer(String certificate) throws Exception {
    try (Browser browser = Browser.start()) {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      try {
        WebRtcEndpoint.Builder builder = new WebRtcEndpoint.Builder(pipeline);
        if (certificate.equals("RSA")) {
          builder.withCertificateKeyType(CertificateKeyType.RSA);
        }
        WebRtcEndpoint webRtc = builder.build();
        webRtc.connect(webRtc);
        List<String> flowing = new CopyOnWriteArrayList<>();
        webRtc.addMediaFlowInStateChangedListener((MediaFlowInStateChangedEvent e) -> {
          if (e.getState() == MediaFlowState.FLOWING) {
            flowing.add("in " + e.getMediaType());
          }
        });
        webRtc.addMediaFlowOutStateChangedListener((MediaFlowOutStateChangedEvent e) -> {
          if (e.getState() == MediaFlowState.FLOWING) {
            flowing.add("out " + e.getMediaType());
          }
        });
        PagePeer peer = browser.peer();
        Trickle.serverToBrowser(webRtc, peer);

        String offer = peer.createOffer(true, true);
        // Browser candidates trickle to the server, before and after processOffer.
        Trickle.browserToServer(peer, webRtc);
        String answer = webRtc.processOffer(offer);
        peer.setRemoteAnswer(answer);
        webRtc.gatherCandidates();
        Trickle.untilConnected(peer, webRtc, Duration.ofSeconds(15));
        peer.awaitConnectionState(Set.of("connected"), Duration.ofSeconds(5));
        long frames = peer.awaitFramesDecoded(100, Duration.ofSeconds(15));
        assertTrue(frames >= 100, "frames decoded: " + frames);
        assertTrue(peer.awaitAudioPacketsReceived(50, Duration.ofSeconds(5)) >= 50, "audio");
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until && flowing.size() < 4) {
          Thread.sleep(100);
        }
        assertTrue(flowing.containsAll(List.of("in VIDEO", "in AUDIO", "out VIDEO", "out AUDIO")),
            flowing.toString());
        assertEquals("CONNECTED", webRtc.getMediaState().name());
      } finally {
        pipeline.release();
      }
    }
  }

  @Test
  void serverOffersAndTheBrowserAnswers() throws Exception {
    try (Browser browser = Browser.start()) {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      try {
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        webRtc.connect(webRtc);
        PagePeer peer = browser.peer();
        Trickle.serverToBrowser(webRtc, peer);
        String offer = webRtc.generateOffer();
        assertTrue(offer.contains("a=setup:actpass"), offer);
        String answer = peer.setRemoteOffer(offer, true, true);
        webRtc.processAnswer(answer);
        webRtc.gatherCandidates();
        Trickle.untilConnected(peer, webRtc, Duration.ofSeconds(15));
        peer.awaitConnectionState(Set.of("connected"), Duration.ofSeconds(5));
        long frames = peer.awaitFramesDecoded(100, Duration.ofSeconds(15));
        assertTrue(frames >= 100, "frames decoded: " + frames);
        assertTrue(peer.awaitAudioPacketsReceived(50, Duration.ofSeconds(5)) >= 50, "audio");
      } finally {
        pipeline.release();
      }
    }
  }
}
