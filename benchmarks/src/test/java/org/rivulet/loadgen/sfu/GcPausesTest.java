package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GcPausesTest {

  /** Serial's two collectors, as a JVM pinned to one CPU prints them (excerpt). */
  private static final String SERIAL = """
      sun.gc.collector.0.invocations=12
      sun.gc.collector.0.lastEntryTime=2115631997
      sun.gc.collector.0.name="Copy"
      sun.gc.collector.0.time=60000000
      sun.gc.collector.1.invocations=1
      sun.gc.collector.1.name="MSC"
      sun.gc.collector.1.time=35500000
      sun.gc.generation.0.name="new"
      sun.os.hrt.frequency=1000000000
      """;

  @Test
  void everyCollectorsPausesAddUpInMilliseconds() throws IOException {
    GcPauses p = GcPauses.parse(SERIAL);
    assertEquals(13, p.count());
    assertEquals(95.5, p.millis(), 1e-9);
  }

  @Test
  void aWindowIsTheDifferenceOfTwoReadings() throws IOException {
    GcPauses before = GcPauses.parse(SERIAL);
    GcPauses after = GcPauses.parse(SERIAL.replace("invocations=12", "invocations=18")
        .replace("time=60000000", "time=90000000"));
    GcPauses window = after.minus(before);
    assertEquals(6, window.count());
    assertEquals(30.0, window.millis(), 1e-9);
  }

  @Test
  void aClockOfAnotherFrequencyIsConverted() throws IOException {
    GcPauses p = GcPauses.parse("""
        sun.gc.collector.0.invocations=2
        sun.gc.collector.0.time=5000
        sun.os.hrt.frequency=1000000
        """);
    assertEquals(5.0, p.millis(), 1e-9);
  }

  @Test
  void countersWithoutCollectorsOrClockAreRefused() {
    assertThrows(IOException.class, () -> GcPauses.parse("sun.os.hrt.frequency=1000000000\n"));
    assertThrows(IOException.class,
        () -> GcPauses.parse("sun.gc.collector.0.invocations=1\nsun.gc.collector.0.time=1\n"));
  }
}
