package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.util.List;

/**
 * The live heap of another JVM, through {@code jcmd <pid> GC.class_histogram}: it runs a full GC
 * and sums the live objects, whatever collector the server chose (a JVM pinned to one CPU picks
 * Serial, whose {@code GC.heap_info} lists generations instead of one figure).
 */
final class LiveHeap {
  private LiveHeap() {
  }

  /**
   * Bytes of live objects in {@code pid}'s heap right after a full GC. Tried twice: once in about
   * thirty runs jcmd printed a whole histogram and still exited with an error, which failed the
   * run and sent the search down for nothing.
   */
  static long bytes(long pid) throws IOException, InterruptedException {
    String out;
    try {
      out = Jcmd.run(pid, "GC.class_histogram", 60);
    } catch (IOException e) {
      System.err.println("LiveHeap: " + e.getMessage().lines().findFirst().orElse("") + "; again");
      out = Jcmd.run(pid, "GC.class_histogram", 60);
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
