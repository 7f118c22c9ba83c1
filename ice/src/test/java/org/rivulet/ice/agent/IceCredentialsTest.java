package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8445 section 5.3 and RFC 8839 section 5.4: ICE credentials. */
class IceCredentialsTest {

  @Test
  @DisplayName("random credentials: ice-chars, 8 and 24 characters, all different")
  void random() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      IceCredentials c = IceCredentials.random(random);
      assertEquals(8, c.ufrag().length());
      assertEquals(24, c.password().length());
      assertTrue(c.ufrag().matches("[A-Za-z0-9+/]+"));
      assertTrue(c.password().matches("[A-Za-z0-9+/]+"));
      assertTrue(seen.add(c.ufrag() + c.password()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ufrag of 3 characters, abc, abcdefghijklmnopqrstuv",
      "password of 21 characters, abcd, abcdefghijklmnopqrstu",
      "ufrag with a colon, ab:cd, abcdefghijklmnopqrstuv",
      "password with a space, abcd, abcdefghijk mnopqrstuv",
      "ufrag with non-ASCII, abcé, abcdefghijklmnopqrstuv"})
  @DisplayName("invalid credentials are refused")
  void invalid(String name, String ufrag, String password) {
    assertThrows(IllegalArgumentException.class, () -> new IceCredentials(ufrag, password));
  }

  @Test
  @DisplayName("the shortest and longest valid values; toString hides the password")
  void bounds() {
    IceCredentials c = new IceCredentials("abcd", "a".repeat(22));
    new IceCredentials("u".repeat(256), "p".repeat(256));
    assertThrows(IllegalArgumentException.class, () -> new IceCredentials("u".repeat(257), "p".repeat(22)));
    assertFalse(c.toString().contains(c.password()));
    assertEquals(c, new IceCredentials("abcd", "a".repeat(22)));
    assertNotEquals(c, new IceCredentials("abcd", "b".repeat(22)));
  }
}
