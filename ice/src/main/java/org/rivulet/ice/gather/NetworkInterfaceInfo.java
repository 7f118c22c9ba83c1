package org.rivulet.ice.gather;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HostAddressEnumerator} needs to know about a network interface: a plain value, so that tests
 * can describe machines that this one is not.
 *
 * @param name the interface name ({@code eth0})
 * @param up whether the interface is up
 * @param loopback whether it is a loopback interface
 * @param addresses its addresses, in the order the system lists them
 */
public record NetworkInterfaceInfo(String name, boolean up, boolean loopback, List<InetAddress> addresses) {

  public NetworkInterfaceInfo {
    Objects.requireNonNull(name, "name");
    addresses = List.copyOf(addresses);
  }
}
