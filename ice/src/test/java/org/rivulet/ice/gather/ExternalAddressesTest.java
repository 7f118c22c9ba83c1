package org.rivulet.ice.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Kurento's externalIPv4 / externalIPv6. */
class ExternalAddressesTest {

  @Test
  @DisplayName("each family is substituted by its own external address, when set")
  void substitution() throws Exception {
    ExternalAddresses e = ExternalAddresses.parse(" 192.0.2.10 ", "2001:db8::10");
    assertEquals(InetAddress.getByName("192.0.2.10"), e.advertisedFor(InetAddress.getByName("10.0.0.1")));
    assertEquals(InetAddress.getByName("2001:db8::10"), e.advertisedFor(InetAddress.getByName("fd00::1")));
    ExternalAddresses v4only = ExternalAddresses.parse("192.0.2.10", "");
    InetAddress v6 = InetAddress.getByName("fd00::1");
    assertSame(v6, v4only.advertisedFor(v6));
    assertEquals(ExternalAddresses.NONE, ExternalAddresses.parse(null, null));
  }

  @Test
  @DisplayName("names and wrong families are refused: nothing is resolved")
  void refused() {
    assertThrows(IllegalArgumentException.class, () -> ExternalAddresses.parse("media.example.com", null));
    assertThrows(IllegalArgumentException.class, () -> ExternalAddresses.parse("2001:db8::1", null));
    assertThrows(IllegalArgumentException.class, () -> ExternalAddresses.parse(null, "192.0.2.1"));
  }
}
