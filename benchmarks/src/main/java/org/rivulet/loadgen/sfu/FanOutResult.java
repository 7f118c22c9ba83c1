package org.rivulet.loadgen.sfu;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one fan-out run (one publisher, {@code subscribers} subscribers), or why it
 * failed.
 *
 * @param sent packets the publisher sent in the window
 * @param received packets the subscribers received of those, all together
 * @param leastReceived what the subscriber that received the least received of them
 * @param serverCpuSeconds the server's user + system CPU time during the window
 * @param peersCpuSeconds the load generator's own (every synthetic peer) in the same window
 * @param latencyAt where the latency ends: "socket", a datagram's arrival at the subscriber's
 *     socket ({@link ArrivalStamps}), or "delivery", the peer's receive path handing it over
 * @param unstamped packets whose arrival at the socket was unknown, counted at their delivery
 * @param p99FirstMicros the p99 of the subscriber connected first, which the fan-out serves first
 * @param p99LastMicros the same of the subscriber connected last, served last
 * @param deliveredP50Micros latency to the peers' receive paths handing packets over (after their
 *     own decryption, on the load generator's shared CPU)
 * @param heapPerSubscriber live heap with every subscriber connected, minus before, over N; bytes
 * @param serverGc the server's collector pauses during the window
 * @param peersGc the load generator's own, which pause every synthetic peer
 * @param setupKeyframeRequests keyframe requests the publisher received while the subscribers
 *     joined, each of whose video waits for a keyframe: merged and throttled by the server
 * @param keyframeRequests keyframe requests (PLI, FIR) the publisher received in the window: with
 *     every subscriber connected and nothing lost, none are due
 * @param udpDrops datagrams the kernel dropped on a full socket buffer during the window
 * @param error why the run failed, or null
 */
record FanOutResult(int subscribers, double windowSeconds, double setupSeconds, long sent,
    long received, long leastReceived, double serverCpuSeconds, double peersCpuSeconds,
    String latencyAt, long unstamped,
    long p50Micros, long p99Micros, long maxMicros, long p99FirstMicros, long p99LastMicros,
    long deliveredP50Micros, long deliveredP99Micros,
    long heapPerSubscriber, GcPauses serverGc, GcPauses peersGc, long setupKeyframeRequests,
    long keyframeRequests,
    ProcStats.UdpDrops udpDrops, int serverProblems, String error) {

  static FanOutResult failed(int subscribers, String error) {
    return new FanOutResult(subscribers, 0, 0, 0, 0, 0, 0, 0, "", 0, 0, 0, 0, 0, 0, 0, 0, 0,
        new GcPauses(0, 0), new GcPauses(0, 0), 0, 0, new ProcStats.UdpDrops(0, 0), 0, error);
  }

  long expected() {
    return sent * subscribers;
  }

  /** Lost fraction of what the subscribers should have received. */
  double loss() {
    return expected() == 0 ? 1 : (double) (expected() - received) / expected();
  }

  double forwardedPerCpuSecond() {
    return serverCpuSeconds > 0 ? received / serverCpuSeconds : 0;
  }

  /** Held: ran, lost at most {@code maxLoss} (a fraction) and kept p99 at most {@code maxP99}. */
  boolean held(double maxLoss, long maxP99Micros) {
    return error == null && sent > 0 && loss() <= maxLoss && p99Micros <= maxP99Micros;
  }

  /** One line, fixed format, for logs and scripts. */
  String line() {
    if (error != null) {
      return String.format(Locale.ROOT, "SFU-RESULT subscribers=%d error=%s", subscribers, error);
    }
    return String.format(Locale.ROOT,
        "SFU-RESULT subscribers=%d window=%.1fs sent=%d expected=%d received=%d loss=%.3f%% "
            + "least-received=%d "
            + "forwarded/s=%.0f server-cpu=%.2fs (%.0f%%) forwarded/cpu-s=%.0f "
            + "latency-at=%s latency-p50=%.3fms p99=%.3fms max=%.3fms p99-first=%.3fms "
            + "p99-last=%.3fms unstamped=%d delivered-p50=%.3fms delivered-p99=%.3fms "
            + "heap/subscriber=%.1fKiB server-gc=%d pauses %.1fms "
            + "keyframe-requests=setup %d window %d "
            + "peers-cpu=%.2fs (%.0f%%) peers-gc=%d pauses %.0fms udp-drops rcvbuf=%d sndbuf=%d setup=%.1fs "
            + "server-warnings=%d",
        subscribers, windowSeconds, sent, expected(), received, loss() * 100, leastReceived,
        received / windowSeconds, serverCpuSeconds, 100 * serverCpuSeconds / windowSeconds,
        forwardedPerCpuSecond(), latencyAt, p50Micros / 1000.0, p99Micros / 1000.0,
        maxMicros / 1000.0, p99FirstMicros / 1000.0, p99LastMicros / 1000.0, unstamped,
        deliveredP50Micros / 1000.0, deliveredP99Micros / 1000.0, heapPerSubscriber / 1024.0,
        serverGc.count(), serverGc.millis(), setupKeyframeRequests, keyframeRequests,
        peersCpuSeconds, 100 * peersCpuSeconds / windowSeconds, peersGc.count(), peersGc.millis(),
        udpDrops.receive(), udpDrops.send(), setupSeconds, serverProblems);
  }

  static final String TABLE_HEADER = String.format(Locale.ROOT,
      "%6s %8s %8s %10s %8s %11s %8s %8s %8s %9s %10s %8s",
      "N", "sent", "loss %", "fwd pkt/s", "srv CPU", "fwd/CPU-s", "p50 ms", "p99 ms", "max ms",
      "dlv p99", "heap/sub", "peer CPU");

  /** A row of the summary table under {@link #TABLE_HEADER}. */
  String row() {
    if (error != null) {
      return String.format(Locale.ROOT, "%6d  failed: %s", subscribers, error);
    }
    return String.format(Locale.ROOT,
        "%6d %8d %8.3f %10.0f %7.0f%% %11.0f %8.3f %8.3f %8.3f %9.3f %7.1fKiB %7.0f%%",
        subscribers, sent, loss() * 100, received / windowSeconds,
        100 * serverCpuSeconds / windowSeconds, forwardedPerCpuSecond(), p50Micros / 1000.0,
        p99Micros / 1000.0, maxMicros / 1000.0, deliveredP99Micros / 1000.0,
        heapPerSubscriber / 1024.0,
        100 * peersCpuSeconds / windowSeconds);
  }

  static String table(List<FanOutResult> results) {
    StringBuilder b = new StringBuilder(TABLE_HEADER).append('\n');
    results.forEach(r -> b.append(r.row()).append('\n'));
    return b.toString();
  }
}
