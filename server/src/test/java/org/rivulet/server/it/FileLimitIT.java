package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.WebRtcEndpoint;
import org.kurento.client.internal.server.KurentoServerException;
import org.rivulet.elements.MediaType;

/**
 * RELIABILITY.md B12.138: a server allowed 400 open files ({@code prlimit --nofile}) while a
 * presenter sends audio to a viewer through it. Viewers are added until the server refuses one:
 * with NOT_ENOUGH_RESOURCES (40009), from 80% of the limit, not with an error of whatever ran out
 * first. Meanwhile the first viewer keeps hearing the presenter, the server logs no "Too many open
 * files", and once some viewers are released a new one is accepted again. Then endpoints made
 * under the limit negotiate past it, and the one whose sockets find no descriptor left is refused
 * with NOT_ENOUGH_RESOURCES too, not left without an answer (which it was before).
 */
@Timeout(120)
class FileLimitIT {
  private static final int FILES = 400;
  private static final int NOT_ENOUGH_RESOURCES = 40009;

  @Test
  void viewersBeyondEightyPercentOfTheFileLimitAreRefusedAndTheRestGoesOn() throws Exception {
    try (RivuletProcess server = RivuletProcess.startWithFileLimit(FILES,
            Map.of("KMS_NETWORK_INTERFACES", "lo"));
        PeerRelay relay = new PeerRelay(server, 46000)) {
      relay.connect();
      String offer = relay.offerForViewers();
      List<WebRtcEndpoint> viewers = new ArrayList<>();
      KurentoServerException refused = null;
      int index = 0;
      while (refused == null && viewers.size() < FILES) {
        try {
          WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(relay.pipeline).build();
          viewers.add(viewer);
          relay.ingress.connect(viewer);
          viewer.processOffer(offer);
          viewer.gatherCandidates();
        } catch (KurentoServerException e) {
          refused = e;
        }
        if (++index % 5 == 0) {
          relay.sendAudio(index);
        }
      }
      assertTrue(refused != null, "no viewer refused among " + viewers.size());
      System.out.println("FileLimitIT: viewer " + viewers.size() + " refused: "
          + refused.getCode() + " " + refused.getMessage());
      assertEquals(NOT_ENOUGH_RESOURCES, refused.getCode(), refused.getMessage());
      assertTrue(refused.getMessage().contains("file descriptors"), refused.getMessage());
      assertTrue(viewers.size() > 20, "refused only after " + viewers.size() + " viewers");

      long heard = relay.receiver.packetsReceived(MediaType.AUDIO);
      for (int i = 0; i < 20; i++) {
        relay.sendAudio(10_000 + i);
        Thread.sleep(20);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (relay.receiver.packetsReceived(MediaType.AUDIO) < heard + 20
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(relay.receiver.packetsReceived(MediaType.AUDIO) >= heard + 20,
          "the first viewer kept hearing the presenter");

      for (WebRtcEndpoint v : viewers.subList(0, 10)) {
        v.release();
      }
      WebRtcEndpoint again = new WebRtcEndpoint.Builder(relay.pipeline).build();
      assertTrue(again.processOffer(offer).contains("a=ice-ufrag"),
          "a viewer is accepted again once others left");
      assertEquals(List.of(), server.output().stream()
          .filter(l -> l.contains("Too many open files")).toList(), "no descriptor ran out");

      // Endpoints made under the limit that then negotiate past it: the sockets they bind run
      // the process out of descriptors. Each such negotiation is refused with
      // NOT_ENOUGH_RESOURCES, not left without an answer.
      List<WebRtcEndpoint> unnegotiated = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        unnegotiated.add(new WebRtcEndpoint.Builder(relay.pipeline).build());
      }
      int answered = 0;
      KurentoServerException outOfFiles = null;
      for (WebRtcEndpoint e : unnegotiated) {
        try {
          e.processOffer(offer);
          answered++;
        } catch (KurentoServerException ex) {
          outOfFiles = ex;
          break;
        }
      }
      assertTrue(outOfFiles != null, "all " + answered + " negotiations were answered");
      assertEquals(NOT_ENOUGH_RESOURCES, outOfFiles.getCode(), outOfFiles.getMessage());
      System.out.println("FileLimitIT: past the limit, negotiation " + (answered + 1)
          + " refused: " + outOfFiles.getMessage());
      for (WebRtcEndpoint e : unnegotiated) {
        e.release();
      }
      viewers.subList(10, viewers.size() - 1).forEach(WebRtcEndpoint::release);
      WebRtcEndpoint last = new WebRtcEndpoint.Builder(relay.pipeline).build();
      assertTrue(last.processOffer(offer).contains("a=ice-ufrag"), "and recovers when they go");
    }
  }
}
