package org.rivulet.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ServerConfig} from the command line, the environment and Kurento's files, in
 * Kurento's order of precedence:
 *
 * <ol>
 *   <li>the main file: {@code --conf-file <file>} / {@code -f <file>}, else the environment
 *       variable {@code KURENTO_CONF_FILE}, else {@code /etc/kurento/kurento.conf.json} <em>if it
 *       exists</em>, else built-in defaults equal to Kurento's packaged file (WebSocket on port
 *       8888, path {@code kurento}). Falling back to defaults lets Rivulet start from a bare jar;
 *       reading {@code /etc/kurento} when present lets it replace an installed Kurento as is. A
 *       file that was named but does not exist is an error. When a file is read and sets no
 *       {@code mediaServer.net.websocket.port}, the plain WebSocket is disabled, as in Kurento;
 *   <li>the module files under {@code --modules-config-path} / {@code -c}, else
 *       {@code KURENTO_MODULES_CONFIG_PATH}, else {@code <configdir>/modules}; several directories
 *       may be given separated by {@code :}, later ones overriding earlier ones
 *       ({@link ModuleConfigLoader});
 *   <li>the {@code KMS_*} variables of Kurento's Docker image, over the module files
 *       ({@link EnvironmentOverrides});
 *   <li>{@code --port} and {@code --address}, over everything.
 * </ol>
 * Command-line options win over their {@code KURENTO_*} variables, as in Kurento. The result is
 * checked by {@link ConfigValidator}; any problem is a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {

  /** Where Kurento's packages install the main file. */
  public static final Path DEFAULT_CONF_FILE = Path.of("/etc/kurento/kurento.conf.json");

  static final String ENV_CONF_FILE = "KURENTO_CONF_FILE";
  static final String ENV_MODULES_CONFIG_PATH = "KURENTO_MODULES_CONFIG_PATH";

  private ConfigLoader() {}

  /**
   * Loads the configuration, with {@link #DEFAULT_CONF_FILE} read only if it exists.
   *
   * @param args the command line
   * @param env the environment, normally {@code System.getenv()}
   * @throws ConfigException when an option is unknown, a file cannot be read, or a value is invalid
   */
  public static ServerConfig load(String[] args, Map<String, String> env) {
    return load(args, env, DEFAULT_CONF_FILE);
  }

  /**
   * Loads the configuration with another default main file, so that tests and embedding code do
   * not pick up whatever {@code /etc/kurento} holds on the machine they run on.
   *
   * @param defaultConfFile read when neither {@code --conf-file} nor {@code KURENTO_CONF_FILE} is
   *     given and it exists; its directory is the configuration directory otherwise
   */
  public static ServerConfig load(String[] args, Map<String, String> env, Path defaultConfFile) {
    CommandLine commandLine = CommandLine.parse(args);
    List<String> warnings = new ArrayList<>();
    Settings.Builder settings = Settings.builder();

    Path confFile = mainFile(commandLine, env, defaultConfFile);
    Path configDir = (confFile != null ? confFile : defaultConfFile.toAbsolutePath().normalize())
        .getParent();
    String metadata = "";
    if (confFile != null) {
      ObjectNode root = (ObjectNode) JsonConfigFile.read(confFile);
      JsonNode metadataNode = root.remove(ConfigKeys.METADATA);
      if (metadataNode != null) {
        metadata = JsonConfigFile.toJson(metadataNode);
      }
      JsonConfigFile.flatten(root, "", confFile, settings);
    } else {
      settings.put(Setting.builtInDefault(ConfigKeys.WS_PORT,
          Integer.toString(ServerConfig.DEFAULT_PORT)));
    }

    List<Path> modulesPath = modulesPath(commandLine, env, configDir);
    boolean explicitModulesPath = commandLine.modulesConfigPath().isPresent()
        || !isBlank(env.get(ENV_MODULES_CONFIG_PATH));
    // A bare start (no file anywhere) should not warn about a modules directory nobody asked for.
    List<Path> toRead = confFile != null || explicitModulesPath ? modulesPath
        : modulesPath.stream().filter(Files::isDirectory).toList();
    ModuleConfigLoader.Result modules = ModuleConfigLoader.load(toRead);
    settings.putAll(modules.settings());
    warnings.addAll(modules.warnings());

    EnvironmentOverrides.apply(env, settings, warnings);
    commandLine.port().ifPresent(port -> settings.put(
        Setting.fromCommandLine(ConfigKeys.WS_PORT, port, CommandLine.PORT)));
    commandLine.address().ifPresent(address -> settings.put(
        Setting.fromCommandLine(ConfigKeys.WS_ADDRESS, address, CommandLine.ADDRESS)));

    Settings checked = settings.build().withoutBlankValues(ConfigValidator::isBlankableKey);
    ConfigValidator.validate(checked, configDir);
    return new ServerConfig(checked, configDir, confFile, modulesPath, metadata, warnings);
  }

  /** The main file to read, absolute; {@code null} for built-in defaults. */
  private static Path mainFile(CommandLine commandLine, Map<String, String> env,
      Path defaultConfFile) {
    Optional<String> fromCommandLine = commandLine.confFile();
    String name = fromCommandLine.isPresent() ? CommandLine.CONF_FILE : ENV_CONF_FILE;
    String given = fromCommandLine.orElse(env.get(ENV_CONF_FILE));
    if (fromCommandLine.isEmpty() && isBlank(given)) {
      Path fallback = defaultConfFile.toAbsolutePath().normalize();
      return Files.isRegularFile(fallback) ? fallback : null;
    }
    Path file = path(name, given);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(name + ": " + file + " does not exist or is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(name + ": " + file + " is not readable");
    }
    return file;
  }

  private static List<Path> modulesPath(CommandLine commandLine, Map<String, String> env,
      Path configDir) {
    Optional<String> fromCommandLine = commandLine.modulesConfigPath();
    String name = fromCommandLine.isPresent() ? CommandLine.MODULES_CONFIG_PATH
        : ENV_MODULES_CONFIG_PATH;
    String given = fromCommandLine.orElse(env.get(ENV_MODULES_CONFIG_PATH));
    if (fromCommandLine.isEmpty() && isBlank(given)) {
      return List.of(configDir.resolve("modules"));
    }
    List<Path> paths = new ArrayList<>();
    for (String part : given.split(File.pathSeparator, -1)) {
      if (!part.isBlank()) {
        paths.add(path(name, part));
      }
    }
    if (paths.isEmpty()) {
      throw new ConfigException(name + ": no directory given");
    }
    return paths;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static Path path(String name, String text) {
    if (text.isBlank()) {
      throw new ConfigException(name + ": a path is required");
    }
    try {
      return Path.of(text.strip()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(name + ": \"" + text + "\" is not a valid path", e);
    }
  }
}
