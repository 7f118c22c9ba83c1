package org.rivulet.loadgen.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.transport.EventLoops;
import org.rivulet.transport.udp.UdpSocketOptions;

/**
 * One fan-out run against a fresh server: one publisher WebRtcEndpoint connected to N subscriber
 * WebRtcEndpoints in one pipeline, each endpoint with a synthetic peer here. The publisher replays
 * the recording from the start; the subscribers join in batches; after a warm-up the window opens.
 */
final class FanOutRun {
  /** The peers' RTP ports, apart from the server's. */
  private static final ModuleConfig PEER_PORTS = ModuleConfig.of(Map.of(
      "BaseRtpEndpoint.minPort", "10000", "BaseRtpEndpoint.maxPort", "19999"), Map.of());
  /** Subscribers connected at once: bounds the DTLS handshakes in flight. */
  private static final int BATCH = 20;
  /** After the window, how long packets sent in it may still arrive (later counts as lost). */
  private static final long GRACE_MILLIS = 1000;
  /** When the peers collect before the window: time for the publisher to catch up after. */
  private static final long COLLECT_BEFORE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** This process's collector pauses; one listener for every run. */
  private static final OwnGcPauses OWN_GC = OwnGcPauses.listen();

  private final SfuLoadOptions options;
  private final RtpRecording recording;
  private final int subscribers;

  FanOutRun(SfuLoadOptions options, RtpRecording recording, int subscribers) {
    this.options = options;
    this.recording = recording;
    this.subscribers = subscribers;
  }

  FanOutResult run() throws Exception {
    ServerProcess server = ServerProcess.start(options.serverJar(), options.serverCpus(),
        options.serverJvmOptions());
    try {
      return runAgainst(server);
    } finally {
      server.close();
      List<String> problems = server.problems();
      if (!problems.isEmpty()) {
        System.err.printf("server warnings with %d subscribers (%d, first 20):%n", subscribers,
            problems.size());
        problems.stream().limit(20).forEach(l -> System.err.println("  " + l));
      }
    }
  }

