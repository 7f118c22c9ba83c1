package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector pauses of the server within the measurement window, from the server's own GC log
 * ({@link #logOption}: every pause, stamped with the wall clock when it ended). Whatever collector
 * the server chose, each pause is one {@code Pause} line with its duration.
 *
 * <p>Why a log and not a reading at each end of the window: {@code jcmd} (which read the server's
 * performance counters before) starts a JVM, about half a second of CPU, on the synthetic peers'
 * CPU, and reading at the window's start put that on the peers just as measuring began: the first
 * half second of every run had most of the first subscriber's packets over 5 ms.
 *
 * @param count collections that paused the application
 * @param millis their time together
 */
record GcPauses(long count, double millis) {

  /** {@code [1795591798533ms] GC(0) Pause Young (Allocation Failure) 3M->1M(377M) 3.153ms}. */
  private static final Pattern PAUSE =
      Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");

  /** The JVM option that makes a JVM write the log {@link #inWindow} reads, to {@code file}. */
  static String logOption(Path file) {
    return "-Xlog:gc:file=" + file + ":timemillis";
  }

  /** The pauses in {@code file} that ended from {@code fromMillis} to {@code toMillis}. */
  static GcPauses inWindow(Path file, long fromMillis, long toMillis) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), fromMillis, toMillis);
  }

  /** From the lines of such a log (other lines are skipped). */
  static GcPauses parse(List<String> lines, long fromMillis, long toMillis) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.matches()) {
        pauses.add(new Pause(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))));
      }
    }
    return inWindow(pauses, fromMillis, toMillis);
  }

  /** The {@code pauses} that ended from {@code fromMillis} to {@code toMillis}, together. */
  static GcPauses inWindow(List<Pause> pauses, long fromMillis, long toMillis) {
    long count = 0;
    double millis = 0;
    for (Pause p : pauses) {
      if (p.endedMillis() >= fromMillis && p.endedMillis() <= toMillis) {
        count++;
        millis += p.millis();
      }
    }
    return new GcPauses(count, millis);
  }

  /** One pause: when it ended (wall clock, ms) and how long it took. */
  record Pause(long endedMillis, double millis) {
  }
}
