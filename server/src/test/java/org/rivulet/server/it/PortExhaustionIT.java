package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.transport.EventLoops;

/**
 * RELIABILITY.md B12.137: with every UDP port of the configured range taken, negotiating one more
 * endpoint fails with Kurento's NOT_ENOUGH_RESOURCES (40009); the server goes on serving, and a
 * port released is a port that the next endpoint gets.
 */
@Timeout(60)
class PortExhaustionIT {
  /** Two ports per address, below Linux's ephemeral range so that no other socket holds them. */
  private static final int MIN_PORT = 31_500;
  private static final int NOT_ENOUGH_RESOURCES = 40009;

  @Test
  void anEndpointBeyondThePortRangeIsRefusedWithNotEnoughResourcesAndTheServerGoesOn()
      throws Exception {
    ExecutorService blocking = Executors.newCachedThreadPool();
    try (RivuletProcess server = RivuletProcess.start(Map.of(
            "KMS_MIN_PORT", Integer.toString(MIN_PORT),
            "KMS_MAX_PORT", Integer.toString(MIN_PORT + 1),
            "KMS_NETWORK_INTERFACES", "lo"));
        EventLoops loops = EventLoops.create(1, 1)) {
      MediaNetwork network = new MediaNetwork(loops, blocking, ModuleConfig.of(
          Map.of("BaseRtpEndpoint.minPort", "40000", "BaseRtpEndpoint.maxPort", "40999"),
          Map.of()));
      WebRtcPeer peer = new WebRtcPeer(loops.media().next(), network);
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        // Any valid offer will do: every endpoint answers the same one.
        String offer = peer.createOffer("lo").get(20, TimeUnit.SECONDS);
        MediaPipeline pipeline = kurento.createMediaPipeline();

        WebRtcEndpoint first = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint second = new WebRtcEndpoint.Builder(pipeline).build();
        assertTrue(first.processOffer(offer).contains("a=ice-ufrag"));
        assertTrue(second.processOffer(offer).contains("a=ice-ufrag"));

        WebRtcEndpoint third = new WebRtcEndpoint.Builder(pipeline).build();
        KurentoServerException full = assertThrows(KurentoServerException.class,
            () -> third.processOffer(offer));
        assertEquals(NOT_ENOUGH_RESOURCES, full.getCode(), full.getMessage());
        assertTrue(full.getMessage().contains(MIN_PORT + "-" + (MIN_PORT + 1)), full.getMessage());
        // The refused endpoint holds nothing and can try again once a port is free.
        first.release();
        assertTrue(third.processOffer(offer).contains("a=ice-ufrag"));

        RtpEndpoint rtp = new RtpEndpoint.Builder(pipeline).build();
        KurentoServerException noPair = assertThrows(KurentoServerException.class,
            () -> rtp.generateOffer());
        assertEquals(NOT_ENOUGH_RESOURCES, noPair.getCode(), noPair.getMessage());

        // The server and the endpoints that got their ports are still there.
        assertEquals(3, pipeline.getChildren().size());
        assertTrue(kurento.getServerManager().getPipelines().contains(pipeline));
        pipeline.release();

        // Endpoints released while their offer is processed (their sockets being bound) keep no
        // port: however each race ends, both ports are free again afterwards.
        MediaPipeline racing = kurento.createMediaPipeline();
        for (int i = 0; i < 20; i++) {
          WebRtcEndpoint e = new WebRtcEndpoint.Builder(racing).build();
          e.processOffer(offer, new org.kurento.client.Continuation<String>() {
            @Override
            public void onSuccess(String answer) {
            }

            @Override
            public void onError(Throwable cause) {
            }
          });
          e.release();
        }
        Thread.sleep(500);
        for (int i = 0; i < 2; i++) {
          assertTrue(new WebRtcEndpoint.Builder(racing).build().processOffer(offer)
              .contains("a=ice-ufrag"), "port " + i + " free again");
        }
      } finally {
        peer.close();
        kurento.destroy();
      }
    } finally {
      blocking.shutdownNow();
    }
  }
}