  private FanOutResult runAgainst(ServerProcess server) throws Exception {
    ExecutorService handshakes = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dtls-handshake");
      t.setDaemon(true);
      return t;
    });
    try (EventLoops subscriberLoops = EventLoops.create(1, options.peerLoops());
        // Its own loop, so the publisher's sends never queue behind subscribers' receptions.
        EventLoops publisherLoops = EventLoops.create(1, 1)) {
      MediaNetwork network = new MediaNetwork(subscriberLoops, handshakes, PEER_PORTS,
          UdpSocketOptions.DEFAULT.withUdpGro(options.peerGro()));
      KurentoClient kurento = KurentoClient.create(server.url());
      List<WebRtcPeer> peers = new ArrayList<>();
      Replayer replayer = null;
      try {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Measurement measurement = new Measurement(subscribers);
        boolean stamped = options.arrivalStamps() != null;
        LatencyLog log = options.latencyLog() == null ? null : new LatencyLog(subscribers);

        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint ingress = new WebRtcEndpoint.Builder(pipeline).build();
        EventLoop publisherLoop = publisherLoops.media().next();
        WebRtcPeer publisher = new WebRtcPeer(publisherLoop, network);
        peers.add(publisher);
        Signalling.connect(publisher, ingress, options.peerIpv6(), failure);
        publisher.secured().get(20, TimeUnit.SECONDS);
        replayer = new Replayer(recording, publisher, publisherLoop, measurement,
            PooledByteBufAllocator.DEFAULT, options.pacing()
                ? new LibwebrtcPacer(recording.videoBitsPerSecond()) : null);
        replayer.start();
        Thread.sleep(1000);
        long heapBefore = LiveHeap.bytes(server.pid());

        long setupStart = System.nanoTime();
        long setupRequests0 = publisher.keyframeRequests(MediaType.VIDEO);
        for (int first = 0; first < subscribers; first += BATCH) {
          List<CompletableFuture<Void>> secured = new ArrayList<>();
          for (int i = first; i < Math.min(subscribers, first + BATCH); i++) {
            WebRtcEndpoint egress = new WebRtcEndpoint.Builder(pipeline).build();
            ingress.connect(egress);
            WebRtcPeer subscriber = new WebRtcPeer(subscriberLoops.media().next(), network);
            peers.add(subscriber);
            int index = i;
            if (stamped) {
              subscriber.tapSockets(ArrivalStamps::tap);
            }
            subscriber.onRtp(rtp -> received(rtp, index, measurement, log, stamped));
            Signalling.connect(subscriber, egress, options.peerIpv6(), failure);
            secured.add(subscriber.secured());
          }
          CompletableFuture.allOf(secured.toArray(CompletableFuture[]::new))
              .get(30, TimeUnit.SECONDS);
          if (failure.get() != null) {
            throw new IllegalStateException("addIceCandidate failed", failure.get());
          }
        }
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        long setupRequests = publisher.keyframeRequests(MediaType.VIDEO) - setupRequests0;

        long windowNanos = TimeUnit.SECONDS.toNanos(options.measureSeconds());
        long warmupNanos = TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long start = System.nanoTime() + warmupNanos;
        // A practice window over most of the warm-up, so that the counting is compiled code by the
        // time the real one opens (see Measurement).
        long practiceNanos = warmupNanos - TimeUnit.SECONDS.toNanos(1);
        if (practiceNanos > 0) {
          measurement.window(System.nanoTime(), practiceNanos);
          if (log != null) {
            log.window(System.nanoTime(), practiceNanos);
          }
        }
        long self = ProcessHandle.current().pid();
        // The peers' own collections pause every peer at once (tens to hundreds of ms): one now,
        // well before the window, leaves their young generation nearly empty as it opens, so none
        // falls in it unless the peers' garbage outgrows it (reported as peers-gc).
        long collectAt = start - COLLECT_BEFORE_WINDOW_NANOS;
        if (collectAt > System.nanoTime()) {
          sleepUntil(collectAt);
          System.gc();
        }
        // The real window opens after the practice one has closed, before its first packet.
        sleepUntil(start - TimeUnit.MILLISECONDS.toNanos(500));
        measurement.window(start, windowNanos);
        if (log != null) {
          log.window(start, windowNanos);
        }
        // Nothing in the window starts a process or attaches to the server: readings of /proc only.
        sleepUntil(start);
        long startMillis = System.currentTimeMillis();
        double serverCpu0 = ProcStats.cpuSeconds(server.pid());
        double peersCpu0 = ProcStats.cpuSeconds(self);
        ProcStats.UdpDrops drops0 = ProcStats.udpDrops();
        long keyframeRequests0 = publisher.keyframeRequests(MediaType.VIDEO);
        sleepUntil(start + windowNanos);
        long endMillis = System.currentTimeMillis();
        double serverCpu = ProcStats.cpuSeconds(server.pid()) - serverCpu0;
        double peersCpu = ProcStats.cpuSeconds(self) - peersCpu0;
        ProcStats.UdpDrops drops = ProcStats.udpDrops().minus(drops0);
        long keyframeRequests = publisher.keyframeRequests(MediaType.VIDEO) - keyframeRequests0;
        Thread.sleep(GRACE_MILLIS);
        GcPauses gc = GcPauses.inWindow(server.gcLog(), startMillis, endMillis);
        GcPauses peersGc = OWN_GC.inWindow(startMillis, endMillis);

        long heapAfter = LiveHeap.bytes(server.pid());
        if (log != null) {
          log.write(Path.of(options.latencyLog() + "-N" + subscribers + ".csv"));
        }
        LatencyHistogram latency = measurement.latency();
        LatencyHistogram delivered = measurement.delivered();
        pipeline.release();
        return new FanOutResult(subscribers, windowNanos / 1e9, setupSeconds, measurement.sent(),
            measurement.received(), measurement.leastReceived(), serverCpu, peersCpu,
            stamped ? "socket" : "delivery", measurement.unstamped(),
            latency.percentileMicros(0.50), latency.percentileMicros(0.99), latency.maxMicros(),
            measurement.firstSubscriber().percentileMicros(0.99),
            measurement.lastSubscriber().percentileMicros(0.99),
            delivered.percentileMicros(0.50), delivered.percentileMicros(0.99),
            (heapAfter - heapBefore) / subscribers, gc, peersGc, setupRequests, keyframeRequests, drops,
            server.problems().size(), null);
      } finally {
        // Before the loops shut down: closing hops onto them.
        if (replayer != null) {
          replayer.close();
        }
        peers.forEach(WebRtcPeer::close);
        kurento.destroy();
      }
    } finally {
      handshakes.shutdownNow();
    }
  }

  /**
   * A subscriber's packet, on its event loop: latency from the trailer, to its arrival at the
   * socket if {@code stamped} and to now (logged), then released.
   */
  private static void received(ByteBuf rtp, int index, Measurement measurement, LatencyLog log,
      boolean stamped) {
    long now = System.nanoTime();
    try {
      long sent = LatencyTrailer.read(rtp);
      if (sent >= 0) {
        long arrived = stamped ? ArrivalStamps.current() : -1;
        long end = arrived < 0 ? now : arrived; // unknown: at delivery, an upper bound
        measurement.received(index, sent, end, now, stamped && arrived < 0);
        if (log != null) {
          log.received(index, rtp, sent, end, now);
        }
      }
    } finally {
      rtp.release();
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
