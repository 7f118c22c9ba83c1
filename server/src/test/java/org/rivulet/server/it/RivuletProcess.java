package org.rivulet.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code server/target/rivulet-server.jar}, path from the {@code rivulet.jar}
 * system property that Failsafe sets) started as a separate process on loopback, as users run it.
 * {@link #close()} sends SIGTERM and waits for a clean exit.
 */
final class RivuletProcess implements AutoCloseable {
  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ready = new CountDownLatch(1);
  private final int port;

  private RivuletProcess(List<String> args, Map<String, String> env, int port, String leakLevel)
      throws IOException {
    this(List.of(), args, env, port, leakLevel);
  }

  /** {@code prefix}: a command that runs the server's, such as {@code prlimit --nofile=400}. */
  private RivuletProcess(List<String> prefix, List<String> args, Map<String, String> env, int port,
      String leakLevel) throws IOException {
    this.port = port;
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dio.netty.leakDetection.level=" + leakLevel);
    command.add("-jar");
    command.add(jar());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("KMS_") || k.startsWith("KURENTO_"));
    pb.environment().putAll(env);
    this.process = pb.start();
    Thread reader = new Thread(this::pump, "rivulet-output");
    reader.setDaemon(true);
    reader.start();
  }

  static String jar() {
    String jar = System.getProperty("rivulet.jar");
    if (jar == null) {
      throw new IllegalStateException("rivulet.jar system property not set (run through Failsafe)");
    }
    return jar;
  }

  /** Starts a server on a free loopback port and waits until it listens. */
  static RivuletProcess start(String... extraArgs) throws Exception {
    return start(Map.of(), extraArgs);
  }

  static RivuletProcess start(Map<String, String> env, String... extraArgs) throws Exception {
    return start("paranoid", env, extraArgs);
  }

  /**
   * A server for a load test: Netty's leak detector samples buffers ({@code simple}) instead of
   * tracking every one with a stack trace per access ({@code paranoid}), which at 100,000
   * datagrams a second would measure the detector rather than the server. A leak it finds still
   * fails the test.
   */
  static RivuletProcess startForLoad(Map<String, String> env, String... extraArgs)
      throws Exception {
    return start("simple", env, extraArgs);
  }

  /** A server that may have at most {@code files} open file descriptors (RLIMIT_NOFILE). */
  static RivuletProcess startWithFileLimit(int files, Map<String, String> env) throws Exception {
    return start(List.of("prlimit", "--nofile=" + files + ":" + files), "paranoid", env);
  }

  private static RivuletProcess start(String leakLevel, Map<String, String> env,
      String... extraArgs) throws Exception {
    return start(List.of(), leakLevel, env, extraArgs);
  }

  private static RivuletProcess start(List<String> prefix, String leakLevel,
      Map<String, String> env, String... extraArgs) throws Exception {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("--address", "127.0.0.1", "--port",
        Integer.toString(port)));
    args.addAll(List.of(extraArgs));
    RivuletProcess p = new RivuletProcess(prefix, args, env, port, leakLevel);
    if (!p.ready.await(30, TimeUnit.SECONDS)) {
      p.process.destroyForcibly();
      throw new IllegalStateException("Rivulet did not start:\n" + String.join("\n", p.output));
    }
    return p;
  }

  /** Runs the server with arguments that should make it exit; returns the exit code. */
  static RivuletProcess run(Map<String, String> env, String... args) throws IOException {
    return new RivuletProcess(List.of(args), env, -1, "paranoid");
  }

  static int freePort() throws IOException {
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

  int port() {
    return port;
  }

  Process process() {
    return process;
  }

  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /**
   * The line an endpoint's transport logs when it is released ({@code "<id>: closed; datagrams
   * {...}, <n> from unvalidated addresses dropped; ..."}), waiting up to 5 s for it.
   */
  String closedLine(String endpointId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (String l : output()) {
        if (l.contains(endpointId + ": closed;")) {
          return l;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no release line for " + endpointId);
  }

  /**
   * The count that precedes {@code label} in the release line of an endpoint ({@link #closedLine}),
   * e.g. {@code "from unvalidated"} or {@code "held until the keys"}.
   */
  long closedCount(String endpointId, String label) throws InterruptedException {
    String l = closedLine(endpointId);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(\\d+) " + java.util.regex.Pattern.quote(label)).matcher(l);
    if (!m.find()) {
      throw new AssertionError("no count \"" + label + "\" in: " + l);
    }
    return Long.parseLong(m.group(1));
  }

  /** Waits for the process to exit by itself; returns its exit code. */
  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Rivulet did not exit:\n" + String.join("\n", output()));
    }
    Thread.sleep(100); // let the reader take the last lines
    return process.exitValue();
  }

  /**
   * SIGTERM, then the exit code. Through the process handle: {@link Process#destroy()} would also
   * close our end of the output pipe and lose the last lines.
   */
  int stop() throws InterruptedException {
    process.toHandle().destroy();
    return waitForExit(15);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    List<String> leaks = output().stream().filter(l -> l.contains("LEAK:")).toList();
    if (!leaks.isEmpty()) {
      throw new AssertionError("The server reported ByteBuf leaks:\n" + String.join("\n", leaks));
    }
  }
}
