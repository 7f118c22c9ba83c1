package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.ErrorEvent;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.webrtc.WebRtcPeer;

/**
 * RELIABILITY.md B12.139: a server whose direct memory is too small for what it is asked to carry
 * ({@code -XX:MaxDirectMemorySize=1m}, and a publisher sending about 1,000 video packets a second,
 * whose read buffers the send history keeps for a second) fails reads, counts them, raises
 * Kurento's {@code Error} event (NOT_ENOUGH_RESOURCES) and frees its send histories; its event
 * loops never stall, it answers requests meanwhile, and once the load is back to normal the media
 * flows without loss. (A failed read leaves its datagram in the kernel's buffer for the next one,
 * so here, with a buffer that does not overflow, little or nothing is lost even meanwhile.)
 *
 * <p>Before, a full direct memory stalled the loop that asked for about half a second per
 * allocation (the JDK's {@code Bits.reserveMemory} calls {@code System.gc()} and sleeps), and the
 * histories, which let go of packets only as newer ones arrive, never freed it.
 */
@Timeout(120)
class DirectMemoryIT {
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);
  private static final RtpFormat OPUS = new RtpFormat("opus", 48000, 2);
  private static final int NOT_ENOUGH_RESOURCES = 40009;

  @Test
  void aDirectMemoryTooSmallCostsDatagramsCountedAndAnErrorEventButNeverTheEventLoop()
      throws Exception {
    try (RivuletProcess server = RivuletProcess.start(
            Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxDirectMemorySize=1m"));
        PeerRelay relay = new PeerRelay(server, 40000)) {
      List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
      relay.ingress.addErrorListener(errors::add);
      relay.connect();
      WebRtcPeer sender = relay.sender;
      WebRtcPeer receiver = relay.receiver;

      // Four seconds of ten video packets and one audio packet every 10 ms.
      int video = 0;
      int audio = 0;
      long slowestRequest = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() < end) {
        for (int k = 0; k < 10; k++) {
          sender.send(MediaType.VIDEO, VP8, SyntheticPeerIT.rtp(96, video, 3000L * video, 0x1111));
          video++;
        }
        sender.send(MediaType.AUDIO, OPUS, SyntheticPeerIT.rtp(111, audio, 960L * audio, 0x2222));
        audio++;
        if (audio % 20 == 0) {
          long t0 = System.nanoTime();
          assertEquals(relay.pipeline.getId(), relay.ingress.getMediaPipeline().getId());
          slowestRequest = Math.max(slowestRequest, System.nanoTime() - t0);
        }
        Thread.sleep(10);
      }
      long heavyVideo = video;
      Thread.sleep(500);
      long videoAfterHeavy = receiver.packetsReceived(MediaType.VIDEO);
      long audioAfterHeavy = receiver.packetsReceived(MediaType.AUDIO);

      // Then two seconds at an ordinary rate: one packet of each kind every 20 ms.
      int normal = 0;
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < end) {
        sender.send(MediaType.VIDEO, VP8, SyntheticPeerIT.rtp(96, video, 3000L * video, 0x1111));
        video++;
        sender.send(MediaType.AUDIO, OPUS, SyntheticPeerIT.rtp(111, audio, 960L * audio, 0x2222));
        audio++;
        normal++;
        Thread.sleep(20);
      }
      Thread.sleep(500);
      long normalVideo = receiver.packetsReceived(MediaType.VIDEO) - videoAfterHeavy;
      long normalAudio = receiver.packetsReceived(MediaType.AUDIO) - audioAfterHeavy;
      String ingressId = relay.ingress.getId();
      String egressId = relay.egress.getId();
      relay.pipeline.release();
      String ingressLine = server.closedLine(ingressId);
      String egressLine = server.closedLine(egressId);
      System.out.println("DirectMemoryIT: ingress: " + ingressLine);
      System.out.println("DirectMemoryIT: egress: " + egressLine);
      String what = String.format("heavy phase: %d video packets sent, %d received, %d audio"
          + " received; normal phase: %d of each sent, %d video and %d audio received; %d Error"
          + " events; slowest request %.1f ms", heavyVideo, videoAfterHeavy, audioAfterHeavy,
          normal, normalVideo, normalAudio, errors.size(), slowestRequest / 1e6);
      System.out.println("DirectMemoryIT: " + what);

      // Reads failed for want of memory; they were counted and reported.
      assertTrue(ingressLine.contains("OUT_OF_MEMORY="), ingressLine);
      assertTrue(server.closedCount(egressId, "shed from the history") > 0, egressLine);
      assertTrue(!errors.isEmpty(), what);
      ErrorEvent first = errors.get(0);
      assertEquals(NOT_ENOUGH_RESOURCES, first.getErrorCode(), first.getDescription());
      assertEquals("NOT_ENOUGH_RESOURCES", first.getType());
      assertTrue(first.getDescription().contains("direct"), first.getDescription());
      // At most one event per endpoint every 10 s, however many datagrams were lost.
      assertTrue(errors.size() <= 2, what);
      // No loop stalled, requests were answered, and the media is back once the load is.
      assertTrue(slowestRequest < TimeUnit.MILLISECONDS.toNanos(500), what);
      assertTrue(server.output().stream().noneMatch(l -> l.contains("has not run a task")),
          "an event loop stalled:\n" + String.join("\n", server.output()));
      assertTrue(normalVideo >= normal - 2 && normalAudio >= normal - 2, what);
    }
  }
}
