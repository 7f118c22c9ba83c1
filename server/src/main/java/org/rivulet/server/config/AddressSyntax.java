package org.rivulet.server.config;

import java.util.regex.Pattern;

/**
 * Syntax checks for addresses in the configuration, done on the text alone.
 *
 * <p>{@code InetAddress.getByName} would accept the same literals but falls back to a DNS lookup
 * for anything it does not recognise, which at start-up can hang on a broken resolver and would
 * accept host names where Kurento requires an IP. These checks never touch the network.
 */
final class AddressSyntax {

  private static final Pattern IPV4 = Pattern.compile(
      "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
          + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private static final Pattern HOST_NAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  private AddressSyntax() {}

  /** A dotted-quad IPv4 literal such as {@code 203.0.113.7}; leading zeros are refused. */
  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /**
   * An IPv6 literal as in RFC 4291 section 2.2: eight groups of one to four hex digits, one
   * {@code ::} standing for one or more zero groups, optionally ending in an IPv4 dotted quad. No
   * brackets and no {@code %zone}, which mean nothing in a configured address.
   */
  static boolean isIpv6(String s) {
    if (s.isEmpty() || s.indexOf(":::") >= 0) {
      return false;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    if (gap < 0) {
      return groups(s, true) == 8;
    }
    String head = s.substring(0, gap);
    String tail = s.substring(gap + 2);
    int headGroups = head.isEmpty() ? 0 : groups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /** Either kind of IP literal. */
  static boolean isIpLiteral(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  /**
   * A DNS host name (letters, digits and hyphens in dot-separated labels) that is not a malformed
   * IPv4 address: {@code 10.0.0.300} is a typo, not a name.
   */
  static boolean isHostName(String s) {
    return HOST_NAME.matcher(s).matches() && !s.matches("[0-9.]+");
  }

  /**
   * The number of 16-bit groups in a colon-separated run, or -1 when malformed.
   *
   * @param ipv4Allowed whether the last group may be an IPv4 dotted quad (counting as two)
   */
  private static int groups(String run, boolean ipv4Allowed) {
    String[] parts = run.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (HEX_GROUP.matcher(part).matches()) {
        count++;
      } else if (ipv4Allowed && i == parts.length - 1 && isIpv4(part)) {
        count += 2;
      } else {
        return -1;
      }
    }
    return count;
  }
}
