package org.rivulet.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

class FileDescriptorGuardTest {

  @Test
  void createsAreRefusedFromEightyPercentOfTheLimit() {
    assertDoesNotThrow(() -> new FileDescriptorGuard(() -> 319, () -> 400, () -> 0).check());
    KurentoException refused = assertThrows(KurentoException.class,
        () -> new FileDescriptorGuard(() -> 320, () -> 400, () -> 0).check());
    assertEquals(KurentoError.NOT_ENOUGH_RESOURCES, refused.error());
    assertTrue(refused.getMessage().contains("320 of 400 file descriptors"), refused.getMessage());
  }

  /**
   * Far from the limit a count is reused for a second; near it, once the creates since could have
   * reached it, every create counts again, and a create that would pass it is refused.
   */
  @Test
  void descriptorsAreCountedOnlyWhenTheCountCouldBeWrongByEnoughToMatter() {
    long[] open = {100};
    long[] now = {0};
    FileDescriptorGuard guard = new FileDescriptorGuard(() -> open[0], () -> 1000, () -> now[0]);
    for (int i = 0; i < 30; i++) {
      guard.check(); // 100 + 30 × 16 < 800
    }
    assertEquals(1, guard.counts(), "one count for thirty creates far from the limit");
    now[0] += FileDescriptorGuard.MAX_AGE_NANOS + 1;
    guard.check();
    assertEquals(2, guard.counts(), "and a new one after a second");

    // Each create then binds its sockets (16 here): the estimate follows them without counting.
    int accepted = 0;
    while (accepted < 100) {
      try {
        guard.check();
      } catch (KurentoException e) {
        break;
      }
      accepted++;
      open[0] += 16;
    }
    assertEquals(44, accepted, "refused at 804 of 1000 open (80% is 800)");
    // The estimate counts one create more than bound sockets (the one after the second count),
    // so it reaches 800 at 788 open, counts, and again at 804, where it refuses.
    assertEquals(4, guard.counts(), "counted again only when the estimate reached 800");

    // Descriptors opened otherwise (client connections) are seen within a second.
    FileDescriptorGuard other = new FileDescriptorGuard(() -> open[0], () -> 1000, () -> now[0]);
    open[0] = 100;
    other.check();
    open[0] = 900;
    other.check(); // the count of 100 is still taken
    now[0] += FileDescriptorGuard.MAX_AGE_NANOS + 1;
    assertThrows(KurentoException.class, other::check, "900 of 1000 after the count aged");
  }

  @Test
  void noLimitReportedMeansNoGuard() {
    assertDoesNotThrow(() -> new FileDescriptorGuard(() -> 5000, () -> 0, () -> 0).check());
  }

  @Test
  void thisProcessIsWellUnderItsLimit() {
    assertDoesNotThrow(() -> FileDescriptorGuard.forThisProcess().check());
  }
}
