package org.rivulet.server;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.rpc.KurentoServer;
import org.rivulet.server.config.ConfigException;
import org.rivulet.server.config.ConfigLoader;
import org.rivulet.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Rivulet with Kurento's configuration sources (kurento.conf.json, module configs,
 * {@code KMS_*} variables), logs one start-up line, and shuts down cleanly on SIGTERM.
 */
public final class Main {
  static {
    DirectMemory.failFast();
  }

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    ServerConfig config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("rivulet: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    config.warnings().forEach(w -> log.warn("Configuration: {}", w));
    KurentoServer server;
    try {
      server = KurentoServer.start(settings(config));
    } catch (Exception e) {
      System.err.println("rivulet: cannot start: " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping Rivulet");
      server.close();
      log.info("Rivulet stopped");
      stopped.countDown();
    }, "rivulet-shutdown"));
    logStarted(config, server);
    stopped.await();
  }

  static KurentoServer.Settings settings(ServerConfig c) {
    return new KurentoServer.Settings(c.address(), c.webSocketEnabled() ? c.port() : -1, c.path(),
        c.secureWebSocketEnabled() ? c.securePort() : -1,
        c.secureCertificate().map(p -> p.toFile()).orElse(null), c.securePassword(),
        c.garbageCollectorPeriod().toSeconds(), c.metadata(), c.moduleConfig());
  }

  private static void logStarted(ServerConfig c, KurentoServer server) {
    long startedMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    List<InetSocketAddress> bound = server.addresses();
    StringBuilder urls = new StringBuilder();
    for (int i = 0; i < bound.size(); i++) {
      boolean secure = i > 0 || !c.webSocketEnabled();
      InetSocketAddress a = bound.get(i);
      urls.append(i == 0 ? "" : ", ").append(secure ? "wss://" : "ws://")
          .append(a.getAddress().getHostAddress()).append(':').append(a.getPort()).append('/')
          .append(c.path());
    }
    ModuleConfig m = c.moduleConfig();
    log.info("Rivulet {} (Kurento API {}) listening on {}; RTP ports {}-{}; {} transport; started in {} ms",
        version(), KurentoServer.KURENTO_VERSION, urls,
        m.intValue("BaseRtpEndpoint", "minPort", 1024), m.intValue("BaseRtpEndpoint", "maxPort", 65535),
        server.epoll() ? "epoll" : "NIO", startedMs);
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
