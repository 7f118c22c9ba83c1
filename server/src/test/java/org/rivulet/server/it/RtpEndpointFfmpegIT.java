package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kurento.client.CryptoSuite;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RTCInboundRTPStreamStats;
import org.kurento.client.RTCOutboundRTPStreamStats;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.SDES;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.server.it.browser.Browser;
import org.rivulet.server.it.browser.PagePeer;

/**
 * RtpEndpoint with Debian's ffmpeg as the plain-RTP peer, bridged to Chromium through a
 * WebRtcEndpoint, both ways:
 *
 * <pre>
 *  ffmpeg (VP8 + Opus over RTP) ─▶ RtpEndpoint ─▶ WebRtcEndpoint ─▶ Chromium (decodes)
 *  Chromium ─▶ WebRtcEndpoint ─▶ RtpEndpoint ─▶ ffmpeg (SDP file) ─▶ WebM ─▶ ffprobe
 * </pre>
 *
 * The SDP offers describe ffmpeg's side (its ports, set with localrtpport/localrtcpport so that
 * its packets come from the announced address: the endpoint accepts nothing else).
 */
@Timeout(180)
class RtpEndpointFfmpegIT {
  private static final Pattern M_LINE = Pattern.compile("m=(audio|video) (\\d+) ");

  @Test
  void ffmpegSendsVp8AndOpusThatChromiumDecodes() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      Process ffmpeg = null;
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        RtpEndpoint rtp = new RtpEndpoint.Builder(pipeline).build();
        WebRtcEndpoint webrtc = new WebRtcEndpoint.Builder(pipeline).build();
        rtp.connect(webrtc);
        int audioPort = freeEvenPort();
        int videoPort = freeEvenPort();
        // VP8 on payload type 100 here; Chromium uses another: the routing maps by codec.
        String answer = rtp.processOffer(offer(audioPort, videoPort, "sendonly")
            .replace("RTP/AVP 96", "RTP/AVP 100").replace("rtpmap:96 VP8", "rtpmap:100 VP8"));
        int ourAudio = port(answer, "audio");
        int ourVideo = port(answer, "video");
        assertTrue(answer.contains("a=recvonly"), answer);

