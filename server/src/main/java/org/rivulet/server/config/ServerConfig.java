package org.rivulet.server.config;

import static org.rivulet.server.config.ConfigKeys.DISABLE_REQUEST_CACHE;
import static org.rivulet.server.config.ConfigKeys.EXCEPTION_LIMIT;
import static org.rivulet.server.config.ConfigKeys.GC_PERIOD;
import static org.rivulet.server.config.ConfigKeys.WSS_CERTIFICATE;
import static org.rivulet.server.config.ConfigKeys.WSS_PASSWORD;
import static org.rivulet.server.config.ConfigKeys.WSS_PORT;
import static org.rivulet.server.config.ConfigKeys.WS_ADDRESS;
import static org.rivulet.server.config.ConfigKeys.WS_PATH;
import static org.rivulet.server.config.ConfigKeys.WS_PORT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rivulet.elements.config.ModuleConfig;

/**
 * The server's configuration, read and checked by {@link ConfigLoader}: what Kurento reads from
 * {@code kurento.conf.json}, its module files and the {@code KMS_*} variables.
 *
 * <p>Values that are absent take Kurento's code defaults, with one exception: the listen address
 * defaults to {@code 0.0.0.0} where Kurento first tries {@code [::]}, because a dual-stack bind
 * fails on hosts with IPv6 disabled and Kurento's clients connect over IPv4. A port of 0 means
 * "disabled", as in Kurento, never "any free port".
 *
 * <p>Immutable and safe to share between threads. {@link #toString()} leaves out the certificate
 * password.
 */
public final class ServerConfig {

  /** Kurento's {@code WEBSOCKET_PATH_DEFAULT}. */
  public static final String DEFAULT_PATH = "kurento";
  public static final String DEFAULT_ADDRESS = "0.0.0.0";
  /** The port of the packaged {@code kurento.conf.json}, used when no file is read at all. */
  public static final int DEFAULT_PORT = 8888;
  public static final Duration DEFAULT_GARBAGE_COLLECTOR_PERIOD = Duration.ofSeconds(240);
  public static final double DEFAULT_EXCEPTION_LIMIT = 0.8;

  private final String address;
  private final int port;
  private final String path;
  private final int securePort;
  private final Path secureCertificate;
  private final String securePassword;
  private final Duration garbageCollectorPeriod;
  private final double exceptionLimit;
  private final boolean disableRequestCache;
  private final String metadata;
  private final Path configDir;
  private final Path configFile;
  private final List<Path> modulesConfigPath;
  private final Settings settings;
  private final ModuleConfig moduleConfig;
  private final List<String> warnings;

  /**
   * Reads the typed values out of validated settings.
   *
   * @param settings every setting, already checked by {@link ConfigValidator}
   * @param configFile the main file read, or {@code null} for built-in defaults
   */
  ServerConfig(Settings settings, Path configDir, Path configFile, List<Path> modulesConfigPath,
      String metadata, List<String> warnings) {
    this.settings = Objects.requireNonNull(settings);
    this.configDir = Objects.requireNonNull(configDir);
    this.configFile = configFile;
    this.modulesConfigPath = List.copyOf(modulesConfigPath);
    this.metadata = Objects.requireNonNull(metadata);
    this.warnings = List.copyOf(warnings);
    this.address = settings.value(WS_ADDRESS).map(String::strip).orElse(DEFAULT_ADDRESS);
    this.port = intValue(settings, WS_PORT, 0);
    this.path = settings.value(WS_PATH).orElse(DEFAULT_PATH);
    this.securePort = intValue(settings, WSS_PORT, 0);
    this.secureCertificate =
        settings.value(WSS_CERTIFICATE).map(p -> configDir.resolve(p).normalize()).orElse(null);
    this.securePassword = settings.value(WSS_PASSWORD).orElse("");
    this.garbageCollectorPeriod = settings.value(GC_PERIOD)
        .map(v -> Duration.ofSeconds(Integer.parseInt(v.strip())))
        .orElse(DEFAULT_GARBAGE_COLLECTOR_PERIOD);
    this.exceptionLimit = settings.value(EXCEPTION_LIMIT)
        .map(v -> Double.parseDouble(v.strip()))
        .orElse(DEFAULT_EXCEPTION_LIMIT);
    this.disableRequestCache = settings.value(DISABLE_REQUEST_CACHE)
        .map(v -> v.strip().equals("1") || v.strip().equalsIgnoreCase("true"))
        .orElse(false);
    this.moduleConfig = settings.forModule("kurento");
  }

