package org.rivulet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnumCountsTest {
  private enum Outcome { MEDIA, STUN, EMPTY }

  @Test
  void onlyNonZeroCountsInDeclarationOrder() {
    assertEquals("{MEDIA=120, EMPTY=1}",
        EnumCounts.nonZero(Outcome.values(), new long[] {120, 0, 1}));
    assertEquals("{STUN=-3}", EnumCounts.nonZero(Outcome.values(), new long[] {0, -3, 0}));
  }

  @Test
  void allZeroIsEmptyBraces() {
    assertEquals("{}", EnumCounts.nonZero(Outcome.values(), new long[3]));
  }
}
