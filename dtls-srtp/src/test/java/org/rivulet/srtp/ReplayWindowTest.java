package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {

  @Test
  void anythingGoesBeforeTheFirstPacket() {
    ReplayWindow w = new ReplayWindow(128);
    assertEquals(SrtpResult.OK, w.check(0));
    assertEquals(SrtpResult.OK, w.check(123_456_789L));
    assertEquals(-1, w.top());
  }

  @Test
  void checkDoesNotRecord() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(10);
    assertEquals(SrtpResult.OK, w.check(11));
    assertEquals(SrtpResult.OK, w.check(11));
    assertEquals(10, w.top());
  }

  @Test
  void replayIsRejected() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(1000);
    assertEquals(SrtpResult.REPLAYED, w.check(1000));
  }

  @Test
  void outOfOrderInsideTheWindowIsAcceptedOnce() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(1000);
    w.accept(1005);
    assertEquals(SrtpResult.OK, w.check(1003));
    w.accept(1003);
    assertEquals(SrtpResult.REPLAYED, w.check(1003));
    assertEquals(SrtpResult.OK, w.check(1004));
    assertEquals(SrtpResult.OK, w.check(1001));
    assertEquals(1005, w.top());
  }

  @Test
  void edgeOfTheWindow() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(1000);
    assertEquals(SrtpResult.OK, w.check(1000 - 127), "the oldest index the window still holds");
    assertEquals(SrtpResult.TOO_OLD, w.check(1000 - 128));
    assertEquals(SrtpResult.TOO_OLD, w.check(0));
    assertEquals(SrtpResult.TOO_OLD, w.check(-1));
  }

  @Test
  void slidingForgetsWhatFellOut() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(5);
    w.accept(5 + 128); // same slot as 5
    assertEquals(SrtpResult.TOO_OLD, w.check(5));
    assertEquals(SrtpResult.OK, w.check(6), "slot of 6 was cleared while sliding");
    w.accept(6 + 128);
    assertEquals(SrtpResult.OK, w.check(100));
  }

  @Test
  void aBigJumpClearsEverything() {
    ReplayWindow w = new ReplayWindow(128);
    for (int i = 0; i < 128; i++) {
      w.accept(i);
    }
    w.accept(100_000);
    for (long i = 100_000 - 127; i < 100_000; i++) {
      assertEquals(SrtpResult.OK, w.check(i), "index " + i);
    }
    assertEquals(SrtpResult.REPLAYED, w.check(100_000));
  }

  @Test
  void srtcpIndicesUpTo31Bits() {
    ReplayWindow w = new ReplayWindow(128);
    w.accept(0x7fff_fffeL);
    assertEquals(SrtpResult.OK, w.check(0x7fff_ffffL));
    assertEquals(SrtpResult.REPLAYED, w.check(0x7fff_fffeL));
  }

  @Test
  void srtpIndicesUpTo48Bits() {
    ReplayWindow w = new ReplayWindow(128);
    long top = (1L << 48) - 1;
    w.accept(top - 1);
    w.accept(top);
    assertEquals(SrtpResult.REPLAYED, w.check(top - 1));
    assertEquals(SrtpResult.OK, w.check(top - 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 100, 127, 129, 65536, -128})
  void badSizesAreRejected(int size) {
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(size));
  }

  /** Against a model that remembers every accepted index, with random jumps forward and back. */
  @ParameterizedTest
  @ValueSource(ints = {128, 1024})
  void agreesWithAModel(int size) {
    ReplayWindow w = new ReplayWindow(size);
    BitSet seen = new BitSet();
    long top = -1;
    Random random = new Random(size);
    int index = 1000;
    for (int step = 0; step < 200_000; step++) {
      index = Math.max(0, index + random.nextInt(3 * size) - size - 10);
      if (index > 5_000_000) {
        index = 1000;
        w = new ReplayWindow(size);
        seen.clear();
        top = -1;
      }
      SrtpResult expected;
      if (top >= 0 && top - index >= size) {
        expected = SrtpResult.TOO_OLD;
      } else if (seen.get(index)) {
        expected = SrtpResult.REPLAYED;
      } else {
        expected = SrtpResult.OK;
      }
      assertEquals(expected, w.check(index), "step " + step + ", index " + index + ", top " + top);
      if (expected == SrtpResult.OK) {
        w.accept(index);
        seen.set(index);
        top = Math.max(top, index);
      }
    }
  }
}
