package org.rivulet.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line options of the server.
 *
 * <p>The first two are Kurento's own ({@code kurento-media-server --conf-file ... -c ...}), so
 * systemd units and Docker commands written for Kurento keep working. {@code --port} and
 * {@code --address} are Rivulet's, for tests and quick runs that should not need a file. Each
 * option takes a value, as {@code --name value} or {@code --name=value}; the short forms take
 * {@code -f value}. Anything else, and an option given twice, stops start-up: a mistyped option
 * silently ignored would leave the server running with a configuration nobody asked for.
 *
 * @param confFile {@code --conf-file} / {@code -f}
 * @param modulesConfigPath {@code --modules-config-path} / {@code -c}
 * @param port {@code --port}: the WebSocket port, overriding the file
 * @param address {@code --address}: the WebSocket listen address, overriding the file
 */
record CommandLine(
    Optional<String> confFile,
    Optional<String> modulesConfigPath,
    Optional<String> port,
    Optional<String> address) {

  static final String CONF_FILE = "--conf-file";
  static final String MODULES_CONFIG_PATH = "--modules-config-path";
  static final String PORT = "--port";
  static final String ADDRESS = "--address";

  private static final Map<String, String> SHORT_FORMS =
      Map.of("-f", CONF_FILE, "-c", MODULES_CONFIG_PATH);

  private static final List<String> OPTIONS =
      List.of(CONF_FILE, MODULES_CONFIG_PATH, PORT, ADDRESS);

  /**
   * Parses {@code args}.
   *
   * @throws ConfigException for an unknown or repeated option, or an option without its value
   */
  static CommandLine parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        option = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        option = SHORT_FORMS.getOrDefault(arg, arg);
        if (!OPTIONS.contains(option)) {
          throw unknown(arg);
        }
        if (i + 1 >= args.length) {
          throw new ConfigException(arg + ": a value is required");
        }
        value = args[++i];
      }
      if (!OPTIONS.contains(option)) {
        throw unknown(arg);
      }
      if (values.put(option, value) != null) {
        throw new ConfigException(option + ": given more than once");
      }
    }
    return new CommandLine(
        Optional.ofNullable(values.get(CONF_FILE)),
        Optional.ofNullable(values.get(MODULES_CONFIG_PATH)),
        Optional.ofNullable(values.get(PORT)),
        Optional.ofNullable(values.get(ADDRESS)));
  }

  private static ConfigException unknown(String arg) {
    return new ConfigException("Unknown command-line argument \"" + arg + "\"; the options are"
        + " --conf-file (-f) <file>, --modules-config-path (-c) <dirs>, --port <port> and"
        + " --address <address>");
  }
}