        PagePeer viewer = browser.peer();
        OneToManyIT.connect(webrtc, viewer, viewer.createReceiveOnlyOffer(true, true));
        ffmpeg = start("-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
            "-b:v", "800k", "-g", "30", "-pix_fmt", "yuv420p", "-payload_type", "100",
            "-ssrc", "1111", "-f", "rtp", rtpUrl(ourVideo, videoPort),
            "-map", "1:a", "-c:a", "libopus", "-ac", "2", "-b:a", "64k", "-payload_type", "111",
            "-ssrc", "2222", "-f", "rtp", rtpUrl(ourAudio, audioPort));
        long frames = viewer.awaitFramesDecoded(100, Duration.ofSeconds(40));
        assertTrue(frames >= 100, "frames Chromium decoded from ffmpeg's RTP: " + frames);
        assertTrue(viewer.awaitAudioPacketsReceived(50, Duration.ofSeconds(10)) >= 50, "audio");
        pipeline.release();
      } finally {
        stop(ffmpeg);
        kurento.destroy();
      }
    }
  }

  @Test
  void chromiumSendsToFfmpegWhichWritesWebm(@TempDir Path dir) throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      Process ffmpeg = null;
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint webrtc = new WebRtcEndpoint.Builder(pipeline).build();
        RtpEndpoint rtp = new RtpEndpoint.Builder(pipeline).build();
        webrtc.connect(rtp);
        int audioPort = freeEvenPort();
        int videoPort = freeEvenPort();
        String offer = offer(audioPort, videoPort, "recvonly");
        String answer = rtp.processOffer(offer);
        assertTrue(answer.contains("a=sendonly"), answer);
        // ffmpeg listens where the offer says and writes what arrives.
        Path sdp = dir.resolve("ffmpeg.sdp");
        Files.writeString(sdp, offer, StandardCharsets.US_ASCII);
        Path webm = dir.resolve("out.webm");
        Path log = dir.resolve("ffmpeg.log");
        // One CI run wrote a file without its video track. ffmpeg drops a stream whose
        // parameters it has not found within 5 s of media, and its reorder queue waits for 500
        // packets before it skips a missing one: more time for the video to start (Chromium on a
        // busy machine), and a bounded wait. A failure now shows ffmpeg's log.
        ffmpeg = startLogging(log, "-protocol_whitelist", "file,udp,rtp",
            "-analyzeduration", "15000000", "-reorder_queue_size", "64", "-i", sdp.toString(),
            "-t", "12", "-c", "copy", "-f", "webm", webm.toString());

        PagePeer sender = browser.peer();
        OneToManyIT.connect(webrtc, sender, sender.createOffer(true, true));
        boolean done = ffmpeg.waitFor(40, TimeUnit.SECONDS);
        assertTrue(done, "ffmpeg stopped after 12 s of media; its log: " + Files.readString(log));
        String frames = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0",
            webm.toString()).trim();
        String[] parts = frames.split(",");
        String what = "ffprobe: " + frames + "; all streams: " + run("ffprobe", "-v", "error",
            "-show_entries", "stream=index,codec_name,width,height", "-of", "csv=p=0",
            webm.toString()).trim() + "; ffmpeg's log: " + Files.readString(log)
            + "; video the server got from Chromium: " + receivedVideo(webrtc)
            + "; sent to ffmpeg: " + sentVideo(rtp);
        assertEquals("vp8", parts[0], what);
        assertTrue(Integer.parseInt(parts[1].trim()) >= 100, "frames ffprobe read: " + what);
        pipeline.release();
      } finally {
        stop(ffmpeg);
        kurento.destroy();
      }
    }
  }

  @Test
  void ffmpegSendsSrtpWithSdesKeys() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      Process ffmpeg = null;
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        SDES sdes = new SDES();
        sdes.setCrypto(CryptoSuite.AES_128_CM_HMAC_SHA1_80);
        RtpEndpoint rtp = new RtpEndpoint.Builder(pipeline).withCrypto(sdes).build();
        WebRtcEndpoint webrtc = new WebRtcEndpoint.Builder(pipeline).build();
        rtp.connect(webrtc);
        int videoPort = freeEvenPort();
        String key = java.util.Base64.getEncoder().encodeToString(
            "0123456789abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
        String offer = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=ffmpeg",
            "c=IN IP4 127.0.0.1", "t=0 0", "m=video " + videoPort + " RTP/SAVP 96",
            "a=rtpmap:96 VP8/90000", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key,
            "a=sendonly", "");
        String answer = rtp.processOffer(offer);
        assertTrue(answer.contains("RTP/SAVP") && answer.contains("a=crypto:1 "), answer);

        PagePeer viewer = browser.peer();
        OneToManyIT.connect(webrtc, viewer, viewer.createReceiveOnlyOffer(false, true));
        ffmpeg = start("-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30",
            "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "800k",
            "-g", "30", "-pix_fmt", "yuv420p", "-payload_type", "96", "-ssrc", "3333",
            "-f", "rtp", "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params", key,
            "srtp://127.0.0.1:" + port(answer, "video") + "?localrtpport=" + videoPort
                + "&localrtcpport=" + (videoPort + 1) + "&pkt_size=1200");
        long frames = viewer.awaitFramesDecoded(100, Duration.ofSeconds(40));
        assertTrue(frames >= 100, "frames Chromium decoded from ffmpeg's SRTP: " + frames);
        pipeline.release();
      } finally {
        stop(ffmpeg);
        kurento.destroy();
      }
    }
  }

  @Test
  void twoRtpEndpointsWithCryptoCarryChromiumsMedia() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(); Browser browser = Browser.start()) {
      KurentoClient kurento = KurentoClient.create(server.url());
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint ingress = new WebRtcEndpoint.Builder(pipeline).build();
        WebRtcEndpoint egress = new WebRtcEndpoint.Builder(pipeline).build();
        SDES sdes = new SDES();
        sdes.setCrypto(CryptoSuite.AES_256_CM_HMAC_SHA1_80);
        RtpEndpoint a = new RtpEndpoint.Builder(pipeline).withCrypto(sdes).build();
        RtpEndpoint b = new RtpEndpoint.Builder(pipeline).withCrypto(sdes).build();
        ingress.connect(a);
        b.connect(egress);
        String offer = a.generateOffer();
        assertTrue(offer.contains("RTP/SAVPF") && offer.contains("AES_256_CM_HMAC_SHA1_80"),
            offer);
        a.processAnswer(b.processOffer(offer));

        PagePeer sender = browser.peer();
        PagePeer receiver = browser.newPeer("receiver");
        OneToManyIT.connect(ingress, sender, sender.createOffer(true, true));
        OneToManyIT.connect(egress, receiver, receiver.createReceiveOnlyOffer(true, true));
        long frames = receiver.awaitFramesDecoded(100, Duration.ofSeconds(40));
        assertTrue(frames >= 100, "frames across two SDES-SRTP RtpEndpoints: " + frames);
        assertTrue(receiver.awaitAudioPacketsReceived(50, Duration.ofSeconds(10)) >= 50, "audio");
        pipeline.release();
      } finally {
        kurento.destroy();
      }
    }
  }

  /** An SDP offer for ffmpeg's side: VP8 and Opus on its ports, in the given direction. */
  static String offer(int audioPort, int videoPort, String direction) {
    return String.join("\r\n",
        "v=0",
        "o=- 0 0 IN IP4 127.0.0.1",
        "s=ffmpeg",
        "c=IN IP4 127.0.0.1",
        "t=0 0",
        "m=audio " + audioPort + " RTP/AVP 111",
        "a=rtpmap:111 opus/48000/2",
        "a=" + direction,
        "m=video " + videoPort + " RTP/AVP 96",
        "a=rtpmap:96 VP8/90000",
        "a=" + direction,
        "");
  }

  static int port(String sdp, String kind) {
    Matcher m = M_LINE.matcher(sdp);
    while (m.find()) {
      if (m.group(1).equals(kind)) {
        return Integer.parseInt(m.group(2));
      }
    }
    throw new AssertionError("no m=" + kind + " in " + sdp);
  }

  /** A free even port whose odd neighbour is free too (RTP and RTCP). */
  static int freeEvenPort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 30000 + 2 * (int) (Math.random() * 5000);
      try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
          DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1))) {
        return port;
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no free even UDP port pair");
  }

  private static String rtpUrl(int to, int from) {
    return "rtp://127.0.0.1:" + to + "?localrtpport=" + from + "&localrtcpport=" + (from + 1)
        + "&pkt_size=1200";
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel",
        "error", "-nostdin", "-y"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static Process startLogging(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats",
        "-loglevel", "warning", "-nostdin", "-y"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static String receivedVideo(WebRtcEndpoint e) {
    return e.getStats(MediaType.VIDEO).values().stream()
        .filter(RTCInboundRTPStreamStats.class::isInstance)
        .map(RTCInboundRTPStreamStats.class::cast)
        .map(st -> st.getPacketsReceived() + " packets, " + st.getPacketsLost() + " lost, "
            + st.getPliCount() + " PLI")
        .toList().toString();
  }

  private static String sentVideo(RtpEndpoint e) {
    return e.getStats(MediaType.VIDEO).values().stream()
        .filter(RTCOutboundRTPStreamStats.class::isInstance)
        .map(RTCOutboundRTPStreamStats.class::cast)
        .map(st -> st.getPacketsSent() + " packets").toList().toString();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out;
  }

  private static void stop(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
