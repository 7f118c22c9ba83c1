package org.rivulet.loadgen.sfu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code java -jar rivulet-server.jar}) as a separate process on loopback, so
 * its CPU time and heap are its own: optionally pinned with {@code taskset}, RTP ports
 * {@value #MIN_PORT}-{@value #MAX_PORT}, candidates on {@code lo} only, no ICE-TCP listeners (the
 * synthetic peers use UDP).
 */
final class ServerProcess implements AutoCloseable {
  static final int MIN_PORT = 20000;
  static final int MAX_PORT = 29999;

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);
  private final int port;
  private final Path gcLog;

  private ServerProcess(List<String> command, int port, Path gcLog) throws IOException {
    this.port = port;
    this.gcLog = gcLog;
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("KMS_") || k.startsWith("KURENTO_"));
    pb.environment().put("KMS_MIN_PORT", Integer.toString(MIN_PORT));
    pb.environment().put("KMS_MAX_PORT", Integer.toString(MAX_PORT));
    pb.environment().put("KMS_NETWORK_INTERFACES", "lo");
    pb.environment().put("KMS_ICE_TCP", "0");
    this.process = pb.start();
    Thread reader = new Thread(this::pump, "rivulet-server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the server and waits until it listens.
   *
   * @param cpus a {@code taskset} CPU list to pin it to, or empty
   * @param jvmOptions extra JVM options (heap size, GC), may be empty
   */
  static ServerProcess start(Path jar, String cpus, List<String> jvmOptions) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    if (!cpus.isEmpty()) {
      // taskset execs java: the process id stays the server's.
      command.addAll(List.of("taskset", "-c", cpus));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path gcLog = Files.createTempFile("rivulet-server-gc", ".log");
    command.add(GcPauses.logOption(gcLog));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--address", "127.0.0.1", "--port",
        Integer.toString(port)));
    ServerProcess p = new ServerProcess(command, port, gcLog);
    if (!p.ready.await(30, TimeUnit.SECONDS)) {
      p.process.destroyForcibly();
      throw new IllegalStateException("Rivulet did not start:\n" + String.join("\n", p.output()));
    }
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        if (line.contains(" listening on ")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      output.add("<output closed: " + e + ">");
    }
  }

  String url() {
    return "ws://127.0.0.1:" + port + "/kurento";
  }

  long pid() {
    return process.pid();
  }

  /** The server's GC log ({@link GcPauses#logOption}). */
  Path gcLog() {
    return gcLog;
  }

  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /**
   * Lines the server logged at WARN or ERROR, and Netty's leak reports; not Netty's note that the
   * namespace has no hardware address to seed its ids from.
   */
  List<String> problems() {
    return output().stream()
        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("LEAK:"))
        .filter(l -> !l.contains("MacAddressUtil"))
        .toList();
  }

  /** SIGTERM (through the handle, so the output pipe stays open for the last lines), then wait. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
    Thread.sleep(100); // let the reader take the last lines
    try {
      Files.deleteIfExists(gcLog);
    } catch (IOException e) {
      // a temporary file left behind
    }
  }
}
