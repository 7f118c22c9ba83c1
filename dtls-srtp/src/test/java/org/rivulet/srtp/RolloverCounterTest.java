package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3711 section 3.3.1 and Appendix A: index estimation around s_l. */
class RolloverCounterTest {

  @Test
  void firstPacketHasRocZero() {
    RolloverCounter c = new RolloverCounter();
    assertEquals(0, c.roc());
    assertEquals(54321, c.estimate(54321));
    assertEquals(-1, c.highestIndex());
  }

  static Stream<Arguments> estimates() {
    long roc5 = 5L << 16;
    return Stream.of(
        // name, highest index so far (ROC 5 unless said), seq, expected index
        Arguments.of("next in order", roc5 + 100, 101, roc5 + 101),
        Arguments.of("late, same ROC", roc5 + 100, 50, roc5 + 50),
        Arguments.of("s_l low, seq far above: previous ROC", roc5 + 100, 65000, roc5 - 65536 + 65000),
        Arguments.of("s_l low, seq exactly 32768 above: same ROC", roc5 + 100, 32868, roc5 + 32868),
        Arguments.of("s_l high, seq wrapped: next ROC", roc5 + 65000, 10, roc5 + 65536 + 10),
        Arguments.of("s_l high, seq 32768 below: same ROC", roc5 + 40000, 40000 - 32768,
            roc5 + 40000 - 32768),
        Arguments.of("s_l high, seq higher still", roc5 + 65000, 65535, roc5 + 65535),
        Arguments.of("wrap 65535 -> 0", roc5 + 65535, 0, roc5 + 65536),
        Arguments.of("ROC 0, late from before the stream: negative", 100, 65000, -65536 + 65000),
        Arguments.of("ROC 2^32-1 wrapping: past 2^48-1", (0xFFFF_FFFFL << 16) + 65535, 0, 1L << 48));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("estimates")
  void estimate(String name, long highest, int seq, long expected) {
    RolloverCounter c = new RolloverCounter();
    c.reset(highest);
    assertEquals(expected, c.estimate(seq));
  }

  @Test
  void updateOnlyMovesForward() {
    RolloverCounter c = new RolloverCounter();
    c.update(65530);
    c.update(c.estimate(3)); // wrapped: ROC 1
    assertEquals(1, c.roc());
    assertEquals(65536 + 3, c.highestIndex());
    c.update(c.estimate(65533)); // late packet from ROC 0
    assertEquals(1, c.roc(), "a late packet does not move ROC back");
    assertEquals(65536 + 3, c.highestIndex());
  }

  @Test
  void estimateChangesNothing() {
    RolloverCounter c = new RolloverCounter();
    c.update(65530);
    c.estimate(3);
    c.estimate(40000);
    assertEquals(0, c.roc());
    assertEquals(65530, c.highestIndex());
  }

  @Test
  void followsASequenceThroughManyWraps() {
    RolloverCounter c = new RolloverCounter();
    long index = 60000;
    for (int i = 0; i < 300_000; i++) {
      index += 1 + (i % 7 == 0 ? 300 : 0); // gaps, as with loss
      long estimated = c.estimate((int) (index & 0xFFFF));
      assertEquals(index, estimated, "packet " + i);
      c.update(estimated);
    }
    assertTrue(c.roc() > 4);
  }
}
