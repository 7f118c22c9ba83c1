package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SfuLoadOptionsTest {

  @Test
  void defaultsRunOneTenAndAHundredAfterAWarmUpWithGroPeersOnIpv4() {
    SfuLoadOptions o = SfuLoadOptions.parse(new String[0]);
    assertEquals(List.of(1, 10, 100), o.subscribers());
    assertEquals(90, o.warmupSeconds());
    assertTrue(o.peerGro());
    assertFalse(o.peerIpv6());
    assertFalse(o.pacing());
    assertNull(o.latencyLog());
    assertNull(o.arrivalStamps());
  }

  @Test
  void arrivalStampsTakeTheLibrarysPath() {
    assertEquals(java.nio.file.Path.of("/x/libarrivalstamps.so"), SfuLoadOptions.parse(
        new String[] {"--arrival-stamps", "/x/libarrivalstamps.so"}).arrivalStamps());
  }

  @Test
  void peerGroIsOnOrOff() {
    assertFalse(SfuLoadOptions.parse(new String[] {"--peer-gro", "off"}).peerGro());
    assertTrue(SfuLoadOptions.parse(new String[] {"--peer-gro", "on"}).peerGro());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SfuLoadOptions.parse(new String[] {"--peer-gro", "yes"}));
    assertTrue(e.getMessage().contains("--peer-gro is on or off"), e.getMessage());
  }

  @Test
  void peersOfferIpv6CandidatesOnlyWhenAsked() {
    assertTrue(SfuLoadOptions.parse(new String[] {"--peer-ipv6", "on"}).peerIpv6());
    assertFalse(SfuLoadOptions.parse(new String[] {"--peer-ipv6", "off"}).peerIpv6());
  }

  @Test
  void refusesUnknownOptionsAndMissingValues() {
    assertThrows(IllegalArgumentException.class,
        () -> SfuLoadOptions.parse(new String[] {"--peer-groo", "on"}));
    assertThrows(IllegalArgumentException.class,
        () -> SfuLoadOptions.parse(new String[] {"--warmup"}));
    assertThrows(IllegalArgumentException.class,
        () -> SfuLoadOptions.parse(new String[] {"--subscribers", "0"}));
  }
}
