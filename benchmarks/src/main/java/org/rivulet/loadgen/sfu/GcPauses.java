package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The collector pauses of another JVM so far, from its performance counters
 * ({@code jcmd <pid> PerfCounter.print}): every collector's invocations and time
 * ({@code sun.gc.collector.<i>.*}, in ticks of {@code sun.os.hrt.frequency}), whatever collector it
 * chose. Two readings around a window give what the server's collections took from it.
 *
 * @param count collections that paused the application (young, full and, for G1, the pauses of
 *     its concurrent cycle)
 * @param millis their time together
 */
record GcPauses(long count, double millis) {

  GcPauses minus(GcPauses earlier) {
    return new GcPauses(count - earlier.count, millis - earlier.millis);
  }

  /** The readings of process {@code pid}. */
  static GcPauses of(long pid) throws IOException, InterruptedException {
    return parse(Jcmd.run(pid, "PerfCounter.print", 30));
  }

  /** From the text of {@code PerfCounter.print}. */
  static GcPauses parse(String counters) throws IOException {
    Map<String, String> values = new HashMap<>();
    counters.lines().forEach(line -> {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    });
    String frequency = values.get("sun.os.hrt.frequency");
    if (frequency == null) {
      throw new IOException("no sun.os.hrt.frequency among the performance counters");
    }
    double ticksPerMilli = Long.parseLong(frequency) / 1000.0;
    long count = 0;
    long ticks = 0;
    boolean any = false;
    for (int i = 0; values.containsKey("sun.gc.collector." + i + ".invocations"); i++) {
      count += Long.parseLong(values.get("sun.gc.collector." + i + ".invocations"));
      ticks += Long.parseLong(values.get("sun.gc.collector." + i + ".time"));
      any = true;
    }
    if (!any) {
      throw new IOException("no sun.gc.collector counters among the performance counters");
    }
    return new GcPauses(count, ticks / ticksPerMilli);
  }
}
