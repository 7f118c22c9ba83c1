package org.rivulet.rpc.jsonrpc;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Refuses new media objects while the process has most of its file descriptors open
 * (RELIABILITY.md B12.138), as Kurento does from 80% of its limits: every endpoint takes sockets,
 * and a server that ran out would fail anywhere (accepting a client's connection, binding a
 * viewer's socket, opening a file), each time with an error storm. Refused early, a create gets
 * NOT_ENOUGH_RESOURCES and the sessions already running keep the headroom.
 *
 * <p>Counting the open descriptors reads {@code /proc/self/fd}, which takes milliseconds with ten
 * thousand open, on the control loop that handles the create. So a count is reused while it cannot
 * be wrong by enough to matter: for up to {@link #MAX_AGE_NANOS}, and only as long as the count
 * plus {@link #DESCRIPTORS_PER_CREATE} for each create since stays under the limit. Far from the
 * limit that is one count a second at most; near it, a count per create.
 *
 * <p>Threading: any thread (the control loops); calls are serialised.
 */
final class FileDescriptorGuard {
  /** The share of the limit from which creates are refused: Kurento's default. */
  static final double LIMIT = 0.8;
  /** How long a count is reused at most. */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** What one create may add before the next count: an endpoint's sockets, with room to spare. */
  static final int DESCRIPTORS_PER_CREATE = 16;

  private final LongSupplier open;
  private final LongSupplier max;
  private final LongSupplier clock;
  private long counted;
  private long countedAt;
  private long createsSince;
  private boolean everCounted;
  private long counts;

  /** This process's descriptors, where the JVM reports them (HotSpot on Unix); else no guard. */
  static FileDescriptorGuard forThisProcess() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix) {
      return new FileDescriptorGuard(unix::getOpenFileDescriptorCount,
          unix::getMaxFileDescriptorCount, System::nanoTime);
    }
    return new FileDescriptorGuard(() -> 0, () -> 0, System::nanoTime);
  }

  FileDescriptorGuard(LongSupplier open, LongSupplier max, LongSupplier clock) {
    this.open = open;
    this.max = max;
    this.clock = clock;
  }

  /** Throws NOT_ENOUGH_RESOURCES when {@value #LIMIT} of the descriptors or more are open. */
  synchronized void check() {
    long limit = max.getAsLong();
    if (limit <= 0) {
      return;
    }
    double refusedFrom = LIMIT * limit;
    long now = clock.getAsLong();
    if (!everCounted || now - countedAt > MAX_AGE_NANOS
        || counted + createsSince * DESCRIPTORS_PER_CREATE >= refusedFrom) {
      counted = open.getAsLong();
      countedAt = now;
      createsSince = 0;
      everCounted = true;
      counts++;
    }
    if (counted >= refusedFrom) {
      throw new KurentoException(KurentoError.NOT_ENOUGH_RESOURCES, "Not enough resources: "
          + counted + " of " + limit + " file descriptors are open, and new objects are refused"
          + " from " + Math.round(LIMIT * 100) + "%");
    }
    createsSince++;
  }

  /** How many times the descriptors were counted. */
  synchronized long counts() {
    return counts;
  }
}
