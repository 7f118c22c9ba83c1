package org.rivulet.ice.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Host address enumeration on described machines, and once on this one. */
class HostAddressEnumeratorTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // literals only: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final List<NetworkInterfaceInfo> MACHINE = List.of(
      new NetworkInterfaceInfo("lo", true, true, List.of(ip("127.0.0.1"), ip("::1"))),
      new NetworkInterfaceInfo("eth0", true, false,
          List.of(ip("fe80::1"), ip("2001:db8::5"), ip("192.168.1.5"))),
      new NetworkInterfaceInfo("eth0:1", true, false, List.of(ip("192.168.1.5"))),
      new NetworkInterfaceInfo("docker0", true, false, List.of(ip("172.17.0.1"), ip("169.254.3.3"))),
      new NetworkInterfaceInfo("wlan0", false, false, List.of(ip("10.1.1.1"))));

  private static List<String> addresses(List<HostAddress> hosts) {
    return hosts.stream().map(h -> h.address().getHostAddress() + "@" + h.interfaceName() + "#" + h.rank()).toList();
  }

  @Test
  @DisplayName("default: every up interface but loopback, no link-local, duplicates once, ranked in order")
  void defaults() throws SocketException {
    List<HostAddress> hosts = HostAddressEnumerator.enumerate(() -> MACHINE, HostAddressEnumerator.Options.DEFAULT);
    assertEquals(List.of("2001:db8:0:0:0:0:0:5@eth0#0", "192.168.1.5@eth0#0", "172.17.0.1@docker0#1"),
        addresses(hosts));
  }

  @Test
  @DisplayName("Kurento's networkInterfaces: only the named ones, in the given order, loopback if named")
  void named() throws SocketException {
    List<String> names = HostAddressEnumerator.Options.parseInterfaceNames(" docker0, lo ,,docker0");
    assertEquals(List.of("docker0", "lo"), names);
    List<HostAddress> hosts = HostAddressEnumerator.enumerate(() -> MACHINE,
        new HostAddressEnumerator.Options(names, false, false, false));
    assertEquals(List.of("172.17.0.1@docker0#0", "127.0.0.1@lo#1"), addresses(hosts));
    assertEquals(List.of(), HostAddressEnumerator.Options.parseInterfaceNames("  "));
    assertEquals(List.of(), HostAddressEnumerator.Options.parseInterfaceNames(null));
  }

  @Test
  @DisplayName("options: loopback, link-local and IPv6 switches")
  void switches() throws SocketException {
    List<HostAddress> hosts = HostAddressEnumerator.enumerate(() -> MACHINE,
        new HostAddressEnumerator.Options(List.of(), true, false, true));
    assertEquals(List.of("127.0.0.1@lo#0", "192.168.1.5@eth0#1", "172.17.0.1@docker0#2", "169.254.3.3@docker0#2"),
        addresses(hosts));
  }

  @Test
  @DisplayName("this machine: no wildcard, no multicast, no exception")
  void system() throws SocketException {
    for (HostAddress h : HostAddressEnumerator.enumerate(HostAddressEnumerator.system(),
        new HostAddressEnumerator.Options(List.of(), true, true, true))) {
      assertFalse(h.address().isAnyLocalAddress());
      assertFalse(h.address().isMulticastAddress());
    }
  }

  @Test
  @DisplayName("a host address is never the wildcard")
  void wildcardRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HostAddress(ip("0.0.0.0"), "any", 0));
  }
}
