package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JavaScript client (npm kurento-client 7.3.0) against the packaged server:
 * {@code src/test/js/kurento-client-smoke.js} connects (the client's strict module check), creates
 * a pipeline and elements, receives ElementConnected and ObjectCreated, calls getName and
 * releases the pipeline. The pre-integration-test {@code npm ci} installs its dependencies.
 * Without node or those dependencies the test fails: they are prerequisites of the build.
 */
@Timeout(120)
class JavaScriptClientIT {
  private static final long NODE_TIMEOUT_SECONDS = 60;

  @Test
  void officialJavaScriptClientWorks() throws Exception {
    Path js = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
        .resolve("src/test/js");
    Optional<Path> node = onPath("node");
    String missing = missingPrerequisite(node, js);
    if (missing != null) {
      // node and npm are prerequisites of the build (.ci/install-deps): never skip.
      fail(missing);
    }

    try (RivuletProcess server = RivuletProcess.start()) {
      ProcessBuilder pb = new ProcessBuilder(node.get().toString(), "kurento-client-smoke.js",
          server.url()).directory(js.toFile()).redirectErrorStream(true);
      pb.environment().remove("NODE_OPTIONS");
      Process process = pb.start();
      List<String> output = Collections.synchronizedList(new ArrayList<>());
      Thread reader = new Thread(() -> pump(process, output), "node-output");
      reader.setDaemon(true);
      reader.start();
      boolean exited = process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(5000);
      String nodeOutput = "node output:\n" + String.join("\n", snapshot(output));
      System.out.println(nodeOutput);
      String report = nodeOutput + "\n\nserver output:\n" + String.join("\n", server.output());
      if (!exited) {
        fail("node did not finish in " + NODE_TIMEOUT_SECONDS + " s\n" + report);
      }
      assertEquals(0, process.exitValue(), () -> "node exit code\n" + report);
    }
  }

  /** Why the test cannot run here, or null. */
  private static String missingPrerequisite(Optional<Path> node, Path js) {
    if (node.isEmpty()) {
      return "node is not on the PATH";
    }
    if (!Files.isRegularFile(js.resolve("node_modules/kurento-client/package.json"))
        || !Files.isRegularFile(js.resolve("node_modules/reconnect-ws/index.js"))) {
      return "the JavaScript dependencies are not installed in " + js.resolve("node_modules")
          + " (run npm ci --ignore-scripts there)";
    }
    return null;
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void pump(Process process, List<String> output) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("<output closed: " + e + ">");
    }
  }

  private static List<String> snapshot(List<String> output) {
    synchronized (output) {
      return List.copyOf(output);
    }
  }
}
