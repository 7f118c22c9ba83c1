package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code jcmd} (this JDK's, else the one on the PATH) against another JVM. */
final class Jcmd {
  private Jcmd() {
  }

  /** The output of {@code jcmd <pid> <command>}; fails unless it exits 0 within the timeout. */
  static String run(long pid, String command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
        Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + command + " did not finish in " + timeoutSeconds + " s:\n"
          + out);
    }
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + command + " exited " + p.exitValue() + ":\n" + out);
    }
    return out;
  }
}
