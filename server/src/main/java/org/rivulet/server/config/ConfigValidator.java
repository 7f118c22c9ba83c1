package org.rivulet.server.config;

import static org.rivulet.server.config.ConfigKeys.DEFAULT_MAX_PORT;
import static org.rivulet.server.config.ConfigKeys.DEFAULT_MIN_PORT;
import static org.rivulet.server.config.ConfigKeys.DISABLE_REQUEST_CACHE;
import static org.rivulet.server.config.ConfigKeys.ENCODER_BITRATE;
import static org.rivulet.server.config.ConfigKeys.EXCEPTION_LIMIT;
import static org.rivulet.server.config.ConfigKeys.EXTERNAL_IPV4;
import static org.rivulet.server.config.ConfigKeys.EXTERNAL_IPV6;
import static org.rivulet.server.config.ConfigKeys.GC_PERIOD;
import static org.rivulet.server.config.ConfigKeys.ICE_TCP;
import static org.rivulet.server.config.ConfigKeys.MAX_ENCODER_BITRATE;
import static org.rivulet.server.config.ConfigKeys.MAX_PORT;
import static org.rivulet.server.config.ConfigKeys.MIN_ENCODER_BITRATE;
import static org.rivulet.server.config.ConfigKeys.MIN_PORT;
import static org.rivulet.server.config.ConfigKeys.MTU;
import static org.rivulet.server.config.ConfigKeys.NETWORK_INTERFACES;
import static org.rivulet.server.config.ConfigKeys.STUN_ADDRESS;
import static org.rivulet.server.config.ConfigKeys.STUN_PORT;
import static org.rivulet.server.config.ConfigKeys.TURN_URL;
import static org.rivulet.server.config.ConfigKeys.WSS_CERTIFICATE;
import static org.rivulet.server.config.ConfigKeys.WSS_PORT;
import static org.rivulet.server.config.ConfigKeys.WS_ADDRESS;
import static org.rivulet.server.config.ConfigKeys.WS_PATH;
import static org.rivulet.server.config.ConfigKeys.WS_PORT;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every value Rivulet acts on before anything starts listening.
 *
 * <p>Kurento checks late or not at all: a bad {@code minPort} shows up as a failed
 * {@code WebRtcEndpoint} long after start-up, on the first call. Rivulet refuses to start instead,
 * with one line per bad value naming the key, variable or option that holds it (see
 * {@link Setting#problem}). Every problem is collected before failing, so one restart shows them
 * all.
 *
 * <p>Keys without a rule are kept but not checked, as Kurento ignores keys it does not read.
 * Blank values of module keys that have a rule count as unset ({@link #isBlankableKey}): an empty
 * {@code externalIPv4=} line is the usual way of leaving a value out, and elements then use their
 * defaults.
 */
final class ConfigValidator {

  /** Checks one value; answers {@code null} when it is fine, else what is wrong with it. */
  @FunctionalInterface
  private interface Rule {
    String check(String value);
  }

  private static final Pattern TURN_URL_SHAPE =
      Pattern.compile("([^:@]+):(.+)@([^@]+):([0-9]{1,5})(?:\\?transport=([A-Za-z]+))?");

  private static final Pattern INTERFACE_NAME = Pattern.compile("[^\\s/,]+");

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry(WS_ADDRESS, ConfigValidator::address),
      Map.entry(WS_PORT, intRange(0, 65535)),
      Map.entry(WS_PATH, ConfigValidator::webSocketPath),
      Map.entry(WSS_PORT, intRange(0, 65535)),
      Map.entry(WSS_CERTIFICATE, ConfigValidator::notBlank),
      Map.entry(GC_PERIOD, intRange(1, Integer.MAX_VALUE)),
      Map.entry(EXCEPTION_LIMIT, ConfigValidator::exceptionLimit),
      Map.entry(DISABLE_REQUEST_CACHE, ConfigValidator::bool),
      Map.entry(MIN_PORT, intRange(1, 65535)),
      Map.entry(MAX_PORT, intRange(1, 65535)),
      Map.entry(MTU, intRange(68, 65535)),
      Map.entry(ICE_TCP, ConfigValidator::bool),
      Map.entry(STUN_PORT, intRange(1, 65535)),
      Map.entry(STUN_ADDRESS, ipLiteral("an IP address literal (Kurento accepts no host names)",
          AddressSyntax::isIpLiteral)),
      Map.entry(EXTERNAL_IPV4, ipLiteral("an IPv4 address literal", AddressSyntax::isIpv4)),
      Map.entry(EXTERNAL_IPV6, ipLiteral("an IPv6 address literal", AddressSyntax::isIpv6)),
      Map.entry(TURN_URL, ConfigValidator::turnUrl),
      Map.entry(NETWORK_INTERFACES, ConfigValidator::networkInterfaces),
      Map.entry(ENCODER_BITRATE, intRange(0, Integer.MAX_VALUE)),
      Map.entry(MIN_ENCODER_BITRATE, intRange(0, Integer.MAX_VALUE)),
      Map.entry(MAX_ENCODER_BITRATE, intRange(0, Integer.MAX_VALUE)));

  private ConfigValidator() {}

  /** Whether a blank value under {@code key} means "unset": true for module keys checked here. */
  static boolean isBlankableKey(String key) {
    return key.startsWith(ConfigKeys.KURENTO) && RULES.containsKey(key);
  }

  /**
   * Checks {@code settings}.
   *
   * @param configDir the directory relative certificate paths are resolved against
   * @throws ConfigException listing every problem, when there is at least one
   */
  static void validate(Settings settings, Path configDir) {
    List<String> problems = new ArrayList<>();
    for (Setting s : settings.all()) {
      Rule rule = RULES.get(s.key());
      if (rule == null) {
        continue;
      }
      String detail = s.isList() ? "is a list, expected a single value" : rule.check(s.text());
      if (detail != null) {
        problems.add(s.problem(detail));
      }
    }
    if (problems.isEmpty()) {
      checkCombinations(settings, configDir, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Rules across keys; run only once every value parses, so they can rely on it. */
  private static void checkCombinations(Settings settings, Path configDir, List<String> problems) {
    Optional<Setting> ws = settings.setting(WS_PORT);
    Optional<Setting> wss = settings.setting(WSS_PORT);
    int wsPort = ws.map(s -> Integer.parseInt(s.text().strip())).orElse(0);
    int wssPort = wss.map(s -> Integer.parseInt(s.text().strip())).orElse(0);
    if (wsPort == 0 && wssPort == 0) {
      String wsName = ws.map(Setting::label).orElse(WS_PORT);
      String wssName = wss.map(Setting::label).orElse(WSS_PORT);
      problems.add(wsName + " and " + wssName + ": both the WebSocket and the secure WebSocket are"
          + " disabled (0 or absent); enable at least one, or clients cannot connect");
    }
    if (wssPort != 0) {
      Optional<Setting> certificate = settings.setting(WSS_CERTIFICATE);
      if (certificate.isEmpty()) {
        problems.add(WSS_CERTIFICATE + ": required when " + wss.get().label() + " is set: a PEM"
            + " file holding the certificate chain and the private key");
      } else {
        String missing = unreadableCertificate(certificate.get().text(), configDir);
        if (missing != null) {
          problems.add(certificate.get().problem(missing));
        }
      }
    }
    Optional<Setting> min = settings.setting(MIN_PORT);
    Optional<Setting> max = settings.setting(MAX_PORT);
    int minPort = min.map(s -> Integer.parseInt(s.text().strip())).orElse(DEFAULT_MIN_PORT);
    int maxPort = max.map(s -> Integer.parseInt(s.text().strip())).orElse(DEFAULT_MAX_PORT);
    if (minPort > maxPort) {
      String minName = min.map(Setting::label).orElse(MIN_PORT + " (default)");
      String maxName = max.map(Setting::label).orElse(MAX_PORT + " (default)");
      problems.add(minName + ": " + minPort + " is greater than " + maxName + " " + maxPort
          + "; the RTP port range would be empty");
    }
  }

  private static String unreadableCertificate(String path, Path configDir) {
    Path file;
    try {
      file = configDir.resolve(path).normalize();
    } catch (InvalidPathException e) {
      return "\"" + path + "\" is not a valid path";
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return file + " does not exist or is not a readable file";
    }
    return null;
  }

  private static Rule intRange(int min, int max) {
    return value -> {
      long n;
      try {
        n = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        return "\"" + value + "\" is not an integer";
      }
      if (max == Integer.MAX_VALUE) {
        if (n < min) {
          return n + (min == 0 ? " is negative" : " is less than " + min);
        }
        return n > max ? n + " is too large; the largest accepted value is " + max : null;
      }
      return n < min || n > max ? n + " is out of range " + min + ".." + max : null;
    };
  }

  private static String bool(String value) {
    String v = value.strip();
    if (v.equals("0") || v.equals("1") || v.equalsIgnoreCase("true")
        || v.equalsIgnoreCase("false")) {
      return null;
    }
    return "\"" + value + "\" is not a boolean; use 1, 0, true or false";
  }

  private static String exceptionLimit(String value) {
    double d;
    try {
      d = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return "\"" + value + "\" is not a number";
    }
    if (!(d > 0 && d <= 1)) {
      return value.strip() + " is out of range (0, 1]: it is a fraction of the resource limits";
    }
    return null;
  }

  private static String address(String value) {
    if (value.isBlank()) {
      return "must not be empty; leave it out to listen on every interface";
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      return "\"" + value + "\" must not contain whitespace";
    }
    return null;
  }

  /** Kurento compares the request path, without its leading '/' and query, with this value. */
  private static String webSocketPath(String value) {
    if (value.isEmpty()) {
      return "must not be empty";
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      return "\"" + value + "\" must not contain whitespace";
    }
    if (value.startsWith("/")) {
      return "\"" + value + "\" must not start with '/': Kurento compares it with the request"
          + " path without its leading '/'";
    }
    if (value.indexOf('?') >= 0 || value.indexOf('#') >= 0) {
      return "\"" + value + "\" must not contain '?' or '#'";
    }
    return null;
  }

  private static String notBlank(String value) {
    return value.isBlank() ? "must not be empty" : null;
  }

  private static Rule ipLiteral(String expected, Predicate<String> syntax) {
    return value -> syntax.test(value.strip()) ? null
        : "\"" + value + "\" is not " + expected;
  }

  private static String networkInterfaces(String value) {
    for (String name : value.split(",", -1)) {
      if (!INTERFACE_NAME.matcher(name.strip()).matches()) {
        return "\"" + value + "\" is not a comma-separated list of interface names, such as"
            + " eth0,eth1";
      }
    }
    return null;
  }

  /**
   * Checks a TURN URL. Messages never show the password: they show {@code ****} for the
   * credentials, or nothing of the value when it has no {@code @} to tell where they end.
   */
  private static String turnUrl(String value) {
    String v = value.strip();
    int at = v.lastIndexOf('@');
    String shown = at < 0 ? "the value (not shown: it may hold the password)"
        : "\"****" + v.substring(at) + "\"";
    String expected = "; expected user:password@host:port[?transport=udp|tcp|tls]";
    if (v.regionMatches(true, 0, "turn:", 0, 5) || v.regionMatches(true, 0, "turns:", 0, 6)) {
      return shown + " must not start with a turn: scheme" + expected;
    }
    Matcher m = TURN_URL_SHAPE.matcher(v);
    if (!m.matches()) {
      return shown + " is not a TURN URL" + expected;
    }
    String host = m.group(3);
    boolean hostOk = host.startsWith("[") && host.endsWith("]")
        ? AddressSyntax.isIpv6(host.substring(1, host.length() - 1))
        : AddressSyntax.isIpLiteral(host) || AddressSyntax.isHostName(host);
    if (!hostOk) {
      return shown + " has an invalid host \"" + host + "\"" + expected;
    }
    int port = Integer.parseInt(m.group(4));
    if (port < 1 || port > 65535) {
      return shown + " has port " + port + ", out of range 1..65535";
    }
    String transport = m.group(5);
    if (transport != null && !transport.equals("udp") && !transport.equals("tcp")
        && !transport.equals("tls")) {
      return shown + " has transport \"" + transport + "\"" + expected;
    }
    return null;
  }
}
