package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integration tests run in a network namespace with only loopback (server/src/test/bin/
 * java-in-netns), so no server, browser or ffmpeg they start can reach another interface.
 */
class LoopbackOnlyIT {
  @Test
  void theTestJvmSeesOnlyLoopback() throws Exception {
    List<NetworkInterface> up = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(i -> {
          try {
            return i.isUp();
          } catch (java.net.SocketException e) {
            return false;
          }
        }).toList();
    assertEquals(1, up.size(), "interfaces up: " + up);
    assertTrue(up.get(0).isLoopback(), up.get(0).toString());
  }
}
