package org.rivulet.ice.gather;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the local addresses to gather host candidates on (RFC 8445 section 5.1.1.1): one per usable address
 * of each interface that is up, optionally restricted to Kurento's {@code networkInterfaces} list.
 *
 * <p>Left out: interfaces that are down; loopback unless asked for (or named in the list); wildcard and
 * multicast addresses; link-local addresses (IPv4 169.254/16 and IPv6 fe80::/10, which need a scope the
 * peer cannot use) unless asked for; IPv6 unless asked for. Duplicates (a sub-interface repeating its
 * parent's addresses) appear once.
 *
 * <p>Ranks: interfaces are ranked in the order of the {@code networkInterfaces} list when one is given,
 * otherwise in the order the system lists them; all addresses of an interface share its rank, and the agent
 * tells the families apart itself ({@code CandidatePriority}). Stateless.
 */
public final class HostAddressEnumerator {

  /** Where interfaces come from: the system, or a test's description of a machine. */
  @FunctionalInterface
  public interface Source {
    List<NetworkInterfaceInfo> interfaces() throws SocketException;
  }

  /**
   * What to include.
   *
   * @param interfaceNames Kurento's {@code networkInterfaces}: only these interfaces, in this order; empty
   *     for all
   * @param includeLoopback whether loopback interfaces count even when not named
   * @param includeIpv6 whether IPv6 addresses are used
   * @param includeLinkLocal whether link-local addresses are used
   */
  public record Options(List<String> interfaceNames, boolean includeLoopback, boolean includeIpv6,
      boolean includeLinkLocal) {

    /** Every interface, IPv4 and IPv6, no loopback, no link-local. */
    public static final Options DEFAULT = new Options(List.of(), false, true, false);

    public Options {
      interfaceNames = List.copyOf(interfaceNames);
    }

    /**
     * Parses Kurento's comma-separated {@code networkInterfaces} ({@code "eth0,eth1"}); null or blank is
     * every interface.
     */
    public static List<String> parseInterfaceNames(String networkInterfaces) {
      if (networkInterfaces == null || networkInterfaces.isBlank()) {
        return List.of();
      }
      Set<String> names = new LinkedHashSet<>();
      for (String name : networkInterfaces.split(",")) {
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
      return List.copyOf(names);
    }
  }

  private HostAddressEnumerator() {}

  /** The machine's interfaces through {@link NetworkInterface}. */
  public static Source system() {
    return () -> {
      List<NetworkInterfaceInfo> out = new ArrayList<>();
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        out.add(new NetworkInterfaceInfo(nif.getName(), nif.isUp(), nif.isLoopback(),
            Collections.list(nif.getInetAddresses())));
      }
      return out;
    };
  }

  /**
   * The host addresses to bind, preferred first.
   *
   * @throws SocketException if the source cannot list interfaces
   */
  public static List<HostAddress> enumerate(Source source, Options options) throws SocketException {
    Objects.requireNonNull(options, "options");
    List<NetworkInterfaceInfo> interfaces = source.interfaces();
    List<NetworkInterfaceInfo> chosen = new ArrayList<>();
    if (options.interfaceNames().isEmpty()) {
      for (NetworkInterfaceInfo nif : interfaces) {
        if (nif.up() && (options.includeLoopback() || !nif.loopback())) {
          chosen.add(nif);
        }
      }
    } else {
      for (String name : options.interfaceNames()) {
        for (NetworkInterfaceInfo nif : interfaces) {
          if (nif.up() && nif.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            chosen.add(nif);
          }
        }
      }
    }
    List<HostAddress> out = new ArrayList<>();
    Set<InetAddress> seen = new LinkedHashSet<>();
    int rank = 0;
    for (NetworkInterfaceInfo nif : chosen) {
      boolean any = false;
      for (InetAddress address : nif.addresses()) {
        if (usable(address, options) && seen.add(address)) {
          out.add(new HostAddress(address, nif.name(), rank));
          any = true;
        }
      }
      if (any) {
        rank++;
      }
    }
    return List.copyOf(out);
  }

  private static boolean usable(InetAddress address, Options options) {
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    if (address instanceof Inet6Address && !options.includeIpv6()) {
      return false;
    }
    if (address.isLinkLocalAddress() && !options.includeLinkLocal()) {
      return false;
    }
    return address instanceof Inet4Address || address instanceof Inet6Address;
  }
}
