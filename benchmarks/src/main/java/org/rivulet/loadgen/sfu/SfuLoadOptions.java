package org.rivulet.loadgen.sfu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line; every option has a default (see {@link #USAGE}).
 *
 * @param subscribers the N always run, in order
 * @param search N tried after them, in ascending order, until one does not hold
 * @param bisections how many midpoints to try between the largest N that held and the first that
 *     did not
 * @param budgetSeconds no run starts that would likely end after this, counted from the start
 * @param pacing whether the publisher paces its video as a browser does ({@link LibwebrtcPacer})
 *     rather than sending each frame as the encoder made it
 * @param latencyLog where each run writes its {@link LatencyLog} ({@code <path>-N<n>.csv}), or null
 * @param peerGro whether the synthetic peers' sockets take UDP GRO: on loopback the receivers' kernel
 *     work runs on the sender's CPU, so without it every segment of the server's GSO sends is
 *     received one by one on the server's core, a cost a network card would take off it
 * @param peerIpv6 whether the synthetic peers offer IPv6 candidates too: ICE then prefers the
 *     IPv6 pairs (RFC 8421), whose loopback sends cost the server about 15% more than IPv4's
 * @param arrivalStamps the JNI library of {@link ArrivalStamps}: latency is then measured to each
 *     datagram's arrival at the subscriber's socket; null: to the peer handing it over
 */
record SfuLoadOptions(Path serverJar, Path recording, List<Integer> subscribers,
    List<Integer> search, int bisections, int warmupSeconds, int measureSeconds, String serverCpus,
    List<String> serverJvmOptions, int peerLoops, int budgetSeconds, double maxLossPercent,
    double maxP99Millis, boolean pacing, Path latencyLog, boolean peerGro, boolean peerIpv6,
    Path arrivalStamps) {

  static final String USAGE = """
      usage: SfuLoad [options]
        --server-jar <path>     server jar (server/target/rivulet-server.jar)
        --recording <path>      RTP recording from RecordRtp (benchmarks/target/sfu-recording.rtp)
        --subscribers <n,...>   N always run (1,10,100)
        --search <n,...>        N tried next, ascending, until one does not hold (none)
        --bisect <k>            midpoints tried after the search (2)
        --warmup <s>            warm-up before measuring: the server's JIT settles (90)
        --measure <s>           measurement window (20)
        --server-cpus <list>    taskset CPU list for the server, empty for none ("")
        --server-jvm <opts>     extra JVM options of the server, space-separated ("")
        --peer-loops <k>        event loops the subscribers share (2)
        --budget <s>            no run starts that would end after this (1200)
        --max-loss <percent>    a run with more loss does not hold (0.1)
        --max-p99 <ms>          a run with a higher p99 does not hold (50)
        --pacing <none|libwebrtc>  the publisher's video: as encoded, or paced as a browser's (none)
        --latency-log <path>    per-packet latencies of three subscribers, <path>-N<n>.csv (none)
        --peer-gro <on|off>     UDP GRO on the synthetic peers' sockets (on)
        --peer-ipv6 <on|off>    IPv6 candidates too; ICE then pairs over IPv6 (off: 127.0.0.1)
        --arrival-stamps <lib>  latency to the subscribers' sockets by the kernel's receive stamps,
                                with this JNI library (arrival_stamps.c); without it, to the peers'
                                receive paths handing packets over (none)""";

  static SfuLoadOptions parse(String[] args) {
    Map<String, String> v = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!USAGE.contains("  " + args[i] + " ") || !args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
      }
      v.put(args[i], args[i + 1]);
    }
    return new SfuLoadOptions(
        Path.of(v.getOrDefault("--server-jar", "server/target/rivulet-server.jar")),
        Path.of(v.getOrDefault("--recording", "benchmarks/target/sfu-recording.rtp")),
        counts(v.getOrDefault("--subscribers", "1,10,100")),
        counts(v.getOrDefault("--search", "")),
        Integer.parseInt(v.getOrDefault("--bisect", "2")),
        Integer.parseInt(v.getOrDefault("--warmup", "90")),
        Integer.parseInt(v.getOrDefault("--measure", "20")),
        v.getOrDefault("--server-cpus", "").trim(),
        words(v.getOrDefault("--server-jvm", "")),
        Integer.parseInt(v.getOrDefault("--peer-loops", "2")),
        Integer.parseInt(v.getOrDefault("--budget", "1200")),
        Double.parseDouble(v.getOrDefault("--max-loss", "0.1")),
        Double.parseDouble(v.getOrDefault("--max-p99", "50")),
        pacing(v.getOrDefault("--pacing", "none")),
        v.containsKey("--latency-log") ? Path.of(v.get("--latency-log")) : null,
        onOff("--peer-gro", v.getOrDefault("--peer-gro", "on")),
        onOff("--peer-ipv6", v.getOrDefault("--peer-ipv6", "off")),
        v.containsKey("--arrival-stamps") ? Path.of(v.get("--arrival-stamps")) : null);
  }

  private static boolean pacing(String v) {
    return switch (v) {
      case "none" -> false;
      case "libwebrtc" -> true;
      default -> throw new IllegalArgumentException("--pacing is none or libwebrtc: " + v);
    };
  }

  private static boolean onOff(String option, String v) {
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(option + " is on or off: " + v);
    };
  }

  private static List<Integer> counts(String v) {
    List<Integer> out = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        int n = Integer.parseInt(s.trim());
        if (n < 1) {
          throw new IllegalArgumentException("subscriber counts must be positive: " + v);
        }
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> words(String v) {
    return v.isBlank() ? List.of() : Arrays.asList(v.trim().split("\\s+"));
  }
}
