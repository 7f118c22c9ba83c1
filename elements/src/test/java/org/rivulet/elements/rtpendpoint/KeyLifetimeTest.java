package org.rivulet.elements.rtpendpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.MediaType;

/** When a key reaches its soft limit (Kurento's OnKeySoftLimit) and when it is used up. */
class KeyLifetimeTest {

  @Test
  @DisplayName("no lifetime: RFC 3711 limits, soft limits 2^16 packets before them (libsrtp, hence KMS)")
  void defaults() {
    KeyLifetime k = new KeyLifetime(MediaType.VIDEO);
    assertEquals(MediaType.VIDEO, k.mediaType());
    assertEquals(1L << 48, k.srtpLimit());
    assertEquals(1L << 31, k.srtcpLimit());
    assertEquals((1L << 48) - (1L << 16), k.srtpSoftLimit());
    assertEquals((1L << 31) - (1L << 16), k.srtcpSoftLimit());
  }

  @Test
  @DisplayName("KMS's first OnKeySoftLimit comes on RTP packet 2^48 - 2^16; here said once")
  void srtpSoftLimitAtDefault() {
    KeyLifetime k = new KeyLifetime(MediaType.AUDIO);
    assertFalse(k.countSrtp((1L << 48) - (1L << 16) - 1));
    assertFalse(k.softLimitReached());
    assertTrue(k.countSrtp());
    assertTrue(k.softLimitReached());
    assertFalse(k.expired());
    assertFalse(k.countSrtp());
    assertFalse(k.countSrtcp((1L << 31)));
    assertTrue(k.expired());
    assertFalse(k.countSrtp(1L << 20));
    assertEquals((1L << 48) - (1L << 16) + 1 + (1L << 20), k.srtpPackets());
  }

  @Test
  @DisplayName("an SDES lifetime of 2^20 packets: soft limit at 2^20 - 2^16, counted one by one")
  void lifetime() {
    KeyLifetime k = new KeyLifetime(MediaType.AUDIO, 1L << 20);
    assertEquals(1L << 20, k.srtpLimit());
    assertEquals(1L << 20, k.srtcpLimit());
    long said = 0;
    long at = -1;
    for (long i = 1; i <= 1L << 20; i++) {
      if (k.countSrtp()) {
        said++;
        at = i;
      }
      assertEquals(i >= 1L << 20, k.expired());
    }
    assertEquals(1, said);
    assertEquals((1L << 20) - (1L << 16), at);
  }

  @Test
  @DisplayName("SRTCP reaches its limit first: said once, and not again when SRTP follows")
  void srtcpFirst() {
    KeyLifetime k = new KeyLifetime(MediaType.VIDEO);
    assertTrue(k.countSrtcp((1L << 31) - (1L << 16)));
    assertFalse(k.countSrtcp());
    assertFalse(k.countSrtp((1L << 48) - 1));
    assertEquals((1L << 31) - (1L << 16) + 1, k.srtcpPackets());
  }

  @Test
  @DisplayName("lifetimes above the RFC 3711 maximums are capped; small ones get half as soft limit")
  void limits() {
    KeyLifetime big = new KeyLifetime(MediaType.AUDIO, Long.MAX_VALUE);
    assertEquals(1L << 48, big.srtpLimit());
    assertEquals(1L << 31, big.srtcpLimit());
    KeyLifetime k = new KeyLifetime(MediaType.AUDIO, 1L << 36);
    assertEquals(1L << 36, k.srtpLimit());
    assertEquals(1L << 31, k.srtcpLimit());
    assertEquals(1L << 15, KeyLifetime.softLimit(1L << 16));
    assertEquals((1L << 17) - (1L << 16), KeyLifetime.softLimit(1L << 17));
    assertEquals(1, KeyLifetime.softLimit(1));
    assertEquals(1, KeyLifetime.softLimit(3));
    KeyLifetime one = new KeyLifetime(MediaType.DATA, 1);
    assertTrue(one.countSrtp());
    assertTrue(one.expired());
  }

  @Test
  @DisplayName("counts saturate instead of wrapping; bad arguments are refused")
  void arguments() {
    KeyLifetime k = new KeyLifetime(MediaType.AUDIO);
    assertTrue(k.countSrtp(Long.MAX_VALUE));
    assertFalse(k.countSrtp(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, k.srtpPackets());
    assertFalse(k.countSrtp(0));
    assertThrows(IllegalArgumentException.class, () -> k.countSrtp(-1));
    assertThrows(IllegalArgumentException.class, () -> new KeyLifetime(MediaType.AUDIO, 0));
    assertThrows(IllegalArgumentException.class, () -> KeyLifetime.softLimit(0));
    assertThrows(NullPointerException.class, () -> new KeyLifetime(null));
    assertEquals("KeyLifetime[AUDIO, SRTP " + Long.MAX_VALUE + "/281474976710656, SRTCP 0/2147483648]", k.toString());
  }

  @Test
  @DisplayName("senders and receivers counting at once: the soft limit is said exactly once")
  void concurrent() throws Exception {
    KeyLifetime k = new KeyLifetime(MediaType.VIDEO, 1L << 17);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean rtcp = t % 2 == 1;
        tasks.add(() -> {
          int said = 0;
          for (int i = 0; i < 1 << 16; i++) {
            if (rtcp ? k.countSrtcp() : k.countSrtp()) {
              said++;
            }
          }
          return said;
        });
      }
      int said = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        said += f.get();
      }
      assertEquals(1, said);
      assertEquals(1L << 17, k.srtpPackets());
      assertEquals(1L << 17, k.srtcpPackets());
    } finally {
      pool.shutdownNow();
    }
  }
}
