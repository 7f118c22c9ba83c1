package org.rivulet.loadgen.sfu;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The load generator's own collector pauses, from this JVM's GC notifications: every synthetic
 * peer stops with them, so a pause in the window delays every packet in flight (a young
 * collection of the peers' gigabyte was measured at 58 and 303 ms) and is reported next to the
 * server's.
 *
 * <p>Durations come in whole milliseconds. Collections that run beside the application (a
 * concurrent cycle) are not pauses and are left out. Thread-safe: the JVM's notification thread
 * adds, any thread reads.
 */
final class OwnGcPauses implements NotificationListener {
  private final List<GcPauses.Pause> pauses = new ArrayList<>();
  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

  private OwnGcPauses() {
  }

  /** Starts listening to every collector of this JVM. */
  static OwnGcPauses listen() {
    OwnGcPauses own = new OwnGcPauses();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(own, null, null);
      }
    }
    return own;
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (info.getGcAction().contains("concurrent") || info.getGcName().contains("Concurrent")) {
      return;
    }
    long ended = jvmStartMillis + info.getGcInfo().getEndTime();
    synchronized (pauses) {
      pauses.add(new GcPauses.Pause(ended, info.getGcInfo().getDuration()));
    }
  }

  /** The pauses that ended from {@code fromMillis} to {@code toMillis} (wall clock). */
  GcPauses inWindow(long fromMillis, long toMillis) {
    synchronized (pauses) {
      return GcPauses.inWindow(pauses, fromMillis, toMillis);
    }
  }
}
