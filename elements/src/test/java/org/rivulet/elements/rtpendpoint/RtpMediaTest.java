package org.rivulet.elements.rtpendpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.transport.EventLoops;

/**
 * RtpEndpoint's media over real loopback sockets: offer/answer with a plain-RTP peer, media from
 * the announced address accepted, and RTP Bleed: the same packets from any other address or port
 * are dropped and counted, with no latching.
 */
class RtpMediaTest {
  private static final Pattern M_LINE = Pattern.compile("m=(audio|video) (\\d+) ");

  private EventLoops loops;
  private EventLoop loop;
  private RtpMedia media;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    loops = EventLoops.create(1, 1);
    loop = loops.media().next();
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "41000",
            "BaseRtpEndpoint.maxPort", "41999"), Map.of()));
    // Offers made here use loopback only: this machine has another interface tests must not use.
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    media = new RtpMedia("rtp-test", loop, network, config, false, null,
        new RtpMedia.Callbacks() {
          @Override
          public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
            received.add(kind + " " + format.encoding() + " " + rtp.getUnsignedShort(
                rtp.readerIndex() + 2));
            rtp.release();
          }

          @Override
          public void keyframeRequested(MediaType kind) {
          }

          @Override
          public void connected() {
          }
        });
  }

  @AfterEach
  void tearDown() throws Exception {
    loop.submit(media::close).get(5, TimeUnit.SECONDS);
    loops.close();
  }

  private static String offer(int audioPort, int videoPort) {
    return String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
        "c=IN IP4 127.0.0.1", "t=0 0",
        "m=audio " + audioPort + " RTP/AVP 111", "a=rtpmap:111 opus/48000/2",
        "m=video " + videoPort + " RTP/AVPF 96", "a=rtpmap:96 VP8/90000",
        "a=rtcp-fb:96 nack", "");
  }

  private static int port(String sdp, String kind) {
    Matcher m = M_LINE.matcher(sdp);
    while (m.find()) {
      if (m.group(1).equals(kind)) {
        return Integer.parseInt(m.group(2));
      }
    }
    throw new AssertionError(sdp);
  }

  private static byte[] rtp(int pt, int seq) {
    byte[] p = new byte[40];
    p[0] = (byte) 0x80;
    p[1] = (byte) pt;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[11] = 7;
    p[12] = 0x10;  // VP8: S=1, PID=0; then a key frame's P=0
    return p;
  }

  private String answer(String offer) throws Exception {
    return loop.submit(() -> media.processOffer(offer)).get(5, TimeUnit.SECONDS)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void acceptsMediaOnlyFromTheAnnouncedAddress() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket peerVideo = new DatagramSocket(new InetSocketAddress(lo, 0));
        DatagramSocket peerAudio = new DatagramSocket(new InetSocketAddress(lo, 0));
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      String answer = answer(offer(peerAudio.getLocalPort(), peerVideo.getLocalPort()));
      assertTrue(answer.contains("c=IN IP4 127.0.0.1"), answer);
      assertTrue(answer.contains("RTP/AVPF 96"), answer);
      int ourVideo = port(answer, "video");
      int ourAudio = port(answer, "audio");
      assertEquals(0, ourVideo % 2, "RTP on an even port, RTCP on the next");
      InetSocketAddress video = new InetSocketAddress(lo, ourVideo);
      for (int seq = 1; seq <= 5; seq++) {
        byte[] fromStranger = rtp(96, 100 + seq);
        stranger.send(new DatagramPacket(fromStranger, fromStranger.length, video));
      }
      byte[] good = rtp(96, 7);
      peerVideo.send(new DatagramPacket(good, good.length, video));
      byte[] audio = rtp(111, 9);
      peerAudio.send(new DatagramPacket(audio, audio.length, new InetSocketAddress(lo, ourAudio)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(100);
      assertEquals(java.util.Set.of("VIDEO VP8 7", "AUDIO opus 9"),
          java.util.Set.copyOf(received), "only the announced peer's packets");
      assertEquals(2, received.size());
      assertEquals(5L, (long) loop.submit(media::unannouncedDrops).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void offersWithoutPlainRtpOrWithHostNamesAreRefused() throws Exception {
    String dtls = offer(5000, 5002).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF");
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer(dtls));
    assertTrue(e.getCause() instanceof KurentoException
        || e.getCause() instanceof CompletionException, e.toString());
    assertTrue(e.getCause().getMessage().contains("no audio or video m-line"),
        e.getCause().getMessage());
  }

  @Test
  void generateOfferThenAnswerStartsMedia() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      String offer = loop.submit(() -> media.generateOffer(false, true)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(offer.contains("m=video") && offer.contains("RTP/AVPF"), offer);
      String answer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
          "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + peer.getLocalPort() + " RTP/AVPF 96",
          "a=rtpmap:96 VP8/90000", "");
      loop.submit(() -> media.processAnswer(answer)).get(5, TimeUnit.SECONDS);
      byte[] good = rtp(96, 3);
      peer.send(new DatagramPacket(good, good.length,
          new InetSocketAddress(lo, port(offer, "video"))));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of("VIDEO VP8 3"), received);
    }
  }
}
