package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSyntaxTest {

  @ParameterizedTest(name = "{0} → IPv4 {1}, IPv6 {2}, host name {3}")
  @CsvSource(delimiter = '|', textBlock = """
      0.0.0.0                                 | true  | false | false
      203.0.113.7                             | true  | false | false
      255.255.255.255                         | true  | false | false
      256.1.1.1                               | false | false | false
      1.2.3                                   | false | false | false
      1.2.3.4.5                               | false | false | false
      01.2.3.4                                | false | false | false
      '1.2.3.4 '                              | false | false | false
      ::                                      | false | true  | false
      ::1                                     | false | true  | false
      1::                                     | false | true  | false
      2001:db8::1                             | false | true  | false
      2001:DB8:0:0:0:0:0:1                    | false | true  | false
      1:2:3:4:5:6:7::                         | false | true  | false
      ::ffff:192.0.2.1                        | false | true  | false
      1:2:3:4:5:6:192.0.2.1                   | false | true  | false
      1:2:3:4:5:6:7:8:9                       | false | false | false
      1:2:3:4:5:6:7                           | false | false | false
      1:2:3:4:5:6:7:8::                       | false | false | false
      2001:db8:::1                            | false | false | false
      2001::db8::1                            | false | false | false
      :1::                                    | false | false | false
      12345::                                 | false | false | false
      g::1                                    | false | false | false
      192.0.2.1::                             | false | false | false
      fe80::1%eth0                            | false | false | false
      [::1]                                   | false | false | false
      turn.example.com                        | false | false | true
      localhost                               | false | false | true
      a-b.example.                            | false | false | true
      -a.example.com                          | false | false | false
      a_b.example.com                         | false | false | false
      10.0.0.300                              | false | false | false
      """)
  void classifies(String text, boolean ipv4, boolean ipv6, boolean hostName) {
    assertEquals(ipv4, AddressSyntax.isIpv4(text), "IPv4");
    assertEquals(ipv6, AddressSyntax.isIpv6(text), "IPv6");
    assertEquals(hostName, AddressSyntax.isHostName(text), "host name");
    assertEquals(ipv4 || ipv6, AddressSyntax.isIpLiteral(text), "IP literal");
  }
}
