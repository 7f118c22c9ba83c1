package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM, through {@code jcmd <pid> GC.class_histogram}: it runs a full GC
 * and sums the live objects, whatever collector the server chose (a JVM pinned to one CPU picks
 * Serial, whose {@code GC.heap_info} lists generations instead of one figure).
 */
final class LiveHeap {
  private LiveHeap() {
  }

  /** Bytes of live objects in {@code pid}'s heap right after a full GC. */
  static long bytes(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
        Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd GC.class_histogram failed:\n" + out);
    }
    // The last line: "Total <instances> <bytes>".
    List<String> lines = out.lines().filter(l -> l.startsWith("Total ")).toList();
    if (lines.isEmpty()) {
      throw new IOException("no Total line from jcmd GC.class_histogram:\n" + out);
    }
    String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
    return Long.parseLong(f[2]);
  }
}
