package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * While Chromium's loopback session flows, a stranger on loopback sends the server's media port
 * every kind of bad datagram: STUN with a bad MESSAGE-INTEGRITY, a bad FINGERPRINT or a bad
 * attribute length, a DTLS ClientHello from an address ICE never validated, SRTP with a bad tag,
 * malformed RTP and RTCP, and noise. Each is dropped (and counted, as the unit tests of the
 * demux, ICE agent and SRTP check); the session keeps decoding.
 */
@Timeout(90)
class WebRtcBadInputIT {

  @Test
  void hostileDatagramsDoNotDisturbAFlowingSession() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        webRtc.connect(webRtc);
        PagePeer peer = browser.peer();
        List<String> serverCandidates = new CopyOnWriteArrayList<>();
        webRtc.addIceCandidateFoundListener(e -> {
          serverCandidates.add(e.getCandidate().getCandidate());
          peer.addIceCandidate(e.getCandidate().getCandidate(), e.getCandidate().getSdpMid(),
              e.getCandidate().getSdpMLineIndex());
        });
        peer.setRemoteAnswer(webRtc.processOffer(peer.createOffer(true, true)));
        webRtc.gatherCandidates();
        Trickle.browserToServerUntil(peer, webRtc, () -> peer.framesDecoded() >= 30,
            Duration.ofSeconds(15));
        assertTrue(peer.framesDecoded() >= 30, "the session flows before the attack");
        int port = serverCandidates.stream().filter(c -> c.contains(" udp ") || c.contains(" UDP "))
            .map(c -> Integer.parseInt(c.split(" ")[5])).findFirst().orElseThrow();

        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
          InetAddress to = InetAddress.getLoopbackAddress();
          Random random = new Random(7);
          for (int round = 0; round < 200; round++) {
            for (byte[] bad : badDatagrams(random)) {
              stranger.send(new DatagramPacket(bad, bad.length, to, port));
            }
          }
        }
        long before = peer.framesDecoded();
        assertTrue(peer.framesDecodedRisingFor(Duration.ofSeconds(3)),
            "frames keep being decoded after the attack");
        assertTrue(peer.framesDecoded() > before + 30, "frames: " + before + " -> "
            + peer.framesDecoded());
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }

  private static List<byte[]> badDatagrams(Random random) {
    return List.of(
        stun(true, false, false),   // bad MESSAGE-INTEGRITY
        stun(false, true, false),   // bad FINGERPRINT
        stun(false, false, true),   // attribute length past the end
        dtlsClientHello(),          // DTLS from an unvalidated address
        rtp(random, 96),            // SRTP with a bad tag (random bytes where the tag is)
        rtp(random, 200),           // RTCP-looking garbage
        new byte[] {(byte) 0x80},   // truncated RTP
        noise(random));
  }

  private static byte[] stun(boolean badIntegrity, boolean badFingerprint, boolean badLength) {
    // Binding request, USERNAME "a:b", MESSAGE-INTEGRITY of zeros, FINGERPRINT of zeros.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + 8 + 24 + 8);
    b.putShort((short) 0x0001).putShort((short) (8 + 24 + 8)).putInt(0x2112A442);
    b.put(new byte[12]);
    b.putShort((short) 0x0006).putShort((short) (badLength ? 200 : 3)).put(new byte[] {'a', ':', 'b', 0});
    b.putShort((short) 0x0008).putShort((short) 20).put(new byte[20]);
    b.putShort((short) 0x8028).putShort((short) 4).putInt(badFingerprint ? 0x12345678 : 0);
    return b.array();
  }

  private static byte[] dtlsClientHello() {
    byte[] record = new byte[120];
    record[0] = 22;       // handshake
    record[1] = (byte) 0xfe;
    record[2] = (byte) 0xfd;  // DTLS 1.2
    record[11] = 0;
    record[12] = 107;     // length
    record[13] = 1;       // ClientHello
    return record;
  }

  private static byte[] rtp(Random random, int type) {
    byte[] p = new byte[200];
    random.nextBytes(p);
    p[0] = (byte) 0x80;
    p[1] = (byte) type;
    return p;
  }

  private static byte[] noise(Random random) {
    byte[] p = new byte[1 + random.nextInt(1400)];
    random.nextBytes(p);
    return p;
  }
}
