package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.DtlsConnectionState;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * The peer's DTLS certificate must match the {@code a=fingerprint} of its SDP: with a tampered
 * fingerprint the connection fails with {@code DtlsConnectionStateChange} FAILED and no media
 * flows, whichever side is the DTLS client.
 */
@Timeout(90)
class DtlsFingerprintMismatchIT {
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

  /** Flips the first hex digit of every fingerprint: same syntax, another certificate. */
  static String tamper(String sdp) {
    Matcher m = Pattern.compile("(a=fingerprint:\\S+ )([0-9A-Fa-f])").matcher(sdp);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      char c = m.group(2).charAt(0);
      m.appendReplacement(out, m.group(1) + (c == '0' ? '1' : '0'));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Test
  void serverAsDtlsClientRefusesTheBrowsersCertificate() throws Exception {
    // Answering the browser's actpass offer, the server is the DTLS client.
    run(false);
  }

  @Test
  void serverAsDtlsServerRefusesTheBrowsersCertificate() throws Exception {
    // Offering actpass, the browser answers active: the server is the DTLS server.
    run(true);
  }

  private void run(boolean serverOffers) throws Exception {
    try (Browser browser = Browser.start()) {
      MediaPipeline pipeline = kurento.createMediaPipeline();
      try {
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        webRtc.connect(webRtc);
        List<DtlsConnectionState> dtls = new CopyOnWriteArrayList<>();
        webRtc.addDtlsConnectionStateChangeListener(e -> dtls.add(e.getState()));
        PagePeer peer = browser.peer();
        Trickle.serverToBrowser(webRtc, peer);
        if (serverOffers) {
          String answer = peer.setRemoteOffer(webRtc.generateOffer(), true, true);
          webRtc.processAnswer(tamper(answer));
        } else {
          String offer = peer.createOffer(true, true);
          peer.setRemoteAnswer(webRtc.processOffer(tamper(offer)));
        }
        webRtc.gatherCandidates();
        Trickle.browserToServerUntil(peer, webRtc, () -> dtls.contains(DtlsConnectionState.FAILED),
            Duration.ofSeconds(30));
        assertTrue(dtls.contains(DtlsConnectionState.FAILED), "DTLS states: " + dtls);
        assertTrue(!dtls.contains(DtlsConnectionState.CONNECTED), "DTLS states: " + dtls);
        Thread.sleep(1000);
        assertEquals(0, peer.framesDecoded(), "no media without a verified peer");
        assertEquals("DISCONNECTED", webRtc.getMediaState().name());
      } finally {
        pipeline.release();
      }
    }
  }
}
