package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {

  /** What {@code -Xlog:gc:file=...:timemillis} writes (Serial, then G1). */
  private static final List<String> LOG = List.of(
      "[1795591798378ms] Using Serial",
      "[1795591798533ms] GC(0) Pause Young (Allocation Failure) 3M->1M(377M) 3.153ms",
      "[1795591798662ms] GC(1) Pause Young (Allocation Failure) 4M->2M(377M) 5.736ms",
      "[1795591799001ms] GC(2) Pause Full (System.gc()) 4M->2M(377M) 12.5ms",
      "[1795591799500ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.25ms",
      "[1795591799600ms] GC(4) Concurrent Mark Cycle 8.0ms");

  @Test
  void pausesThatEndedInTheWindowAddUp() {
    GcPauses p = GcPauses.parse(LOG, 1795591798600L, 1795591799500L);
    assertEquals(3, p.count());
    assertEquals(5.736 + 12.5 + 2.25, p.millis(), 1e-9);
  }

  @Test
  void concurrentPhasesAndOtherLinesAreNotPauses() {
    GcPauses p = GcPauses.parse(LOG, 0, Long.MAX_VALUE);
    assertEquals(4, p.count());
  }

  @Test
  void theOptionWritesTheWallClockThatTheParserReads() {
    String option = GcPauses.logOption(Path.of("/tmp/gc.log"));
    assertEquals("-Xlog:gc:file=/tmp/gc.log:timemillis", option);
    assertTrue(GcPauses.parse(List.of(), 0, 1).count() == 0);
  }
}
