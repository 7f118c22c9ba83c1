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

  /** A datagram longer than 1500 bytes is dropped and counted, even from the peer (B1.3). */
  @Test
  void anOversizedDatagramFromThePeerIsDroppedAndCounted() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket peerVideo = new DatagramSocket(new InetSocketAddress(lo, 0));
        DatagramSocket peerAudio = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      String answer = answer(offer(peerAudio.getLocalPort(), peerVideo.getLocalPort()));
      InetSocketAddress video = new InetSocketAddress(lo, port(answer, "video"));
      byte[] oversized = java.util.Arrays.copyOf(rtp(96, 6), 1600);
      peerVideo.send(new DatagramPacket(oversized, oversized.length, video));
      byte[] good = rtp(96, 7);
      peerVideo.send(new DatagramPacket(good, good.length, video));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(100);
      assertEquals(List.of("VIDEO VP8 7"), received);
      assertEquals(1L, (long) loop.submit(media::oversizedDrops).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void offersWithoutPlainRtpAreRefused() throws Exception {
    String dtls = offer(5000, 5002).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF");
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer(dtls));
    assertTrue(e.getCause() instanceof KurentoException
        || e.getCause() instanceof CompletionException, e.toString());
    assertTrue(e.getCause().getMessage().contains("no audio or video m-line"),
        e.getCause().getMessage());
  }

  @Test
  void twoEndpointsWithCryptoNegotiateSdesAndCarrySrtp() throws Exception {
    List<String> atB = new CopyOnWriteArrayList<>();
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "42000",
            "BaseRtpEndpoint.maxPort", "42999"), Map.of()));
    org.rivulet.elements.Struct crypto = org.rivulet.elements.Struct.of("SDES",
        "crypto", "AES_128_CM_HMAC_SHA1_80");
    RtpMedia a = new RtpMedia("a", loop, network, config, false, crypto, new NoCallbacks());
    RtpMedia b = new RtpMedia("b", loop, network, config, false, crypto, new NoCallbacks() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
        atB.add(kind + " " + rtp.getUnsignedShort(rtp.readerIndex() + 2) + " "
            + rtp.getByte(rtp.readerIndex() + 12));
        rtp.release();
      }
    });
    try {
      String offer = loop.submit(() -> a.generateOffer(false, true)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(offer.contains("RTP/SAVPF"), offer);
      assertTrue(offer.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"), offer);
      String answer = loop.submit(() -> b.processOffer(offer)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(answer.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"), answer);
      loop.submit(() -> a.processAnswer(answer)).get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        ByteBuf packet = io.netty.buffer.Unpooled.buffer(64);
        packet.writeBytes(rtp(96, 50 + i));
        loop.submit(() -> a.send(MediaType.VIDEO, new RtpFormat("VP8", 90000, 1), packet))
            .get(5, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (atB.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(3, atB.size(), "decrypted at b: " + atB);
      assertTrue(atB.get(0).endsWith(" 16"), "the VP8 descriptor byte came through in clear");
    } finally {
      loop.submit(() -> {
        a.close();
        b.close();
      }).get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMalformedOrUnusableCryptoLineIsAnSdpError() throws Exception {
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "43000",
            "BaseRtpEndpoint.maxPort", "43999"), Map.of()));
    RtpMedia secure = new RtpMedia("s", loop, network, config, false,
        org.rivulet.elements.Struct.of("SDES", "crypto", "AES_128_CM_HMAC_SHA1_80"),
        new NoCallbacks());
    try {
      String wrongSuite = offer(5000, 5002).replace("RTP/AVP ", "RTP/SAVP ")
          .replace("RTP/AVPF ", "RTP/SAVPF ")
          .replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/90000\r\na=crypto:1 "
              + "AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
      ExecutionException e = assertThrows(ExecutionException.class, () ->
          loop.submit(() -> secure.processOffer(wrongSuite)).get(5, TimeUnit.SECONDS)
              .toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof KurentoException, e.toString());
      String garbage = offer(5000, 5002).replace("RTP/AVP ", "RTP/SAVP ")
          .replace("a=rtpmap:111", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!notbase64!!\r\n"
              + "a=rtpmap:111");
      ExecutionException parse = assertThrows(ExecutionException.class, () ->
          loop.submit(() -> secure.processOffer(garbage)).get(5, TimeUnit.SECONDS)
              .toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertTrue(parse.getCause() instanceof KurentoException, parse.toString());
    } finally {
      loop.submit(secure::close).get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void srtpWithTheWrongKeyIsDroppedAndTheRightOneStillArrives() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    byte[] key = new byte[30];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i + 1);
    }
    String inline = java.util.Base64.getEncoder().encodeToString(key);
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "44000",
            "BaseRtpEndpoint.maxPort", "44999"), Map.of()));
    RtpMedia secure = new RtpMedia("s", loop, network, config, false,
        org.rivulet.elements.Struct.of("SDES", "crypto", "AES_128_CM_HMAC_SHA1_80"),
        new NoCallbacks() {
          @Override
          public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
            received.add(kind + " " + rtp.getUnsignedShort(rtp.readerIndex() + 2));
            rtp.release();
          }
        });
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
          "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + peer.getLocalPort() + " RTP/SAVP 96",
          "a=rtpmap:96 VP8/90000", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + inline, "");
      String answer = loop.submit(() -> secure.processOffer(offer)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      InetSocketAddress to = new InetSocketAddress(lo, port(answer, "video"));
      byte[] wrongKey = key.clone();
      wrongKey[0] ^= 1;
      org.rivulet.srtp.SrtpSender right = new org.rivulet.srtp.SrtpSender(
          org.rivulet.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80,
          java.util.Arrays.copyOf(key, 16), java.util.Arrays.copyOfRange(key, 16, 30));
      org.rivulet.srtp.SrtpSender wrong = new org.rivulet.srtp.SrtpSender(
          org.rivulet.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80,
          java.util.Arrays.copyOf(wrongKey, 16), java.util.Arrays.copyOfRange(wrongKey, 16, 30));
      for (int seq = 1; seq <= 4; seq++) {
        send(peer, to, wrong, seq);      // from the announced address, with the wrong key
      }
      send(peer, to, right, 10);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(100);
      assertEquals(List.of("VIDEO 10"), received, "only the packet with the negotiated key");
      long drops = loop.submit(() -> secure.sessions().get(0)
          .drops(org.rivulet.elements.webrtc.RtpSession.Drop.SRTP_FAILED)).get(5, TimeUnit.SECONDS);
      assertEquals(4, drops, "the wrong key's packets were dropped and counted");
    } finally {
      loop.submit(secure::close).get(5, TimeUnit.SECONDS);
    }
  }

  private static void send(DatagramSocket from, InetSocketAddress to,
      org.rivulet.srtp.SrtpSender sender, int seq) throws java.io.IOException {
    ByteBuf buf = io.netty.buffer.Unpooled.buffer(100);
    try {
      buf.writeBytes(rtp(96, seq));
      assertEquals(org.rivulet.srtp.SrtpResult.OK, sender.protectRtp(buf));
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      from.send(new DatagramPacket(bytes, bytes.length, to));
    } finally {
      buf.release();
    }
  }

  @Test
  void thePeersKeyReachingItsSoftLimitIsReportedOnce() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    byte[] key = new byte[30];
    java.util.Arrays.fill(key, (byte) 7);
    String inline = java.util.Base64.getEncoder().encodeToString(key);
    List<MediaType> softLimits = new CopyOnWriteArrayList<>();
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "46000",
            "BaseRtpEndpoint.maxPort", "46999"), Map.of()));
    RtpMedia secure = new RtpMedia("s", loop, network, config, false,
        org.rivulet.elements.Struct.of("SDES", "crypto", "AES_128_CM_HMAC_SHA1_80"),
        new NoCallbacks() {
          @Override
          public void keySoftLimit(MediaType kind) {
            softLimits.add(kind);
          }
        });
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      // The smallest lifetime accepted, 2^16 packets: its soft limit is half of it.
      String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
          "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + peer.getLocalPort() + " RTP/SAVP 96",
          "a=rtpmap:96 VP8/90000", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + inline + "|2^16",
          "");
      String answer = loop.submit(() -> secure.processOffer(offer)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      InetSocketAddress to = new InetSocketAddress(lo, port(answer, "video"));
      org.rivulet.srtp.SrtpSender sender = new org.rivulet.srtp.SrtpSender(
          org.rivulet.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80,
          java.util.Arrays.copyOf(key, 16), java.util.Arrays.copyOfRange(key, 16, 30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int seq = 0;
      for (; softLimits.isEmpty() && seq < 65_000 && System.nanoTime() < deadline; seq++) {
        send(peer, to, sender, seq);
        if (seq % 10 == 0) {
          Thread.sleep(1);  // let the receiver keep up: a lost packet would not count
        }
      }
      for (int i = 0; i < 200 && seq + i < 65_500; i++) {
        send(peer, to, sender, seq + i);  // past the limit: no second event
      }
      Thread.sleep(200);
      long in = loop.submit(() -> secure.sessions().get(0).packetsIn()).get(5, TimeUnit.SECONDS);
      assertEquals(List.of(MediaType.VIDEO), softLimits,
          "OnKeySoftLimit once, for video, after " + in + " packets");
    } finally {
      loop.submit(secure::close).get(5, TimeUnit.SECONDS);
    }
  }

  /** An RTCP receiver report from SSRC 5 with no blocks (RFC 3550 section 6.4.2). */
  private static byte[] rtcp() {
    return new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 5};
  }

  @Test
  void rtcpIsAcceptedFromTheAnnouncedRtcpPortOnly() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket peerRtp = new DatagramSocket(new InetSocketAddress(lo, 0));
        DatagramSocket peerRtcp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      // a=rtcp (RFC 3605) puts the peer's RTCP elsewhere than rtp + 1.
      String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
          "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + peerRtp.getLocalPort() + " RTP/AVP 96",
          "a=rtpmap:96 VP8/90000", "a=rtcp:" + peerRtcp.getLocalPort(), "");
      String answer = answer(offer);
      InetSocketAddress ourRtcp = new InetSocketAddress(lo, port(answer, "video") + 1);
      byte[] report = rtcp();
      peerRtp.send(new DatagramPacket(report, report.length, ourRtcp));  // wrong source port
      peerRtcp.send(new DatagramPacket(report, report.length, ourRtcp));
      Thread.sleep(300);
      assertEquals(1L, (long) loop.submit(media::unannouncedDrops).get(5, TimeUnit.SECONDS),
          "only the report from the a=rtcp port was accepted");
      assertEquals(0L, (long) loop.submit(() -> media.sessions().get(0)
          .drops(org.rivulet.elements.webrtc.RtpSession.Drop.MALFORMED)).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void rtcpMuxIsAnsweredAndRtcpAcceptedOnTheRtpPort() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=peer",
          "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + peer.getLocalPort() + " RTP/AVPF 96",
          "a=rtpmap:96 VP8/90000", "a=rtcp-mux", "");
      String answer = answer(offer);
      assertTrue(answer.contains("a=rtcp-mux"), answer);
      InetSocketAddress ourRtp = new InetSocketAddress(lo, port(answer, "video"));
      byte[] report = rtcp();
      peer.send(new DatagramPacket(report, report.length, ourRtp));
      byte[] media1 = rtp(96, 4);
      peer.send(new DatagramPacket(media1, media1.length, ourRtp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of("VIDEO VP8 4"), received, "RTP and RTCP share the RTP port");
      assertEquals(0L, (long) loop.submit(media::unannouncedDrops).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void useIpv6AnswersAnIpv6OfferOnIpv6() throws Exception {
    ModuleConfig config = ModuleConfig.of(Map.of("RtpEndpoint.networkInterfaces", "lo"), Map.of());
    MediaNetwork network = new MediaNetwork(loops, Executors.newSingleThreadExecutor(),
        ModuleConfig.of(Map.of("BaseRtpEndpoint.minPort", "45000",
            "BaseRtpEndpoint.maxPort", "45999"), Map.of()));
    RtpMedia v6 = new RtpMedia("v6", loop, network, config, true, null, new NoCallbacks() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
        received.add(kind + " " + rtp.getUnsignedShort(rtp.readerIndex() + 2));
        rtp.release();
      }
    });
    InetAddress lo6 = InetAddress.getByName("::1");
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo6, 0))) {
      String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP6 ::1", "s=peer",
          "c=IN IP6 ::1", "t=0 0", "m=video " + peer.getLocalPort() + " RTP/AVP 96",
          "a=rtpmap:96 VP8/90000", "");
      String answer = loop.submit(() -> v6.processOffer(offer)).get(5, TimeUnit.SECONDS)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(answer.contains("c=IN IP6 "), answer);
      byte[] packet = rtp(96, 21);
      peer.send(new DatagramPacket(packet, packet.length,
          new InetSocketAddress(lo6, port(answer, "video"))));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of("VIDEO 21"), received);
    } finally {
      loop.submit(v6::close).get(5, TimeUnit.SECONDS);
    }
  }

  /** Callbacks that drop everything. */
  private static class NoCallbacks implements RtpMedia.Callbacks {
    @Override
    public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
      rtp.release();
    }

    @Override
    public void keyframeRequested(MediaType kind) {
    }

    @Override
    public void connected() {
    }
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
