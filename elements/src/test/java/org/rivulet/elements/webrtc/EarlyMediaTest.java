package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyMediaTest {
  @Test
  void handsOnWhatItHeldInArrivalOrderWithArrivalTimes() {
    EarlyMedia early = new EarlyMedia(4);
    for (int i = 0; i < 3; i++) {
      assertTrue(early.hold(Unpooled.buffer().writeInt(i), 100 + i));
    }
    List<String> got = new ArrayList<>();
    early.replay((b, nanos) -> {
      got.add(b.getInt(0) + "@" + nanos);
      b.release();
    });
    assertEquals(List.of("0@100", "1@101", "2@102"), got);
    assertEquals(0, early.size());
    assertEquals(3, early.replayed());
  }

  @Test
  void refusesBeyondItsCapacityAndLeavesTheDatagramToTheCaller() {
    EarlyMedia early = new EarlyMedia(2);
    ByteBuf a = Unpooled.buffer(4);
    ByteBuf b = Unpooled.buffer(4);
    ByteBuf c = Unpooled.buffer(4);
    assertTrue(early.hold(a, 1));
    assertTrue(early.hold(b, 2));
    assertFalse(early.hold(c, 3));
    assertEquals(1, c.refCnt(), "refused: still the caller's");
    c.release();
    assertEquals(2, early.discard());
    assertEquals(0, a.refCnt());
    assertEquals(0, b.refCnt());
    assertEquals(0, early.replayed());
  }

  @Test
  void holdsAgainAfterAReplay() {
    EarlyMedia early = new EarlyMedia(1);
    assertTrue(early.hold(Unpooled.buffer(1), 1));
    early.replay((b, n) -> b.release());
    assertTrue(early.hold(Unpooled.buffer(1), 2));
    assertEquals(1, early.discard());
  }

  @Test
  void holdsNothingAfterItDiscarded() {
    EarlyMedia early = new EarlyMedia(4);
    early.discard();
    ByteBuf late = Unpooled.buffer(4);
    assertFalse(early.hold(late, 1), "the handshake failed: the caller drops it");
    assertEquals(1, late.refCnt());
    late.release();
  }
}
