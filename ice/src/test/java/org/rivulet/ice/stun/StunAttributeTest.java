package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunAttributeTest {

  /** Values an attribute cannot hold: encoding them would write what no decoder accepts back. */
  static Stream<Arguments> invalidValues() {
    InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.org", 3478);
    return Stream.of(
        invalid("ERROR-CODE 299", () -> new ErrorCode(299, "")),
        invalid("ERROR-CODE 700", () -> new ErrorCode(700, "")),
        invalid("PRIORITY -1", () -> new Priority(-1)),
        invalid("PRIORITY 2^32", () -> new Priority(1L << 32)),
        invalid("UNKNOWN-ATTRIBUTES with a 17-bit type", () -> new UnknownAttributes(List.of(0x10000))),
        invalid("UNKNOWN-ATTRIBUTES with a negative type", () -> new UnknownAttributes(List.of(-1))),
        invalid("raw attribute under a known type", () -> new RawAttribute(StunAttributeType.USERNAME, new byte[0])),
        invalid("raw MESSAGE-INTEGRITY", () -> new RawAttribute(StunAttributeType.MESSAGE_INTEGRITY, new byte[20])),
        invalid("raw FINGERPRINT", () -> new RawAttribute(StunAttributeType.FINGERPRINT, new byte[4])),
        invalid("raw attribute with a 17-bit type", () -> new RawAttribute(0x10000, new byte[0])),
        invalid("USERNAME with a lone high surrogate", () -> new Username("a\uD800")),
        invalid("SOFTWARE with a lone low surrogate", () -> new Software("\uDC00b")),
        invalid("ERROR-CODE reason with reversed surrogates", () -> new ErrorCode(400, "\uDE00\uD83D")),
        invalid("XOR-MAPPED-ADDRESS unresolved", () -> new XorMappedAddress(unresolved)),
        invalid("MAPPED-ADDRESS unresolved", () -> new MappedAddress(unresolved)));
  }

  private static Arguments invalid(String name, Executable construction) {
    return Arguments.of(name, construction);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void rejectsInvalidValues(String name, Executable construction) {
    assertThrows(IllegalArgumentException.class, construction);
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> new Username(null));
    assertThrows(NullPointerException.class, () -> new ErrorCode(400, null));
    assertThrows(NullPointerException.class, () -> new XorMappedAddress(null));
    assertThrows(NullPointerException.class, () -> new RawAttribute(0x8000, null));
    assertThrows(NullPointerException.class, () -> new UnknownAttributes(null));
  }

  @Test
  void rawAttributeCopiesItsValue() {
    byte[] value = {1, 2, 3};
    RawAttribute raw = new RawAttribute(0x8001, value);
    value[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, raw.value());
    raw.value()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, raw.value());
    assertEquals(new RawAttribute(0x8001, new byte[] {1, 2, 3}), raw);
    assertEquals(new RawAttribute(0x8001, new byte[] {1, 2, 3}).hashCode(), raw.hashCode());
    assertNotEquals(new RawAttribute(0x8002, new byte[] {1, 2, 3}), raw);
    assertNotEquals(new RawAttribute(0x8001, new byte[] {1, 2}), raw);
    assertEquals("RawAttribute[type=0x8001, value=010203]", raw.toString());
    assertFalse(raw.isComprehensionRequired());
    assertTrue(new RawAttribute(0x7FFF, new byte[0]).isComprehensionRequired());
  }

  @Test
  void unknownAttributesCopiesItsList() {
    List<Integer> types = new ArrayList<>(List.of(1, 2));
    UnknownAttributes attribute = new UnknownAttributes(types);
    types.add(3);
    assertEquals(List.of(1, 2), attribute.types());
    assertEquals(4, attribute.valueLength());
  }

  @Test
  void errorCodeSplitsIntoClassAndNumber() {
    assertEquals(4, ErrorCode.ROLE_CONFLICT.errorClass());
    assertEquals(87, ErrorCode.ROLE_CONFLICT.number());
    assertEquals(List.of(300, 400, 401, 420, 438, 487, 500), Stream.of(ErrorCode.TRY_ALTERNATE,
        ErrorCode.BAD_REQUEST, ErrorCode.UNAUTHENTICATED, ErrorCode.UNKNOWN_ATTRIBUTE, ErrorCode.STALE_NONCE,
        ErrorCode.ROLE_CONFLICT, ErrorCode.SERVER_ERROR).map(ErrorCode::code).toList());
  }

  @Test
  void textLengthsCountUtf8Bytes() {
    assertEquals(18, new Username(Rfc5769.LONG_TERM_USERNAME).valueLength());
    assertEquals(6, new Software("a\uD83D\uDE00b").valueLength());
    assertEquals(4 + 3, new ErrorCode(400, "Bad").valueLength());
  }

  @Test
  void typeRegistry() {
    assertEquals("XOR-MAPPED-ADDRESS", StunAttributeType.name(StunAttributeType.XOR_MAPPED_ADDRESS));
    assertEquals("ICE-CONTROLLING", StunAttributeType.name(0x802A));
    assertEquals("0x001c", StunAttributeType.name(0x001C));
    assertTrue(StunAttributeType.isComprehensionRequired(0x7FFF));
    assertFalse(StunAttributeType.isComprehensionRequired(0x8000));
    assertTrue(StunAttributeType.isKnown(StunAttributeType.MESSAGE_INTEGRITY));
    assertFalse(StunAttributeType.isKnown(0x001C));
    assertEquals(List.of(StunAttributeType.MAPPED_ADDRESS, StunAttributeType.XOR_MAPPED_ADDRESS,
            StunAttributeType.USERNAME, StunAttributeType.ERROR_CODE, StunAttributeType.UNKNOWN_ATTRIBUTES,
            StunAttributeType.REALM, StunAttributeType.NONCE, StunAttributeType.SOFTWARE,
            StunAttributeType.PRIORITY, StunAttributeType.USE_CANDIDATE, StunAttributeType.ICE_CONTROLLED,
            StunAttributeType.ICE_CONTROLLING),
        Stream.of(new MappedAddress(Rfc5769.ipv4MappedAddress()), new XorMappedAddress(Rfc5769.ipv4MappedAddress()),
            new Username(""), ErrorCode.BAD_REQUEST, new UnknownAttributes(List.of()), new Realm(""), new Nonce(""),
            new Software(""), new Priority(0), UseCandidate.INSTANCE, new IceControlled(0), new IceControlling(0))
            .map(StunAttribute::type).toList());
    assertEquals("Binding", StunMethod.name(StunMethod.BINDING));
    assertEquals("0x003", StunMethod.name(3));
  }
}
