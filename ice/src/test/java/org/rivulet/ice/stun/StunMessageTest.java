package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.ice.stun.StunTestSupport.decoded;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageTest {

  private final MessageIntegrity integrity = new MessageIntegrity();

  @Nested
  @DisplayName("RFC 5769 section 2.1: sample request")
  class SampleRequest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferKind.class)
    @DisplayName("every attribute decodes to the RFC's value")
    void attributes(BufferKind kind) {
      ByteBuf buf = kind.wrap(Rfc5769.bytes(Rfc5769.REQUEST));
      try {
        StunMessage message = decoded(buf);
        assertEquals(StunClass.REQUEST, message.messageClass());
        assertEquals(StunMethod.BINDING, message.method());
        assertEquals(Rfc5769.TRANSACTION_ID, message.transactionId());
        assertEquals(List.of(
            new Software("STUN test client"),
            new Priority(0x6e0001ffL),
            new IceControlled(0x932ff9b151263b36L),
            new Username("evtj:h6vY")), message.attributes());
        assertTrue(message.hasMessageIntegrity());
        assertTrue(message.hasFingerprint());
        assertEquals(List.of(), message.unknownComprehensionRequired());
      } finally {
        buf.release();
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferKind.class)
    @DisplayName("MESSAGE-INTEGRITY verifies with the password, FINGERPRINT matches")
    void integrityAndFingerprint(BufferKind kind) {
      ByteBuf buf = kind.wrap(Rfc5769.bytes(Rfc5769.REQUEST));
      try {
        StunMessage message = decoded(buf);
        assertTrue(integrity.verify(buf, message, MessageIntegrity.shortTermKey(Rfc5769.PASSWORD)));
        assertTrue(Fingerprint.verify(buf, message));
      } finally {
        buf.release();
      }
    }
  }

  @Nested
  @DisplayName("RFC 5769 section 2.2: sample IPv4 response")
  class SampleIpv4Response {

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferKind.class)
    @DisplayName("XOR-MAPPED-ADDRESS is 192.0.2.1 port 32853; integrity and fingerprint hold")
    void attributes(BufferKind kind) {
      ByteBuf buf = kind.wrap(Rfc5769.bytes(Rfc5769.IPV4_RESPONSE));
      try {
        StunMessage message = decoded(buf);
        assertEquals(StunClass.SUCCESS_RESPONSE, message.messageClass());
        assertEquals(StunMethod.BINDING, message.method());
        assertEquals(Rfc5769.TRANSACTION_ID, message.transactionId());
        assertEquals(List.of(
            new Software("test vector"),
            new XorMappedAddress(Rfc5769.ipv4MappedAddress())), message.attributes());
        assertTrue(integrity.verify(buf, message, Rfc5769.KEY));
        assertTrue(Fingerprint.verify(buf, message));
      } finally {
        buf.release();
      }
    }
  }

  @Nested
  @DisplayName("RFC 5769 section 2.3: sample IPv6 response")
  class SampleIpv6Response {

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferKind.class)
    @DisplayName("XOR-MAPPED-ADDRESS is 2001:db8:1234:5678:11:2233:4455:6677 port 32853; integrity and "
        + "fingerprint hold")
    void attributes(BufferKind kind) {
      ByteBuf buf = kind.wrap(Rfc5769.bytes(Rfc5769.IPV6_RESPONSE));
      try {
        StunMessage message = decoded(buf);
        assertEquals(StunClass.SUCCESS_RESPONSE, message.messageClass());
        assertEquals(Rfc5769.TRANSACTION_ID, message.transactionId());
        assertEquals(List.of(
            new Software("test vector"),
            new XorMappedAddress(Rfc5769.ipv6MappedAddress())), message.attributes());
        assertTrue(integrity.verify(buf, message, Rfc5769.KEY));
        assertTrue(Fingerprint.verify(buf, message));
      } finally {
        buf.release();
      }
    }
  }

  @Nested
  @DisplayName("RFC 5769 section 2.4: sample request with long-term authentication")
  class SampleLongTermRequest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferKind.class)
    @DisplayName("USERNAME, NONCE and REALM decode; MESSAGE-INTEGRITY verifies with the MD5 key")
    void attributes(BufferKind kind) {
      ByteBuf buf = kind.wrap(Rfc5769.bytes(Rfc5769.LONG_TERM_REQUEST));
      try {
        StunMessage message = decoded(buf);
        assertEquals(StunClass.REQUEST, message.messageClass());
        assertEquals(TransactionId.of(Rfc5769.bytes("78ad3433 c6ad72c0 29da412e")), message.transactionId());
        assertEquals(List.of(
            new Username(Rfc5769.LONG_TERM_USERNAME),
            new Nonce(Rfc5769.LONG_TERM_NONCE),
            new Realm(Rfc5769.LONG_TERM_REALM)), message.attributes());
        assertFalse(message.hasFingerprint());
        assertFalse(Fingerprint.verify(buf, message));
        byte[] key = StunTestSupport.longTermKey(
            Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
        assertTrue(integrity.verify(buf, message, key));
      } finally {
        buf.release();
      }
    }
  }

  @Nested
  @DisplayName("RFC 8489 section 5: message type")
  class MessageType {

    static Stream<Arguments> types() {
      return Stream.of(
          Arguments.of("Binding request", StunClass.REQUEST, StunMethod.BINDING, 0x0001),
          Arguments.of("Binding indication", StunClass.INDICATION, StunMethod.BINDING, 0x0011),
          Arguments.of("Binding success response", StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, 0x0101),
          Arguments.of("Binding error response", StunClass.ERROR_RESPONSE, StunMethod.BINDING, 0x0111),
          Arguments.of("method 0x003 request", StunClass.REQUEST, 0x003, 0x0003),
          Arguments.of("method 0x080 request (M7 moves to bit 9)", StunClass.REQUEST, 0x080, 0x0200),
          Arguments.of("method 0x010 request (M4 moves to bit 5)", StunClass.REQUEST, 0x010, 0x0020),
          Arguments.of("method 0xFFF request", StunClass.REQUEST, 0xFFF, 0x3EEF),
          Arguments.of("method 0xFFF error response", StunClass.ERROR_RESPONSE, 0xFFF, 0x3FFF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void interleavesClassAndMethodBits(String name, StunClass messageClass, int method, int type) {
      assertEquals(type, StunMessageType.of(messageClass, method));
      assertEquals(method, StunMessageType.method(type));
      assertEquals(messageClass, StunMessageType.messageClass(type));
    }

    @Test
    void everyClassAndMethodRoundTrips() {
      for (StunClass messageClass : StunClass.values()) {
        for (int method = 0; method <= StunMethod.MAX; method++) {
          int type = StunMessageType.of(messageClass, method);
          assertEquals(0, type & 0xC000, "the top two bits stay zero");
          assertEquals(method, StunMessageType.method(type));
          assertSame(messageClass, StunMessageType.messageClass(type));
        }
      }
    }
  }

  @Nested
  class Building {

    private final TransactionId id = new TransactionId(1, 2);

    @Test
    void successResponseKeepsMethodAndTransactionId() {
      StunMessage request = StunMessage.request(StunMethod.BINDING, id).add(new Priority(7)).build();
      StunMessage response = StunMessage.successResponse(request)
          .add(new XorMappedAddress(Rfc5769.ipv4MappedAddress())).build();
      assertEquals(StunClass.SUCCESS_RESPONSE, response.messageClass());
      assertEquals(StunMethod.BINDING, response.method());
      assertSame(id, response.transactionId());
      assertEquals(List.of(new XorMappedAddress(Rfc5769.ipv4MappedAddress())), response.attributes());
      assertFalse(response.hasMessageIntegrity());
      assertFalse(response.hasFingerprint());
    }

    @Test
    @DisplayName("RFC 8489 section 6.3.1: 420 lists the unknown comprehension-required attributes")
    void errorResponseStartsWithErrorCode() {
      StunMessage request = StunMessage.request(StunMethod.BINDING, id)
          .add(new RawAttribute(0x7001, new byte[] {1}))
          .add(new RawAttribute(0x8001, new byte[] {2}))
          .add(new RawAttribute(0x7001, new byte[] {3}))
          .add(new RawAttribute(0x0002, new byte[0]))
          .build();
      assertEquals(List.of(0x7001, 0x0002), request.unknownComprehensionRequired());
      StunMessage response = StunMessage.errorResponse(request, ErrorCode.UNKNOWN_ATTRIBUTE)
          .add(new UnknownAttributes(request.unknownComprehensionRequired())).build();
      assertEquals(StunClass.ERROR_RESPONSE, response.messageClass());
      assertEquals(List.of(ErrorCode.UNKNOWN_ATTRIBUTE, new UnknownAttributes(List.of(0x7001, 0x0002))),
          response.attributes());
    }

    @Test
    void onlyRequestsAreAnswered() {
      StunMessage indication = StunMessage.indication(StunMethod.BINDING, id).build();
      assertThrows(IllegalArgumentException.class, () -> StunMessage.successResponse(indication));
      assertThrows(IllegalArgumentException.class,
          () -> StunMessage.errorResponse(indication, ErrorCode.BAD_REQUEST));
    }

    @Test
    void methodIsTwelveBits() {
      assertThrows(IllegalArgumentException.class, () -> StunMessage.request(0x1000, id));
      assertThrows(IllegalArgumentException.class, () -> StunMessage.request(-1, id));
      assertEquals(0xFFF, StunMessage.builder(StunClass.INDICATION, 0xFFF, id).build().method());
    }

    @Test
    void attributeReturnsTheFirstOfAKindOrNull() {
      StunMessage message = StunMessage.request(StunMethod.BINDING, id)
          .add(new Username("first")).add(new Priority(1)).add(new Username("second")).build();
      assertEquals(new Username("first"), message.attribute(Username.class));
      assertEquals(new Priority(1), message.attribute(Priority.class));
      assertNull(message.attribute(IceControlling.class));
    }

    @Test
    void attributesCannotBeChanged() {
      StunMessage.Builder builder = StunMessage.request(StunMethod.BINDING, id).add(new Priority(1));
      StunMessage message = builder.build();
      builder.add(new Priority(2));
      assertEquals(List.of(new Priority(1)), message.attributes());
      assertThrows(UnsupportedOperationException.class, () -> message.attributes().add(new Priority(3)));
      assertThrows(UnsupportedOperationException.class, () -> message.unknownComprehensionRequired().add(1));
    }

    @Test
    void toStringNamesMethodClassAndAttributes() {
      String text = StunMessage.request(StunMethod.BINDING, id).add(new Username("u")).build().toString();
      assertTrue(text.contains("Binding REQUEST"), text);
      assertTrue(text.contains("Username[value=u]"), text);
      assertTrue(text.contains(id.toString()), text);
    }
  }
}
