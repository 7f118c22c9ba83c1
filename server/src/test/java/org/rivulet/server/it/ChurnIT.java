package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.transport.EventLoops;

/**
 * RELIABILITY.md (c), churn: viewers come and go all day, and the server must end up holding what
 * it held before. While a synthetic presenter sends audio into a pipeline:
 * <ul>
 *   <li>{@value #NEGOTIATED} viewers are created, connected to the presenter's endpoint, answer an
 *       offer and gather candidates (which binds their sockets), and are released; every tenth
 *       lives in a pipeline of its own, released whole;
 *   <li>{@value #CONNECTED} viewers go all the way (ICE, DTLS, SRTP), receive the presenter's audio,
 *       and are released while it flows.
 * </ul>
 * Afterwards the server process has as many open file descriptors and threads as after the warm-up,
 * and no more live instances of any of Rivulet's classes (a class histogram after a full
 * collection); the presenter's pipeline holds its endpoints alone and no other pipeline is left;
 * and, with Netty's paranoid leak detector on, no buffer leaked ({@link RivuletProcess#close}).
 */
@Timeout(300)
class ChurnIT {
  private static final int NEGOTIATED = Integer.getInteger("churn.negotiated", 1000);
  private static final int CONNECTED = Integer.getInteger("churn.connected", 30);
  private static final int WARM_UP = 20;

  private final ExecutorService blocking = Executors.newCachedThreadPool();

