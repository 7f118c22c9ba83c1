package org.rivulet.server.config;

import static org.rivulet.server.config.ConfigKeys.EXTERNAL_IPV4;
import static org.rivulet.server.config.ConfigKeys.EXTERNAL_IPV6;
import static org.rivulet.server.config.ConfigKeys.ICE_TCP;
import static org.rivulet.server.config.ConfigKeys.MAX_PORT;
import static org.rivulet.server.config.ConfigKeys.MIN_PORT;
import static org.rivulet.server.config.ConfigKeys.MTU;
import static org.rivulet.server.config.ConfigKeys.NETWORK_INTERFACES;
import static org.rivulet.server.config.ConfigKeys.PEM_ECDSA;
import static org.rivulet.server.config.ConfigKeys.PEM_RSA;
import static org.rivulet.server.config.ConfigKeys.STUN_ADDRESS;
import static org.rivulet.server.config.ConfigKeys.STUN_PORT;
import static org.rivulet.server.config.ConfigKeys.TURN_URL;

import java.util.List;
import java.util.Map;

/**
 * The {@code KMS_*} environment variables of Kurento's Docker image.
 *
 * <p>Kurento's {@code entrypoint.sh} writes them into the module {@code .ini} files before starting
 * the server, so they win over whatever the files say; Rivulet applies them on top of the loaded
 * files to the same keys, so a {@code docker run -e KMS_...} command line carries over unchanged.
 * As in the entrypoint, a variable that is set but empty counts as unset, and values are trimmed
 * (the entrypoint's ini files would trim them).
 *
 * <p>Two deliberate differences:
 * <ul>
 *   <li>{@code KMS_EXTERNAL_IPV4/6=auto} asks the entrypoint to discover the public address with an
 *       online service; Rivulet does not reach out to the network at start-up, so {@code auto} is
 *       rejected with a message saying to give the address;
 *   <li>{@code KMS_STUN_IP} and {@code KMS_STUN_PORT} only apply together, as in the entrypoint,
 *       but a lone one gives a warning instead of being dropped in silence.
 * </ul>
 */
final class EnvironmentOverrides {

  /** Variable and key, in a fixed order, for the variables the entrypoint copies one-to-one. */
  private static final List<Map.Entry<String, String>> SIMPLE = List.of(
      Map.entry("KMS_MIN_PORT", MIN_PORT),
      Map.entry("KMS_MAX_PORT", MAX_PORT),
      Map.entry("KMS_MTU", MTU),
      Map.entry("KMS_NETWORK_INTERFACES", NETWORK_INTERFACES),
      Map.entry("KMS_EXTERNAL_IPV4", EXTERNAL_IPV4),
      Map.entry("KMS_EXTERNAL_IPV6", EXTERNAL_IPV6),
      Map.entry("KMS_ICE_TCP", ICE_TCP),
      Map.entry("KMS_TURN_URL", TURN_URL),
      Map.entry("KMS_PEM_CERTIFICATE_RSA", PEM_RSA),
      Map.entry("KMS_PEM_CERTIFICATE_ECDSA", PEM_ECDSA));

  private EnvironmentOverrides() {}

  /**
   * Puts the settings of every {@code KMS_*} variable present in {@code env} into {@code into},
   * replacing the values from files, and adds a warning for each variable that has no effect.
   *
   * @throws ConfigException when an external address is {@code auto}
   */
  static void apply(Map<String, String> env, Settings.Builder into, List<String> warnings) {
    for (Map.Entry<String, String> mapping : SIMPLE) {
      String variable = mapping.getKey();
      String value = get(env, variable);
      if (value == null) {
        continue;
      }
      if ((variable.equals("KMS_EXTERNAL_IPV4") || variable.equals("KMS_EXTERNAL_IPV6"))
          && value.equalsIgnoreCase("auto")) {
        throw new ConfigException(variable + ": \"auto\" (discover the public address) is not"
            + " supported, because Rivulet does not query the network at start-up; set the"
            + " address itself");
      }
      into.put(Setting.fromEnvironment(mapping.getValue(), value, variable));
    }
    String stunIp = get(env, "KMS_STUN_IP");
    String stunPort = get(env, "KMS_STUN_PORT");
    if (stunIp != null && stunPort != null) {
      into.put(Setting.fromEnvironment(STUN_ADDRESS, stunIp, "KMS_STUN_IP"));
      into.put(Setting.fromEnvironment(STUN_PORT, stunPort, "KMS_STUN_PORT"));
    } else if (stunIp != null || stunPort != null) {
      String set = stunIp != null ? "KMS_STUN_IP" : "KMS_STUN_PORT";
      String missing = stunIp != null ? "KMS_STUN_PORT" : "KMS_STUN_IP";
      warnings.add(set + " is ignored because " + missing
          + " is not set; Kurento's image applies them only together");
    }
  }

  private static String get(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.strip();
  }
}
