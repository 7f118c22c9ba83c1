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
    assertDoesNotThrow(() -> new FileDescriptorGuard(() -> 319, () -> 400).check());
    KurentoException refused = assertThrows(KurentoException.class,
        () -> new FileDescriptorGuard(() -> 320, () -> 400).check());
    assertEquals(KurentoError.NOT_ENOUGH_RESOURCES, refused.error());
    assertTrue(refused.getMessage().contains("320 of 400 file descriptors"), refused.getMessage());
  }

  @Test
  void noLimitReportedMeansNoGuard() {
    assertDoesNotThrow(() -> new FileDescriptorGuard(() -> 5000, () -> 0).check());
  }

  @Test
  void thisProcessIsWellUnderItsLimit() {
    assertDoesNotThrow(() -> FileDescriptorGuard.forThisProcess().check());
  }
}
