package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.IceCandidate;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.transport.EventLoops;

/**
 * The client-role stack (controlling ICE, DTLS client, SRTP) as a synthetic peer, without a
 * browser: one peer sends VP8 and Opus packets into a WebRtcEndpoint, the pipeline forwards them
 * to a second WebRtcEndpoint, and a second synthetic peer receives every one of them.
 */
@Timeout(90)
class SyntheticPeerIT {
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);
  private static final RtpFormat OPUS = new RtpFormat("opus", 48000, 2);

  @Test
  void aSyntheticPeerReceivesWhatAnotherSendsThroughTheServer() throws Exception {
    ExecutorService blocking = Executors.newCachedThreadPool();
    try (RivuletProcess server = RivuletProcess.start();
        EventLoops loops = EventLoops.create(1, 1)) {
      MediaNetwork network = new MediaNetwork(loops, blocking, ModuleConfig.of(
          Map.of("BaseRtpEndpoint.minPort", "40000", "BaseRtpEndpoint.maxPort", "40999"), Map.of()));
      KurentoClient kurento = KurentoClient.create(server.url());
      WebRtcPeer sender = new WebRtcPeer(loops.media().next(), network);
      WebRtcPeer receiver = new WebRtcPeer(loops.media().next(), network);
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint ingress = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint egress = new WebRtcEndpoint.Builder(pipeline).build();
        ingress.connect(egress);
        connect(sender, ingress);
        connect(receiver, egress);
        sender.secured().get(20, TimeUnit.SECONDS);
        receiver.secured().get(20, TimeUnit.SECONDS);
        // Give the server's side of the receiver's DTLS a moment to install its keys too.
        Thread.sleep(500);

        int packets = 200;
        for (int i = 0; i < packets; i++) {
          sender.send(MediaType.VIDEO, VP8, rtp(96, i, 3000L * i, 0x1111));
          sender.send(MediaType.AUDIO, OPUS, rtp(111, i, 960L * i, 0x2222));
          if (i % 20 == 0) {
            Thread.sleep(20);
          }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && (receiver.packetsReceived(MediaType.VIDEO) < packets
            || receiver.packetsReceived(MediaType.AUDIO) < packets)) {
          Thread.sleep(50);
        }
        assertEquals(packets, receiver.packetsReceived(MediaType.VIDEO), "video packets");
        assertEquals(packets, receiver.packetsReceived(MediaType.AUDIO), "audio packets");
        assertTrue(List.of(ingress.getMediaState().name(), egress.getMediaState().name())
            .stream().allMatch("CONNECTED"::equals));
        pipeline.release();
      } finally {
        sender.close();
        receiver.close();
        kurento.destroy();
        blocking.shutdownNow();
      }
    }
  }

  private static void connect(WebRtcPeer peer, WebRtcEndpoint endpoint) throws Exception {
    endpoint.addIceCandidateFoundListener(e -> peer.addRemoteCandidate(e.getCandidate()
        .getCandidate()));
    peer.onLocalCandidate(c -> endpoint.addIceCandidate(new IceCandidate(c, "0", 0)));
    String offer = peer.createOffer("").get(20, TimeUnit.SECONDS);
    String answer = endpoint.processOffer(offer);
    peer.acceptAnswer(answer).get(10, TimeUnit.SECONDS);
    endpoint.gatherCandidates();
  }

  private static ByteBuf rtp(int pt, int seq, long ts, int ssrc) {
    ByteBuf b = Unpooled.buffer(1200);
    b.writeByte(0x80).writeByte(pt).writeShort(seq).writeInt((int) ts).writeInt(ssrc);
    // Each VP8 packet starts a key frame (descriptor S=1, PID=0; payload header P=0): the
    // server holds back a new source's video until a keyframe.
    b.writeByte(0x10);
    b.writeBytes(new byte[999]);
    return b;
  }
}
