package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.IceCandidate;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.BrowserCandidate;
import org.rivulet.server.it.browser.InboundRtp;
import org.rivulet.server.it.browser.PagePeer;

/**
 * Proves the browser harness the WebRTC acceptance tests stand on: Chromium starts, makes offers
 * with the fake devices, gathers loopback candidates, two of its peer connections exchange media
 * through Java signalling (so the stats and polling helpers work), and Kurento's Java hello-world
 * signalling reaches the server up to {@code processOffer}.
 */
@Timeout(60)
class BrowserHarnessIT {
  private static final Duration GATHERING = Duration.ofSeconds(10);

  @Test
  void offerHasAudioVideoIceAndDtls() throws Exception {
    try (Browser browser = Browser.start()) {
      String offer = browser.createOffer(true, true);
      assertTrue(offer.contains("\r\nm=audio "), offer);
      assertTrue(offer.contains("\r\nm=video "), offer);
      assertTrue(offer.contains("\r\na=ice-ufrag:"), offer);
      assertTrue(offer.contains("\r\na=fingerprint:sha-256 "), offer);
      assertTrue(offer.contains("\r\na=group:BUNDLE "), offer);
    }
  }

  @Test
  void gathersLoopbackCandidates() throws Exception {
    try (Browser browser = Browser.start()) {
      browser.createOffer(true, true);
      List<BrowserCandidate> gathered = browser.peer().gatherLocalCandidates(GATHERING);
      assertTrue(!gathered.isEmpty() && gathered.get(gathered.size() - 1).isEndOfCandidates(),
          "gathering completes: " + gathered);
      assertTrue(gathered.stream().anyMatch(BrowserCandidate::isLoopback),
          "a candidate on 127.0.0.1: " + gathered);
      assertTrue(gathered.stream().noneMatch(c -> String.valueOf(c.address()).endsWith(".local")),
          "real addresses, no mDNS names: " + gathered);
    }
  }

  @Test
  void twoPeersOfOnePageExchangeMediaThroughJavaSignalling() throws Exception {
    try (Browser browser = Browser.start()) {
      PagePeer caller = browser.peer();
      PagePeer callee = browser.newPeer("callee");
      String answer = callee.setRemoteOffer(caller.createOffer(true, true));
      caller.setRemoteAnswer(answer);
      exchangeLoopbackCandidates(caller, callee);

      assertEquals("connected", callee.awaitConnectionState(Set.of("connected", "failed"),
          Duration.ofSeconds(10)));
      long frames = callee.awaitFramesDecoded(51, Duration.ofSeconds(20));
      assertTrue(frames > 50, "frames decoded from the fake camera: " + frames);
      assertTrue(callee.framesDecodedRisingFor(Duration.ofSeconds(2)), "video keeps flowing");
      long audio = callee.awaitAudioPacketsReceived(1, Duration.ofSeconds(5));
      assertTrue(audio > 0, "audio packets from the fake microphone: " + audio);
      InboundRtp stats = callee.inboundRtp();
      assertTrue(stats.audioBytesReceived() > 0, stats.toString());
      // Only loopback candidates were signalled, so one end of the pair is 127.0.0.1; the other
      // may be a socket on another local address (see InboundRtp): traffic stays on this host.
      assertTrue("127.0.0.1".equals(stats.selectedLocalAddress())
          || "127.0.0.1".equals(stats.selectedRemoteAddress()), stats.toString());
      assertTrue(Set.of("connected", "completed").contains(callee.iceConnectionState()));
      assertEquals(0, caller.framesDecoded(), "the callee sends nothing back");
    }
  }

  /**
   * Java does the signalling: each peer's loopback candidates and its end-of-candidates marker go
   * to the other, once both finished gathering. Only 127.0.0.1 is signalled because the machine
   * may have other interfaces (eth0 here), and media in these tests stays on this host.
   */
  private static void exchangeLoopbackCandidates(PagePeer a, PagePeer b) {
    List<BrowserCandidate> fromA = a.gatherLocalCandidates(GATHERING);
    List<BrowserCandidate> fromB = b.gatherLocalCandidates(GATHERING);
    for (BrowserCandidate c : fromA) {
      if (c.isLoopback() || c.isEndOfCandidates()) {
        b.addIceCandidate(c);
      }
    }
    for (BrowserCandidate c : fromB) {
      if (c.isLoopback() || c.isEndOfCandidates()) {
        a.addIceCandidate(c);
      }
    }
  }
}