  @Test
  void viewersThatComeAndGoLeaveNothingBehind() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(Map.of("KMS_NETWORK_INTERFACES", "lo"));
        PeerRelay relay = new PeerRelay(server, 41000);
        EventLoops viewerLoops = EventLoops.create(1, 1)) {
      EventLoop viewerLoop = viewerLoops.media().next();
      relay.connect(); // the presenter is the relay's sender; its receiver stays as a viewer
      AtomicInteger index = new AtomicInteger();
      ScheduledFuture<?> audio = viewerLoop.scheduleAtFixedRate(
          () -> relay.sendAudio(index.incrementAndGet()), 0, 20, TimeUnit.MILLISECONDS);
      MediaNetwork network = new MediaNetwork(viewerLoops, blocking, ModuleConfig.of(
          Map.of("BaseRtpEndpoint.minPort", "42000", "BaseRtpEndpoint.maxPort", "42999"),
          Map.of()));
      WebRtcPeer offerer = new WebRtcPeer(viewerLoop, network);
      try {
        // Any valid offer will do for viewers that never connect: each answers the same one.
        String offer = offerer.createOffer("lo").get(20, TimeUnit.SECONDS);
        long pid = server.process().pid();
        LongSupplier fds = () -> openFiles(pid);
        LongSupplier threads = () -> threads(pid);

        // Netty starts an event loop's thread with its first channel, and pipelines take the
        // media loops in turn (two per CPU): a pipeline each first, so that all have started.
        int mediaLoops = 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < mediaLoops + WARM_UP; i++) {
          negotiatedViewer(relay, offer, i < mediaLoops || i % 10 == 9);
        }
        connectedViewer(relay, network, viewerLoop);
        // The relay's peers and endpoints report every 0.5-1.5 s (RTCP): after 3 s each has had
        // the first report of every stream, which makes its per-SSRC SRTCP and report state.
        Thread.sleep(3000);
        // First: the JVM's attach listener (jcmd's way in) then stays, with its thread and socket.
        Map<String, Long> objectsBefore = rivuletObjects(pid);
        long fdsBefore = fds.getAsLong();
        long threadsBefore = threads.getAsLong();
        List<String> threadNamesBefore = threadNames(pid);

        for (int i = 0; i < NEGOTIATED; i++) {
          negotiatedViewer(relay, offer, i % 10 == 9);
        }
        for (int i = 0; i < CONNECTED; i++) {
          connectedViewer(relay, network, viewerLoop);
        }

        assertSettlesAt(fdsBefore, fds, "open file descriptors");
        assertSettlesAt(threadsBefore, threads, "threads (before: " + threadNamesBefore
            + ", now: " + threadNames(pid) + ")");
        Map<String, String> grown = grown(objectsBefore, rivuletObjects(pid));
        for (int i = 0; i < 10 && !grown.isEmpty(); i++) {
          Thread.sleep(1000); // what a timer of a released object still holds, for a while
          grown = grown(objectsBefore, rivuletObjects(pid));
        }
        assertEquals(Map.of(), grown, "live instances of Rivulet's classes, after the warm-up"
            + " -> after the churn");
        assertEquals(Stream.of(relay.ingress, relay.egress).map(MediaObject::getId).sorted()
                .toList(),
            relay.pipeline.getChildren().stream().map(MediaObject::getId).sorted().toList(),
            "the presenter's pipeline holds its first two endpoints alone");
        assertEquals(List.of(relay.pipeline.getId()), relay.kurento.getServerManager()
            .getPipelines().stream().map(MediaObject::getId).toList(), "no other pipeline");
        long heard = relay.receiver.packetsReceived(MediaType.AUDIO);
        assertTrue(heard > 0, "the first viewer heard the presenter throughout");
      } finally {
        audio.cancel(false);
        offerer.close();
        blocking.shutdownNow();
      }
    }
  }

  /**
   * A viewer that negotiates and gathers but never connects, then is released: in the presenter's
   * pipeline and connected to the presenter, or in a pipeline of its own, released whole.
   */
  private static void negotiatedViewer(PeerRelay relay, String offer, boolean ownPipeline) {
    MediaPipeline pipeline = ownPipeline ? relay.kurento.createMediaPipeline() : relay.pipeline;
    WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(pipeline).build();
    if (!ownPipeline) {
      relay.ingress.connect(viewer);
    }
    assertTrue(viewer.processOffer(offer).contains("a=ice-ufrag"));
    viewer.gatherCandidates();
    if (ownPipeline) {
      pipeline.release();
    } else {
      viewer.release();
    }
  }

  /** A viewer that connects, receives the presenter's audio, and is released while it flows. */
  private static void connectedViewer(PeerRelay relay, MediaNetwork network, EventLoop loop)
      throws Exception {
    WebRtcEndpoint viewer = new WebRtcEndpoint.Builder(relay.pipeline).build();
    relay.ingress.connect(viewer);
    WebRtcPeer peer = new WebRtcPeer(loop, network);
    try {
      SyntheticPeerIT.connect(peer, viewer, false);
      peer.secured().get(20, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (peer.packetsReceived(MediaType.AUDIO) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(peer.packetsReceived(MediaType.AUDIO) > 0, "a connected viewer hears audio");
      viewer.release();
    } finally {
      peer.close();
    }
  }

  /** Polls {@code now} for up to 15 s until it is back at {@code before}; fails otherwise. */
  private static void assertSettlesAt(long before, LongSupplier now, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    long last = now.getAsLong();
    while (last > before && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = now.getAsLong();
    }
    assertTrue(last <= before, what + ": " + before + " after the warm-up, " + last + " after "
        + NEGOTIATED + " negotiated and " + CONNECTED + " connected viewers came and went");
  }

  private static long openFiles(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The classes with more instances in {@code after} than in {@code before}: "before -> after".
   * Lambdas aside: a lambda that captures nothing is one instance made when its line first runs
   * (a release path the warm-up did not take), and one that captures holds objects counted here.
   */
  private static Map<String, String> grown(Map<String, Long> before, Map<String, Long> after) {
    Map<String, String> grown = new java.util.TreeMap<>();
    after.forEach((type, n) -> {
      long was = before.getOrDefault(type, 0L);
      if (n > was && !type.contains("$$Lambda")) {
        grown.put(type, was + " -> " + n);
      }
    });
    return grown;
  }

  /**
   * Live instances of Rivulet's classes in the server's heap, by class name, after a full
   * collection ({@code jcmd GC.class_histogram} collects first).
   */
  private static Map<String, Long> rivuletObjects(long pid) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
        .toString(), Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, jcmd.waitFor(), out);
    Map<String, Long> counts = new java.util.HashMap<>();
    // "   1:        1234        56789  org.rivulet.Foo (module)"
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(org\\.rivulet\\.\\S+)").matcher(out);
    while (m.find()) {
      counts.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
    }
    assertTrue(!counts.isEmpty(), out);
    return counts;
  }

  /** The names of the process's threads, sorted (what a failure shows). */
  private static List<String> threadNames(long pid) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return tasks.map(t -> {
        try {
          return Files.readString(t.resolve("comm")).trim();
        } catch (IOException e) {
          return "?"; // ended meanwhile
        }
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long threads(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith("Threads:"))
          .mapToLong(l -> Long.parseLong(l.substring("Threads:".length()).trim()))
          .findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
