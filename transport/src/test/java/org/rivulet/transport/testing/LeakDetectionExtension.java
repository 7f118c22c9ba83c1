package org.rivulet.transport.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes Netty's leak detector fail the build. Netty only logs {@code LEAK:} reports; this extension
 * installs a detector factory whose detectors record every report, and after each test class forces
 * garbage collection plus fresh allocations (which is when Netty drains its reference queue), then fails
 * the class if any report was recorded.
 *
 * <p>Registered for every test through JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} in this test-jar, enabled by the
 * root pom's Surefire configuration). Tests run with {@code -Dio.netty.leakDetection.level=paranoid}.
 *
 * <p>Pitfall: the factory must be installed before the first {@code ByteBuf} class initialises its
 * detector, so it is installed in a static initialiser that runs when JUnit loads the extension.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {

  private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  /** Reports recorded so far in this JVM (for tests of the extension itself). */
  public static List<String> reports() {
    return REPORTS;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // The static initialiser has run by now; nothing else to prepare.
  }

  @Override
  public void afterAll(ExtensionContext context) {
    collectPendingReports();
    if (!REPORTS.isEmpty()) {
      String all = String.join("\n", REPORTS);
      REPORTS.clear();
      throw new AssertionError("ByteBuf leak(s) detected after " + context.getDisplayName() + ":\n" + all);
    }
  }

  /** Forces the leak detector to look at what the garbage collector found. */
  public static void collectPendingReports() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
      // Detectors poll their reference queue when a tracked buffer is allocated.
      for (int j = 0; j < 64; j++) {
        ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
        a.release();
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        b.release();
        ByteBuf c = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        c.release();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
        long maxActive) {
      return new RecordingDetector<>(resource, samplingInterval);
    }
  }

  private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
    RecordingDetector(Class<T> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    // Recorded, not logged: the failing assertion after the class carries the whole report, and the
    // self-test's deliberate leak then leaves no alarming line in the build output.
    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      REPORTS.add("LEAK: " + resourceType + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      REPORTS.add("LEAK: " + resourceType + " (untraced)");
    }
  }
}
