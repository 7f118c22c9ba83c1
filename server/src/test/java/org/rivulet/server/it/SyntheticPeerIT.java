package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final List<WebRtcPeer> peers = new ArrayList<>();
  private RivuletProcess server;
  private EventLoops loops;
  private MediaNetwork network;
  private KurentoClient kurento;

  @BeforeEach
  void startServerAndPeerLoop() throws Exception {
    server = RivuletProcess.start();
    loops = EventLoops.create(1, 1);
    network = new MediaNetwork(loops, blocking, ModuleConfig.of(
        Map.of("BaseRtpEndpoint.minPort", "40000", "BaseRtpEndpoint.maxPort", "40999"), Map.of()));
    kurento = KurentoClient.create(server.url());
  }

  @AfterEach
  void stopAll() throws Exception {
    peers.forEach(WebRtcPeer::close);
    if (kurento != null) {
      kurento.destroy();
    }
    if (loops != null) {
      loops.close();
    }
    if (server != null) {
      server.close();
    }
    blocking.shutdownNow();
  }

  private WebRtcPeer peer() {
    WebRtcPeer peer = new WebRtcPeer(loops.media().next(), network);
    peers.add(peer);
    return peer;
  }

  @Test
  void aSyntheticPeerReceivesWhatAnotherSendsThroughTheServer() throws Exception {
    WebRtcPeer sender = peer();
    WebRtcPeer receiver = peer();
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
  }

  /**
   * Two viewers join a publisher whose stream has no keyframe yet: each one's endpoint holds the
   * video back and asks for one, and the publisher gets those asks merged into one throttled
   * request at a time (at most one per 300 ms), not one per viewer and packet. Its next keyframe
   * reaches both.
   */
  @Test
  void viewersWaitingForAKeyframeGetThePublisherAskedOnceAtATime() throws Exception {
    WebRtcPeer sender = peer();
    List<WebRtcPeer> viewers = List.of(peer(), peer());
    MediaPipeline pipeline = kurento.createMediaPipeline();
    WebRtcEndpoint ingress = new WebRtcEndpoint.Builder(pipeline).build();
    connect(sender, ingress);
    for (WebRtcPeer viewer : viewers) {
      WebRtcEndpoint egress = new WebRtcEndpoint.Builder(pipeline).build();
      ingress.connect(egress);
      connect(viewer, egress);
    }
    sender.secured().get(20, TimeUnit.SECONDS);
    for (WebRtcPeer viewer : viewers) {
      viewer.secured().get(20, TimeUnit.SECONDS);
    }
    Thread.sleep(500);

    // About 1.5 s of delta frames, one every 30 ms: nothing a viewer can start from.
    long start = System.nanoTime();
    int seq = 0;
    for (; seq < 50; seq++) {
      sender.send(MediaType.VIDEO, VP8, vp8(seq, 3000L * seq, false));
      Thread.sleep(30);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long asked = sender.keyframeRequests(MediaType.VIDEO);
    assertTrue(asked >= 1, "the publisher was asked for a keyframe");
    assertTrue(asked <= seconds / 0.3 + 2, asked + " requests in " + seconds
        + " s: merged across both viewers and throttled to one per 300 ms");
    for (WebRtcPeer viewer : viewers) {
      assertEquals(0, viewer.packetsReceived(MediaType.VIDEO), "no video before a keyframe");
    }

    sender.send(MediaType.VIDEO, VP8, vp8(seq, 3000L * seq, true));
    sender.send(MediaType.VIDEO, VP8, vp8(seq + 1, 3000L * (seq + 1), false));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline
        && viewers.stream().anyMatch(v -> v.packetsReceived(MediaType.VIDEO) < 2)) {
      Thread.sleep(50);
    }
    for (WebRtcPeer viewer : viewers) {
      assertEquals(2, viewer.packetsReceived(MediaType.VIDEO), "the keyframe and what follows");
    }
    pipeline.release();
  }

  /** A VP8 packet that starts a frame (descriptor S=1), a keyframe or not (payload header P). */
  private static ByteBuf vp8(int seq, long ts, boolean keyframe) {
    ByteBuf b = Unpooled.buffer(300);
    b.writeByte(0x80).writeByte(96).writeShort(seq).writeInt((int) ts).writeInt(0x1111);
    b.writeByte(0x10).writeByte(keyframe ? 0x00 : 0x01);
    b.writeBytes(new byte[200]);
    return b;
  }

  private static void connect(WebRtcPeer peer, WebRtcEndpoint endpoint) throws Exception {
    connect(peer, endpoint, true);
  }

  /**
   * Offer/answer and trickle ICE between a synthetic peer and its endpoint; with {@code ipv6}
   * false the peer gathers IPv4 candidates only.
   */
  static void connect(WebRtcPeer peer, WebRtcEndpoint endpoint, boolean ipv6) throws Exception {
    endpoint.addIceCandidateFoundListener(e -> peer.addRemoteCandidate(e.getCandidate()
        .getCandidate()));
    peer.onLocalCandidate(c -> endpoint.addIceCandidate(new IceCandidate(c, "0", 0)));
    String offer = peer.createOffer("", ipv6).get(20, TimeUnit.SECONDS);
    String answer = endpoint.processOffer(offer);
    peer.acceptAnswer(answer).get(10, TimeUnit.SECONDS);
    endpoint.gatherCandidates();
  }

  /** A 1012-byte RTP packet whose payload starts a VP8 keyframe (see the comment inside). */
  static ByteBuf rtp(int pt, int seq, long ts, int ssrc) {
    ByteBuf b = Unpooled.buffer(1200);
    b.writeByte(0x80).writeByte(pt).writeShort(seq).writeInt((int) ts).writeInt(ssrc);
    // Each VP8 packet starts a key frame (descriptor S=1, PID=0; payload header P=0): the
    // server holds back a new source's video until a keyframe.
    b.writeByte(0x10);
    b.writeBytes(new byte[999]);
    return b;
  }
}
