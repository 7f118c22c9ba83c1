package org.rivulet.loadgen.sfu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * SFU fan-out load: one publisher replaying a recorded VP8 + Opus stream to N subscribers through
 * the server, for each N asked and then for a search of the largest N the machine holds (loss at
 * most {@code --max-loss}, p99 at most {@code --max-p99}). Each N gets a fresh server process. One
 * {@code SFU-RESULT} line per N, then a summary table.
 *
 * <p>Usage: {@code java -cp benchmarks/target/rivulet-benchmarks.jar
 * org.rivulet.loadgen.sfu.SfuLoad [options]} (see {@link SfuLoadOptions#USAGE}); normally through
 * {@code benchmarks/run-sfu-benchmark.sh}, which provides the private network namespace.
 */
public final class SfuLoad {
  private final SfuLoadOptions options;
  private final RtpRecording recording;
  private final long startNanos = System.nanoTime();
  private final List<FanOutResult> results = new ArrayList<>();
  private double lastRunSeconds;

  private SfuLoad(SfuLoadOptions options, RtpRecording recording) {
    this.options = options;
    this.recording = recording;
  }

  public static void main(String[] args) throws Exception {
    SfuLoadOptions options;
    try {
      options = SfuLoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // Interrupted (Ctrl-C), it must not leave a server running: they are our children.
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> ProcessHandle.current().children().forEach(ProcessHandle::destroy), "stop-servers"));
    RtpRecording recording = RtpRecording.read(options.recording());
    System.out.println("recording: " + options.recording() + ": " + recording.describe());
    System.out.println("publisher video: " + (options.pacing()
        ? "paced as libwebrtc does (2.5 x " + recording.videoBitsPerSecond() / 1000
            + " kbit/s, 40 ms bursts)" : "each frame back to back, as encoded"));
    if (options.arrivalStamps() != null) {
      ArrivalStamps.load(options.arrivalStamps());
    }
    System.out.println("latency measured to: " + (options.arrivalStamps() != null
        ? "each datagram's arrival at the subscriber's socket (the kernel's receive stamp)"
        : "the subscriber's receive path handing the packet over (after its decryption)"));
    SfuLoad load = new SfuLoad(options, recording);
    load.runAll();
    System.out.println();
    List<FanOutResult> byN = new ArrayList<>(load.results);
    byN.sort(Comparator.comparingInt(FanOutResult::subscribers));
    System.out.print(FanOutResult.table(byN));
    System.out.println(load.verdict());
    System.exit(0); // whatever threads the Kurento client leaves behind
  }

  private void runAll() throws InterruptedException {
    // The N asked for always run: they are the figures to compare from run to run.
    for (int n : options.subscribers()) {
      run(n);
    }
    if (firstFailing() == Integer.MAX_VALUE) {
      for (int n : options.search()) {
        if (n > largestHeld() && (!fitsBudget(n) || !run(n))) {
          break;
        }
      }
    }
    for (int i = 0; i < options.bisections(); i++) {
      int low = largestHeld();
      int high = firstFailing();
      int mid = roundToTens((low + high) / 2);
      if (high == Integer.MAX_VALUE || mid <= low || mid >= high || high - low <= low / 10
          || !fitsBudget(mid)) {
        break;
      }
      run(mid);
    }
  }

  /** Runs one N; true when it held. A run that fails with an exception counts as not held. */
  private boolean run(int subscribers) throws InterruptedException {
    long t0 = System.nanoTime();
    FanOutResult r;
    try {
      r = new FanOutRun(options, recording, subscribers).run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      r = FanOutResult.failed(subscribers, e.toString().replace('\n', ' '));
      e.printStackTrace();
    }
    lastRunSeconds = (System.nanoTime() - t0) / 1e9;
    results.add(r);
    System.out.println(r.line());
    return held(r);
  }

  private boolean held(FanOutResult r) {
    return r.held(options.maxLossPercent() / 100, (long) (options.maxP99Millis() * 1000));
  }

  private int largestHeld() {
    return results.stream().filter(this::held).mapToInt(FanOutResult::subscribers).max()
        .orElse(0);
  }

  private int firstFailing() {
    return results.stream().filter(r -> !held(r)).mapToInt(FanOutResult::subscribers).min()
        .orElse(Integer.MAX_VALUE);
  }

  /** A larger N takes longer to connect; 1.5 times the last run is a safe guess. */
  private boolean fitsBudget(int subscribers) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    boolean fits = elapsed + 1.5 * lastRunSeconds <= options.budgetSeconds();
    if (!fits) {
      System.out.printf(Locale.ROOT, "not running %d subscribers: %.0f s of the %d s budget used%n",
          subscribers, elapsed, options.budgetSeconds());
    }
    return fits;
  }

  private static int roundToTens(int n) {
    return n < 50 ? n : Math.round(n / 10f) * 10;
  }

  private String verdict() {
    int held = largestHeld();
    int failing = firstFailing();
    return String.format(Locale.ROOT,
        "largest N held (loss <= %.2f%%, p99 <= %.0f ms): %s; smallest N that did not: %s",
        options.maxLossPercent(), options.maxP99Millis(), held == 0 ? "none" : held,
        failing == Integer.MAX_VALUE ? "none tried" : failing);
  }
}
