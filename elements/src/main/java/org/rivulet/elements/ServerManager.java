package org.rivulet.elements;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Kurento's ServerManager, the singleton {@code manager_ServerManager}: server information, the live
 * pipelines and sessions, descriptors, and CPU and memory use. It raises {@code ObjectCreated} and
 * {@code ObjectDestroyed} for every other object.
 */
public class ServerManager extends MediaObject {
  /** The fixed id both official clients hard-code. */
  public static final String ID = "manager_ServerManager";

  private final ServerEnvironment environment;
  private final Executor executor;

  public ServerManager(ElementContext context, ServerEnvironment environment) {
    super(context, "ServerManager", null, ID);
    this.environment = environment;
    // Its state is only its name and tags; one loop keeps their updates in order.
    this.executor = context.mediaLoops().next();
    register();
  }

  @Override
  public MediaPipeline getMediaPipeline() {
    return null;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  @Override
  public Object getProperty(String property) {
    switch (property) {
      case "info":
        return environment.serverInfo();
      case "pipelines":
        return context.registry().pipelines();
      case "sessions":
        return environment.sessions();
      case "metadata":
        return environment.metadata();
      default:
        return super.getProperty(property);
    }
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "getKmd": {
        String name = args.string("moduleName");
        String kmd = environment.kmd(name);
        if (kmd == null) {
          throw new KurentoException(KurentoError.UNDEFINED, "Module '" + name + "' not found");
        }
        return kmd;
      }
      case "getCpuCount":
        return Runtime.getRuntime().availableProcessors();
      case "getUsedCpu":
        return usedCpu(Math.max(0, args.integer("interval", 1000)));
      case "getUsedMemory":
        // Reads /proc: off the loop.
        return CompletableFuture.supplyAsync(ServerManager::usedMemoryKiB, context.blocking());
      default:
        return super.invoke(operation, args);
    }
  }

  /**
   * The process's CPU use over the next {@code intervalMillis}, in percent of all processors, as
   * Kurento measures it. Waits with a delayed executor: no thread sleeps.
   */
  private CompletableFuture<Float> usedCpu(int intervalMillis) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long wallStart = System.nanoTime();
    Executor later = CompletableFuture.delayedExecutor(intervalMillis, TimeUnit.MILLISECONDS,
        context.blocking());
    return CompletableFuture.supplyAsync(() -> {
      long cpu = os.getProcessCpuTime() - cpuStart;
      long wall = Math.max(1, System.nanoTime() - wallStart);
      int cpus = Runtime.getRuntime().availableProcessors();
      return (float) (100.0 * cpu / wall / cpus);
    }, later);
  }

  /** Resident set size in KiB (Kurento's getUsedMemory), or the JVM's committed memory off Linux. */
  static long usedMemoryKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // Not Linux: fall through to the JVM's own figures.
    }
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() + ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage()
        .getCommitted()) / 1024;
  }

  /** Live pipelines, for tests. */
  public List<MediaPipeline> pipelines() {
    return context.registry().pipelines();
  }
}
