package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.ice.stun.StunTestSupport.decoded;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunEncoderTest {

  /** Heap and direct, pooled and not: the encoder must not care. */
  private static final List<ByteBufAllocator> ALLOCATORS = List.of(
      UnpooledByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
      new UnpooledByteBufAllocator(false), new PooledByteBufAllocator(false));

  private final MessageIntegrity integrity = new MessageIntegrity();
  private final StunEncoder encoder = new StunEncoder(integrity);

  static Stream<Arguments> rfc5769Layouts() {
    return Stream.of(
        Arguments.of("RFC 5769 section 2.1 request",
            StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
                .add(new Software("STUN test client"))
                .add(new Priority(0x6e0001ffL))
                .add(new IceControlled(0x932ff9b151263b36L))
                .add(new Username("evtj:h6vY")).build(),
            """
            0001 0058                             # Binding request, length 88
            2112a442 b7e7a701 bc34d686 fa87dfae   # magic cookie, transaction id
            8022 0010                             # SOFTWARE, 16 bytes
            5354554e 20746573 7420636c 69656e74   #   "STUN test client"
            0024 0004 6e0001ff                    # PRIORITY
            8029 0008 932ff9b1 51263b36           # ICE-CONTROLLED
            0006 0009 6576746a 3a683676 59        # USERNAME "evtj:h6vY"
            000000                                #   zero padding where RFC 5769 has spaces
            """, Rfc5769.REQUEST),
        Arguments.of("RFC 5769 section 2.2 IPv4 response",
            StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
                .add(new Software("test vector"))
                .add(new XorMappedAddress(Rfc5769.ipv4MappedAddress())).build(),
            """
            0101 003c                             # Binding success response, length 60
            2112a442 b7e7a701 bc34d686 fa87dfae   # magic cookie, transaction id
            8022 000b 74657374 20766563 746f72    # SOFTWARE "test vector"
            00                                    #   zero padding where RFC 5769 has a space
            0020 0008 0001a147 e112a643           # XOR-MAPPED-ADDRESS 192.0.2.1:32853
            """, Rfc5769.IPV4_RESPONSE),
        Arguments.of("RFC 5769 section 2.3 IPv6 response",
            StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
                .add(new Software("test vector"))
                .add(new XorMappedAddress(Rfc5769.ipv6MappedAddress())).build(),
            """
            0101 0048                             # Binding success response, length 72
            2112a442 b7e7a701 bc34d686 fa87dfae   # magic cookie, transaction id
            8022 000b 74657374 20766563 746f72    # SOFTWARE "test vector"
            00                                    #   zero padding where RFC 5769 has a space
            0020 0014 0002a147                    # XOR-MAPPED-ADDRESS, IPv6, port 32853
            0113a9fa a5d3f179 bc25f4b5 bed2b9d9   #   2001:db8:1234:5678:11:2233:4455:6677
            """, Rfc5769.IPV6_RESPONSE));
  }

  /**
   * RFC 5769 sections 2.1 to 2.3 pad with spaces, so their HMAC and CRC cannot be reproduced with the
   * zero padding RFC 8489 requires. Everything before MESSAGE-INTEGRITY must match, lengths included, and
   * what follows must verify.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc5769Layouts")
  void reproducesTheRfc5769Layout(String name, StunMessage message, String expectedPrefix, String vector) {
    byte[] prefix = Rfc5769.bytes(expectedPrefix);
    for (ByteBufAllocator alloc : ALLOCATORS) {
      ByteBuf out = encoder.encode(message, Rfc5769.KEY, true, alloc);
      try {
        assertEquals(Rfc5769.bytes(vector).length, out.readableBytes());
        assertArrayEquals(prefix, ByteBufUtil.getBytes(out, 0, prefix.length));
        StunMessage back = decoded(out);
        assertEquals(message.attributes(), back.attributes());
        assertTrue(integrity.verify(out, back, Rfc5769.KEY));
        assertTrue(Fingerprint.verify(out, back));
      } finally {
        out.release();
      }
    }
  }

  @Test
  @DisplayName("RFC 5769 section 2.4: zero padding and no FINGERPRINT, so every byte matches")
  void reproducesTheLongTermVectorExactly() {
    StunMessage message = StunMessage.request(StunMethod.BINDING,
            TransactionId.of(Rfc5769.bytes("78ad3433 c6ad72c0 29da412e")))
        .add(new Username(Rfc5769.LONG_TERM_USERNAME))
        .add(new Nonce(Rfc5769.LONG_TERM_NONCE))
        .add(new Realm(Rfc5769.LONG_TERM_REALM)).build();
    byte[] key = StunTestSupport.longTermKey(
        Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
    ByteBuf out = encoder.encode(message, key, false, UnpooledByteBufAllocator.DEFAULT);
    try {
      assertArrayEquals(Rfc5769.bytes(Rfc5769.LONG_TERM_REQUEST), ByteBufUtil.getBytes(out));
    } finally {
      out.release();
    }
  }

  static Stream<Arguments> attributes() throws UnknownHostException {
    byte[] mapped = Rfc5769.bytes("00000000 00000000 0000ffff c0000201");
    return Stream.of(
        Arguments.of("MAPPED-ADDRESS IPv4", new MappedAddress(Rfc5769.ipv4MappedAddress())),
        Arguments.of("MAPPED-ADDRESS IPv6", new MappedAddress(Rfc5769.ipv6MappedAddress())),
        Arguments.of("XOR-MAPPED-ADDRESS IPv4", new XorMappedAddress(Rfc5769.ipv4MappedAddress())),
        Arguments.of("XOR-MAPPED-ADDRESS IPv6", new XorMappedAddress(Rfc5769.ipv6MappedAddress())),
        Arguments.of("XOR-MAPPED-ADDRESS IPv4-mapped IPv6 stays IPv6",
            new XorMappedAddress(new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 3478))),
        Arguments.of("XOR-MAPPED-ADDRESS port 0", new XorMappedAddress(Rfc5769.address("10.0.0.1", 0))),
        Arguments.of("XOR-MAPPED-ADDRESS port 65535", new XorMappedAddress(Rfc5769.address("::1", 65535))),
        Arguments.of("USERNAME", new Username("evtj:h6vY")),
        Arguments.of("USERNAME empty", new Username("")),
        Arguments.of("USERNAME in Katakana", new Username(Rfc5769.LONG_TERM_USERNAME)),
        Arguments.of("USERNAME with a surrogate pair", new Username("a\uD83D\uDE00b")),
        Arguments.of("ERROR-CODE 420", ErrorCode.UNKNOWN_ATTRIBUTE),
        Arguments.of("ERROR-CODE 300", ErrorCode.TRY_ALTERNATE),
        Arguments.of("ERROR-CODE 699, no reason", new ErrorCode(699, "")),
        Arguments.of("UNKNOWN-ATTRIBUTES, three types", new UnknownAttributes(List.of(0x0024, 0x7FFF, 0x0000))),
        Arguments.of("UNKNOWN-ATTRIBUTES, one type (padded)", new UnknownAttributes(List.of(0x001C))),
        Arguments.of("UNKNOWN-ATTRIBUTES empty", new UnknownAttributes(List.of())),
        Arguments.of("SOFTWARE", new Software("Rivulet 0.1")),
        Arguments.of("REALM", new Realm("example.org")),
        Arguments.of("NONCE", new Nonce("f//499k954d6OL34oL9FSTvy64sA")),
        Arguments.of("PRIORITY 0", new Priority(0)),
        Arguments.of("PRIORITY 2^32 - 1", new Priority(0xFFFF_FFFFL)),
        Arguments.of("USE-CANDIDATE", UseCandidate.INSTANCE),
        Arguments.of("ICE-CONTROLLED, all bits set", new IceControlled(-1L)),
        Arguments.of("ICE-CONTROLLING, top bit set", new IceControlling(Long.MIN_VALUE)),
        Arguments.of("comprehension-optional raw attribute", new RawAttribute(0x8055, new byte[] {1, 2, 3})),
        Arguments.of("comprehension-required raw attribute, empty", new RawAttribute(0x7FFF, new byte[0])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void roundTrips(String name, StunAttribute attribute) {
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID).add(attribute).build();
    for (ByteBufAllocator alloc : ALLOCATORS) {
      ByteBuf out = encoder.encode(message, Rfc5769.KEY, true, alloc);
      try {
        assertEquals(encoder.encodedLength(message, true, true), out.readableBytes());
        assertEquals(attribute.type(), out.getUnsignedShort(20));
        assertEquals(attribute.valueLength(), out.getUnsignedShort(22));
        StunMessage back = decoded(out);
        assertEquals(List.of(attribute), back.attributes());
        assertEquals(message.unknownComprehensionRequired(), back.unknownComprehensionRequired());
        assertTrue(integrity.verify(out, back, Rfc5769.KEY));
        assertTrue(Fingerprint.verify(out, back));
      } finally {
        out.release();
      }
    }
  }

  static Stream<Arguments> trailers() {
    return Stream.of(
        Arguments.of("neither", false, false),
        Arguments.of("MESSAGE-INTEGRITY only", true, false),
        Arguments.of("FINGERPRINT only", false, true),
        Arguments.of("MESSAGE-INTEGRITY and FINGERPRINT", true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trailers")
  @DisplayName("RFC 8489 sections 14.5 and 14.7: the header length is fixed before each trailer")
  void headerLengthCoversWhatWasAppended(String name, boolean withIntegrity, boolean withFingerprint) {
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
        .add(new Username("abc")).build();
    ByteBuf out = encoder.encode(message, withIntegrity ? Rfc5769.KEY : null, withFingerprint,
        UnpooledByteBufAllocator.DEFAULT);
    try {
      int expected = 8 + (withIntegrity ? 24 : 0) + (withFingerprint ? 8 : 0);
      assertEquals(expected, out.getUnsignedShort(2));
      assertEquals(20 + expected, out.readableBytes());
      StunMessage back = decoded(out);
      assertEquals(withIntegrity, back.hasMessageIntegrity());
      assertEquals(withFingerprint, back.hasFingerprint());
      assertEquals(withIntegrity, integrity.verify(out, back, Rfc5769.KEY));
      assertEquals(withFingerprint, Fingerprint.verify(out, back));
    } finally {
      out.release();
    }
  }

  @Test
  void writesAtTheWriterIndexOfTheCallersBuffer() {
    StunMessage message = StunMessage.indication(StunMethod.BINDING, Rfc5769.TRANSACTION_ID).build();
    ByteBuf out = Unpooled.buffer(4); // too small: encode grows it
    try {
      out.writeBytes(new byte[] {9, 8, 7});
      encoder.encode(message, null, true, out);
      assertArrayEquals(new byte[] {9, 8, 7}, ByteBufUtil.getBytes(out, 0, 3));
      out.readerIndex(3);
      StunMessage back = decoded(out);
      assertEquals(StunClass.INDICATION, back.messageClass());
      assertTrue(Fingerprint.verify(out, back));
    } finally {
      out.release();
    }
  }

  @Test
  void encodingAParsedMessageWritesTheSameBytes() {
    // No spaces in the padding and MESSAGE-INTEGRITY computed with the same key: byte for byte equal.
    byte[] original = Rfc5769.bytes(Rfc5769.LONG_TERM_REQUEST);
    ByteBuf in = Unpooled.wrappedBuffer(original);
    try {
      byte[] key = StunTestSupport.longTermKey(
          Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
      ByteBuf out = encoder.encode(decoded(in), key, false, PooledByteBufAllocator.DEFAULT);
      try {
        assertArrayEquals(original, ByteBufUtil.getBytes(out));
      } finally {
        out.release();
      }
    } finally {
      in.release();
    }
  }

  @Test
  void refusesMessagesTheLengthFieldCannotHold() {
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
        .add(new RawAttribute(0x8055, new byte[0xFFFC - 4])).build();
    // Attributes end on four-byte boundaries, so 0xFFFC is the largest length a message can have.
    assertEquals(20 + 0xFFFC, encoder.encodedLength(message, false, false));
    assertThrows(IllegalArgumentException.class, () -> encoder.encodedLength(message, false, true));
    assertThrows(IllegalArgumentException.class,
        () -> encoder.encode(message, Rfc5769.KEY, false, PooledByteBufAllocator.DEFAULT));
    ByteBuf out = Unpooled.buffer();
    try {
      assertThrows(IllegalArgumentException.class, () -> encoder.encode(message, null, true, out));
      assertEquals(0, out.writerIndex(), "nothing is written when the message does not fit");
    } finally {
      out.release();
    }
  }

  @Test
  void refusesMoreAttributesThanTheDecoderAccepts() {
    StunMessage.Builder builder = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID);
    for (int i = 0; i < StunDecoder.MAX_ATTRIBUTES - 2; i++) {
      builder.add(UseCandidate.INSTANCE);
    }
    StunMessage most = builder.build();
    StunMessage tooMany = builder.add(UseCandidate.INSTANCE).build();
    assertThrows(IllegalArgumentException.class, () -> encoder.encodedLength(tooMany, true, true));
    ByteBuf out = encoder.encode(most, Rfc5769.KEY, true, UnpooledByteBufAllocator.DEFAULT);
    try {
      assertEquals(StunDecoder.MAX_ATTRIBUTES - 2, decoded(out).attributes().size());
    } finally {
      out.release();
    }
  }

  @Test
  @DisplayName("RFC 8489 section 14: padding is written as zeros")
  void padsWithZeros() {
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
        .add(new Username("a")).add(new RawAttribute(0x8055, new byte[] {(byte) 0xFF, (byte) 0xFF})).build();
    ByteBuf out = Unpooled.buffer();
    out.writeBytes(filled(64)); // leave non-zero bytes where the padding will go
    out.clear();
    try {
      encoder.encode(message, null, false, out);
      assertArrayEquals(Rfc5769.bytes("""
          0006 0001 61 000000       # USERNAME "a", three zero bytes
          8055 0002 ffff 0000       # raw attribute, two zero bytes
          """), ByteBufUtil.getBytes(out, 20, 16));
    } finally {
      out.release();
    }
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 0xA5);
    return bytes;
  }
}
