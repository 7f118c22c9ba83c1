package org.rivulet.transport.udp;

import java.net.BindException;
import java.net.InetAddress;

/**
 * Every port of a range was tried and found in use. The elements layer answers a create request that
 * fails this way with Kurento's NOT_ENOUGH_RESOURCES (RELIABILITY.md B12.137; see
 * {@link PortAllocator#isOutOfResources}). The cause, when there is
 * one, is the failure of the last port tried.
 */
public final class PortRangeExhaustedException extends BindException {

  private static final long serialVersionUID = 1L;

  private final transient InetAddress address;
  private final int minPort;
  private final int maxPort;
  private final int attempts;

  /**
   * @param what what was sought, for the message: "UDP port", "UDP port pair", "TCP port"
   * @param attempts how many ports (or pairs) were tried
   * @param lastCause the failure of the last attempt, or null when the range held no candidate
   */
  public PortRangeExhaustedException(String what, InetAddress address, int minPort, int maxPort,
      int attempts, Throwable lastCause) {
    super("no free " + what + " in " + address.getHostAddress() + " ports " + minPort + "-" + maxPort
        + " (" + attempts + " tried)");
    this.address = address;
    this.minPort = minPort;
    this.maxPort = maxPort;
    this.attempts = attempts;
    if (lastCause != null) {
      initCause(lastCause);
    }
  }

  /** The local address the ports were sought on. */
  public InetAddress address() {
    return address;
  }

  /** The lowest port of the range. */
  public int minPort() {
    return minPort;
  }

  /** The highest port of the range. */
  public int maxPort() {
    return maxPort;
  }

  /** How many ports (or pairs) were tried. */
  public int attempts() {
    return attempts;
  }
}
