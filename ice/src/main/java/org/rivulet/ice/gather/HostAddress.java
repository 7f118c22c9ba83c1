package org.rivulet.ice.gather;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A local address to bind a host candidate's socket to.
 *
 * @param address the interface address (never the wildcard)
 * @param interfaceName the interface it belongs to, for logs and for Kurento's {@code networkInterfaces}
 * @param rank 0 for the preferred interface, 1 for the next...; passed to the agent as the interface rank
 *     of the candidate's local preference
 */
public record HostAddress(InetAddress address, String interfaceName, int rank) {

  public HostAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(interfaceName, "interfaceName");
    if (address.isAnyLocalAddress()) {
      throw new IllegalArgumentException("not an interface address: " + address);
    }
    if (rank < 0) {
      throw new IllegalArgumentException("rank must not be negative: " + rank);
    }
  }
}
