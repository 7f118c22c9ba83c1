package org.rivulet.ice.gather;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Kurento's {@code externalIPv4} and {@code externalIPv6} settings: when the server sits behind a 1:1 NAT
 * (a cloud instance with a public address), host candidates are advertised with the external address of
 * the same family instead of the interface's, while packets still leave from the interface's socket.
 *
 * @param ipv4 the external IPv4 address, or null to advertise IPv4 host candidates as they are
 * @param ipv6 the external IPv6 address, or null to advertise IPv6 host candidates as they are
 */
public record ExternalAddresses(Inet4Address ipv4, Inet6Address ipv6) {

  /** No substitution. */
  public static final ExternalAddresses NONE = new ExternalAddresses(null, null);

  /**
   * Parses the two settings as Kurento stores them: IP literals, with null or blank meaning unset.
   * Host names are refused, because resolving them would block the event loop.
   *
   * @throws IllegalArgumentException if a value is set and is not a literal of its family
   */
  public static ExternalAddresses parse(String ipv4, String ipv6) {
    return new ExternalAddresses(literal(ipv4, Inet4Address.class, "externalIPv4"),
        literal(ipv6, Inet6Address.class, "externalIPv6"));
  }

  private static <T extends InetAddress> T literal(String text, Class<T> family, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(text.strip());
    if (!family.isInstance(address)) {
      throw new IllegalArgumentException(name + " must be an " + family.getSimpleName().replace("Inet", "IP")
          .replace("Address", "") + " literal: " + text);
    }
    return family.cast(address);
  }

  /** The address to advertise for a host candidate bound to {@code local}. */
  public InetAddress advertisedFor(InetAddress local) {
    if (local instanceof Inet4Address && ipv4 != null) {
      return ipv4;
    }
    if (local instanceof Inet6Address && ipv6 != null) {
      return ipv6;
    }
    return local;
  }
}
