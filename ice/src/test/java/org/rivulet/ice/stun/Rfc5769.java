package org.rivulet.ice.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The test vectors of RFC 5769 section 2, as hex with a comment on each field. Sections 2.1 to 2.3 pad
 * with 0x20 rather than zero, which RFC 8489 section 14 tells receivers to ignore.
 */
final class Rfc5769 {

  /** Short-term password of sections 2.1 to 2.3. */
  static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
  static final byte[] KEY = PASSWORD.getBytes(StandardCharsets.US_ASCII);

  /** The transaction id shared by sections 2.1 to 2.3. */
  static final TransactionId TRANSACTION_ID = new TransactionId(0xb7e7a701, 0xbc34d686fa87dfaeL);

  /** RFC 5769 section 2.1: Binding request with short-term credentials. */
  static final String REQUEST = """
      0001 0058                             # Binding request, message length 88
      2112a442                              # magic cookie
      b7e7a701 bc34d686 fa87dfae            # transaction id
      8022 0010                             # SOFTWARE, 16 bytes
      5354554e 20746573 7420636c 69656e74   #   "STUN test client"
      0024 0004                             # PRIORITY, 4 bytes
      6e0001ff                              #   0x6e0001ff
      8029 0008                             # ICE-CONTROLLED, 8 bytes
      932ff9b1 51263b36                     #   tie-breaker
      0006 0009                             # USERNAME, 9 bytes
      6576746a 3a683676 59                  #   "evtj:h6vY"
      202020                                #   padding (spaces)
      0008 0014                             # MESSAGE-INTEGRITY, 20 bytes
      9aeaa70c bfd8cb56 781ef2b5 b2d3f249   #   HMAC-SHA1
      c1b571a2
      8028 0004                             # FINGERPRINT, 4 bytes
      e57a3bcf                              #   CRC-32 ^ 0x5354554e
      """;

  /** RFC 5769 section 2.2: Binding success response, IPv4 XOR-MAPPED-ADDRESS. */
  static final String IPV4_RESPONSE = """
      0101 003c                             # Binding success response, message length 60
      2112a442                              # magic cookie
      b7e7a701 bc34d686 fa87dfae            # transaction id
      8022 000b                             # SOFTWARE, 11 bytes
      74657374 20766563 746f72              #   "test vector"
      20                                    #   padding (space)
      0020 0008                             # XOR-MAPPED-ADDRESS, 8 bytes
      0001 a147                             #   family IPv4, port 32853 ^ 0x2112
      e112a643                              #   192.0.2.1 ^ magic cookie
      0008 0014                             # MESSAGE-INTEGRITY, 20 bytes
      2b91f599 fd9e90c3 8c7489f9 2af9ba53   #   HMAC-SHA1
      f06be7d7
      8028 0004                             # FINGERPRINT, 4 bytes
      c07d4c96                              #   CRC-32 ^ 0x5354554e
      """;

  /** RFC 5769 section 2.3: Binding success response, IPv6 XOR-MAPPED-ADDRESS. */
  static final String IPV6_RESPONSE = """
      0101 0048                             # Binding success response, message length 72
      2112a442                              # magic cookie
      b7e7a701 bc34d686 fa87dfae            # transaction id
      8022 000b                             # SOFTWARE, 11 bytes
      74657374 20766563 746f72              #   "test vector"
      20                                    #   padding (space)
      0020 0014                             # XOR-MAPPED-ADDRESS, 20 bytes
      0002 a147                             #   family IPv6, port 32853 ^ 0x2112
      0113a9fa a5d3f179 bc25f4b5 bed2b9d9   #   2001:db8:1234:5678:11:2233:4455:6677 ^ (cookie | id)
      0008 0014                             # MESSAGE-INTEGRITY, 20 bytes
      a382954e 4be67bf1 1784c97c 8292c275   #   HMAC-SHA1
      bfe3ed41
      8028 0004                             # FINGERPRINT, 4 bytes
      c8fb0b4c                              #   CRC-32 ^ 0x5354554e
      """;

  /** RFC 5769 section 2.4: Binding request with long-term credentials (zero padding). */
  static final String LONG_TERM_REQUEST = """
      0001 0060                             # Binding request, message length 96
      2112a442                              # magic cookie
      78ad3433 c6ad72c0 29da412e            # transaction id
      0006 0012                             # USERNAME, 18 bytes
      e3839ee3 8388e383 aae38383 e382afe3   #   "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9" in UTF-8
      82b9
      0000                                  #   padding
      0015 001c                             # NONCE, 28 bytes
      662f2f34 39396b39 35346436 4f4c3334   #   "f//499k954d6OL34oL9FSTvy64sA"
      6f4c3946 53547679 36347341
      0014 000b                             # REALM, 11 bytes
      6578616d 706c652e 6f7267              #   "example.org"
      00                                    #   padding
      0008 0014                             # MESSAGE-INTEGRITY, 20 bytes
      f6702465 6dd64a3e 02b8e071 2e85c9a2   #   HMAC-SHA1
      8ca89666
      """;

  /** Section 2.4's user name, realm, nonce, and password after SASLprep. */
  static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
  static final String LONG_TERM_REALM = "example.org";
  static final String LONG_TERM_NONCE = "f//499k954d6OL34oL9FSTvy64sA";
  static final String LONG_TERM_PASSWORD = "TheMatrIX";

  private Rfc5769() {}

  /** The bytes of a hex listing: everything after '#' on a line is a comment, whitespace is ignored. */
  static byte[] bytes(String listing) {
    StringBuilder hex = new StringBuilder();
    for (String line : listing.split("\n")) {
      int comment = line.indexOf('#');
      hex.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", ""));
    }
    return HexFormat.of().parseHex(hex);
  }

  /** 192.0.2.1 port 32853, the address of section 2.2. */
  static InetSocketAddress ipv4MappedAddress() {
    return address("192.0.2.1", 32853);
  }

  /** 2001:db8:1234:5678:11:2233:4455:6677 port 32853, the address of section 2.3. */
  static InetSocketAddress ipv6MappedAddress() {
    return address("2001:db8:1234:5678:11:2233:4455:6677", 32853);
  }

  /** An address from a literal; no name lookup happens for a literal. */
  static InetSocketAddress address(String literal, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(literal), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
