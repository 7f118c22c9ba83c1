package org.rivulet.rpc.jsonrpc;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Refuses new media objects while the process has most of its file descriptors open
 * (RELIABILITY.md B12.138), as Kurento does from 80% of its limits: every endpoint takes sockets,
 * and a server that ran out would fail anywhere (accepting a client's connection, binding a
 * viewer's socket, opening a file), each time with an error storm. Refused early, a create gets
 * NOT_ENOUGH_RESOURCES and the sessions already running keep the headroom.
 */
final class FileDescriptorGuard {
  /** The share of the limit from which creates are refused: Kurento's default. */
  static final double LIMIT = 0.8;

  private final LongSupplier open;
  private final LongSupplier max;

  /** This process's descriptors, where the JVM reports them (HotSpot on Unix); else no guard. */
  static FileDescriptorGuard forThisProcess() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      return new FileDescriptorGuard(unix::getOpenFileDescriptorCount,
          unix::getMaxFileDescriptorCount);
    }
    return new FileDescriptorGuard(() -> 0, () -> 0);
  }

  FileDescriptorGuard(LongSupplier open, LongSupplier max) {
    this.open = open;
    this.max = max;
  }

  /** Throws NOT_ENOUGH_RESOURCES when {@value #LIMIT} of the descriptors or more are open. */
  void check() {
    long limit = max.getAsLong();
    if (limit <= 0) {
      return;
    }
    long used = open.getAsLong();
    if (used >= LIMIT * limit) {
      throw new KurentoException(KurentoError.NOT_ENOUGH_RESOURCES, "Not enough resources: "
          + used + " of " + limit + " file descriptors are open, and new objects are refused from "
          + Math.round(LIMIT * 100) + "%");
    }
  }
}
