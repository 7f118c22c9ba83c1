package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrtpStreamMapTest {

  @Test
  void addGetRemove() {
    SrtpStreamMap map = new SrtpStreamMap(4);
    SrtpStreamState a = new SrtpStreamState(0xcafebabe, 128);
    map.add(a);
    assertSame(a, map.get(0xcafebabe));
    assertNull(map.get(0));
    assertEquals(1, map.size());
    assertTrue(map.remove(0xcafebabe));
    assertFalse(map.remove(0xcafebabe));
    assertNull(map.get(0xcafebabe));
    assertEquals(0, map.size());
  }

  @Test
  void boundIsEnforced() {
    SrtpStreamMap map = new SrtpStreamMap(3);
    for (int i = 0; i < 3; i++) {
      assertFalse(map.isFull());
      map.add(new SrtpStreamState(i, 128));
    }
    assertTrue(map.isFull());
    assertThrows(IllegalStateException.class, () -> map.add(new SrtpStreamState(99, 128)));
    map.remove(1);
    assertFalse(map.isFull());
  }

  @Test
  void duplicatesAreABug() {
    SrtpStreamMap map = new SrtpStreamMap(3);
    map.add(new SrtpStreamState(7, 128));
    assertThrows(IllegalStateException.class, () -> map.add(new SrtpStreamState(7, 128)));
  }

  @Test
  void badBoundsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SrtpStreamMap(0));
    assertThrows(IllegalArgumentException.class, () -> new SrtpStreamMap((1 << 20) + 1));
  }

  /** Random adds and removes against HashMap, in a small table so runs collide and wrap around. */
  @Test
  void agreesWithHashMap() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      int max = 1 + random.nextInt(40);
      SrtpStreamMap map = new SrtpStreamMap(max);
      Map<Integer, SrtpStreamState> model = new HashMap<>();
      for (int op = 0; op < 5_000; op++) {
        int ssrc = random.nextInt(3 * max); // small key space: many hits, many collisions
        if (random.nextBoolean()) {
          if (!model.containsKey(ssrc) && model.size() < max) {
            SrtpStreamState s = new SrtpStreamState(ssrc, 128);
            map.add(s);
            model.put(ssrc, s);
          }
        } else {
          assertEquals(model.remove(ssrc) != null, map.remove(ssrc));
        }
        assertEquals(model.size(), map.size());
        for (int k = 0; k < 3 * max; k++) {
          assertSame(model.get(k), map.get(k), "round " + round + " op " + op + " ssrc " + k);
        }
      }
    }
  }
}
