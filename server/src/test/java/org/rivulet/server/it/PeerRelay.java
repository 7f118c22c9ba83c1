package org.rivulet.server.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.transport.EventLoops;

/**
 * Two synthetic peers relayed by a server: {@link #sender} → {@link #ingress} → {@link #egress} →
 * {@link #receiver}, the endpoints of one pipeline, connected. The peers are not negotiated yet,
 * so a test can set them up first ({@link WebRtcPeer#tapSockets}, {@link WebRtcPeer#dtlsRole},
 * candidate listeners) and then call {@link #connect} (or {@link SyntheticPeerIT#connect}, for
 * another order). Closing closes the peers,
 * the client and the peers' loops; the server is the test's.
 */
final class PeerRelay implements AutoCloseable {
  private static final RtpFormat OPUS = new RtpFormat("opus", 48000, 2);
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final EventLoops loops = EventLoops.create(1, 1);
  final WebRtcPeer sender;
  final WebRtcPeer receiver;
  final KurentoClient kurento;
  final MediaPipeline pipeline;
  final WebRtcEndpoint ingress;
  final WebRtcEndpoint egress;
  private final MediaNetwork network;
  private final List<WebRtcPeer> offerers = new CopyOnWriteArrayList<>();

  /** The peers bind ports {@code minPort} to {@code minPort + 999}. */
  PeerRelay(RivuletProcess server, int minPort) {
    network = new MediaNetwork(loops, blocking, ModuleConfig.of(
        Map.of("BaseRtpEndpoint.minPort", Integer.toString(minPort),
            "BaseRtpEndpoint.maxPort", Integer.toString(minPort + 999)),
        Map.of()));
    sender = new WebRtcPeer(loops.media().next(), network);
    receiver = new WebRtcPeer(loops.media().next(), network);
    kurento = KurentoClient.create(server.url());
    pipeline = kurento.createMediaPipeline();
    ingress = new WebRtcEndpoint.Builder(pipeline).build();
    egress = new WebRtcEndpoint.Builder(pipeline).build();
    ingress.connect(egress);
  }

  /**
   * Negotiates the sender with the ingress and the receiver with the egress (IPv4 candidates only),
   * then waits until both have their SRTP keys.
   */
  void connect() throws Exception {
    SyntheticPeerIT.connect(sender, ingress, false);
    SyntheticPeerIT.connect(receiver, egress, false);
    sender.secured().get(20, TimeUnit.SECONDS);
    receiver.secured().get(20, TimeUnit.SECONDS);
  }

  /**
   * From now on, the first four payload bytes (as an int) of each RTP packet the receiver gets,
   * in order of arrival: the tests' packets number themselves there.
   */
  List<Integer> receivedIndexes() {
    List<Integer> heard = new CopyOnWriteArrayList<>();
    receiver.onRtp(rtp -> {
      RtpPacket p = RtpPacket.parse(rtp);
      if (p != null && p.payloadLength() >= 4) {
        heard.add(rtp.getInt(p.payloadOffset()));
      }
      rtp.release();
    });
    return heard;
  }

  /**
   * A valid offer (IPv4 loopback) from a peer that never connects: for viewers that only need to
   * negotiate, each of which may answer the same offer.
   */
  String offerForViewers() throws Exception {
    WebRtcPeer peer = new WebRtcPeer(loops.media().next(), network);
    offerers.add(peer);
    return peer.createOffer("lo", false).get(20, TimeUnit.SECONDS);
  }

  /** Waits up to {@code seconds} until the receiver has heard more than {@code count} packets. */
  void awaitAudio(long count, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (receiver.packetsReceived(MediaType.AUDIO) <= count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long heard = receiver.packetsReceived(MediaType.AUDIO);
    if (heard <= count) {
      throw new AssertionError("the receiver heard " + heard + " packets, wanted more than "
          + count + " within " + seconds + " s");
    }
  }

  /** Sends, from the sender, an Opus packet whose payload starts with {@code index}. */
  void sendAudio(int index) {
    ByteBuf b = Unpooled.buffer(200);
    b.writeByte(0x80).writeByte(111).writeShort(index).writeInt(960 * index).writeInt(0x2222);
    b.writeInt(index);
    b.writeBytes(new byte[96]);
    sender.send(MediaType.AUDIO, OPUS, b);
  }

  @Override
  public void close() {
    offerers.forEach(WebRtcPeer::close);
    sender.close();
    receiver.close();
    kurento.destroy();
    loops.close();
    blocking.shutdownNow();
  }
}