  private static int intValue(Settings settings, String key, int defaultValue) {
    return settings.value(key).map(v -> Integer.parseInt(v.strip())).orElse(defaultValue);
  }

  /** {@code mediaServer.net.websocket.address}; {@code 0.0.0.0} when absent. */
  public String address() {
    return address;
  }

  /** {@code mediaServer.net.websocket.port}; 0 when the WebSocket is disabled. */
  public int port() {
    return port;
  }

  /** Whether clients can connect without TLS ({@code port} is not 0). */
  public boolean webSocketEnabled() {
    return port != 0;
  }

  /** {@code mediaServer.net.websocket.path}, without a leading '/': {@code kurento}. */
  public String path() {
    return path;
  }

  /** {@code mediaServer.net.websocket.secure.port}; 0 when the secure WebSocket is disabled. */
  public int securePort() {
    return securePort;
  }

  /** Whether clients can connect over TLS ({@code secure.port} is not 0). */
  public boolean secureWebSocketEnabled() {
    return securePort != 0;
  }

  /**
   * {@code mediaServer.net.websocket.secure.certificate}, resolved against the configuration
   * directory when relative: one PEM file holding the certificate chain and the private key.
   * Present and readable (at start-up) whenever {@link #secureWebSocketEnabled()}.
   */
  public Optional<Path> secureCertificate() {
    return Optional.ofNullable(secureCertificate);
  }

  /**
   * {@code mediaServer.net.websocket.secure.password}, for an encrypted private key; "" if none.
   */
  public String securePassword() {
    return securePassword;
  }

  /**
   * {@code mediaServer.resources.garbageCollectorPeriod}: how often objects whose sessions are
   * gone are released.
   */
  public Duration garbageCollectorPeriod() {
    return garbageCollectorPeriod;
  }

  /**
   * {@code mediaServer.resources.exceptionLimit}, in (0, 1]: the fraction of the resource limits
   * past which object creation fails with an error.
   */
  public double exceptionLimit() {
    return exceptionLimit;
  }

  /**
   * {@code mediaServer.resources.disableRequestCache}: whether a request retried with the same id
   * is executed again instead of answered from the cache of recent responses.
   */
  public boolean disableRequestCache() {
    return disableRequestCache;
  }

  /**
   * The top-level {@code metadata} node of the main file as compact JSON text, which
   * {@code ServerManager.getMetadata} returns; "" when there is none.
   */
  public String metadata() {
    return metadata;
  }

  /** The directory of the main file (or of the default file when none was read). */
  public Path configDir() {
    return configDir;
  }

  /** The main file read; empty when the built-in defaults were used. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** The module configuration directories, in the order they were read. */
  public List<Path> modulesConfigPath() {
    return modulesConfigPath;
  }

  /** The settings of {@code modules/kurento/}, for the core, elements and filters. */
  public ModuleConfig moduleConfig() {
    return moduleConfig;
  }

  /**
   * Every setting, including those of other modules ({@link Settings#forModule}) and keys Rivulet
   * does not read, each with its origin.
   */
  public Settings settings() {
    return settings;
  }

  /** Things that were ignored but may be mistakes, for the log at start-up. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "ServerConfig[address=" + address + ", port=" + port + ", path=" + path
        + ", securePort=" + securePort + ", secureCertificate=" + secureCertificate
        + ", garbageCollectorPeriod=" + garbageCollectorPeriod + ", exceptionLimit="
        + exceptionLimit + ", disableRequestCache=" + disableRequestCache + ", configDir="
        + configDir + ", configFile=" + configFile + ", modulesConfigPath=" + modulesConfigPath
        + "]";
  }
}
