package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.ice.stun.StunParseError.ATTRIBUTE_AFTER_FINGERPRINT;
import static org.rivulet.ice.stun.StunParseError.BAD_ADDRESS_FAMILY;
import static org.rivulet.ice.stun.StunParseError.BAD_ATTRIBUTE_LENGTH;
import static org.rivulet.ice.stun.StunParseError.BAD_ATTRIBUTE_VALUE;
import static org.rivulet.ice.stun.StunParseError.BAD_FINGERPRINT;
import static org.rivulet.ice.stun.StunParseError.BAD_LENGTH;
import static org.rivulet.ice.stun.StunParseError.BAD_MAGIC_COOKIE;
import static org.rivulet.ice.stun.StunParseError.NOT_STUN;
import static org.rivulet.ice.stun.StunParseError.TOO_MANY_ATTRIBUTES;
import static org.rivulet.ice.stun.StunParseError.TOO_SHORT;
import static org.rivulet.ice.stun.StunTestSupport.decoded;
import static org.rivulet.ice.stun.StunTestSupport.flipped;
import static org.rivulet.ice.stun.StunTestSupport.inserted;
import static org.rivulet.ice.stun.StunTestSupport.request;
import static org.rivulet.ice.stun.StunTestSupport.withFingerprintRecomputed;

import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunDecoderTest {

  /** Offsets into the RFC 5769 section 2.1 request. */
  private static final int SOFTWARE_VALUE = 24;
  private static final int INTEGRITY = 76;
  private static final int FINGERPRINT_VALUE = 104;

  private static final byte[] RFC_REQUEST = Rfc5769.bytes(Rfc5769.REQUEST);

  static Stream<Arguments> malformed() {
    return Stream.of(
        // The header (RFC 8489 section 5).
        bad("empty datagram", new byte[0], TOO_SHORT),
        bad("header cut at 19 bytes", Rfc5769.bytes("""
            0001 0000                 # Binding request, no attributes
            2112a442                  # magic cookie
            b7e7a701 bc34d686 fa87df  # transaction id, last byte missing
            """), TOO_SHORT),
        bad("first byte 0x80: RTP", Rfc5769.bytes("""
            8000 0000                 # RTP version 2, sequence 0
            2112a442 b7e7a701 bc34d686 fa87dfae
            """), NOT_STUN),
        bad("first byte 0x40", flippedBits(request(""), 0, 0x40), NOT_STUN),
        bad("one byte 0x00", Rfc5769.bytes("00"), TOO_SHORT),
        bad("one byte 0xC0", Rfc5769.bytes("c0"), NOT_STUN),
        bad("RFC 3489 message: no magic cookie", Rfc5769.bytes("""
            0001 0000                 # Binding request, no attributes
            b7e7a701                  # first 32 bits of an RFC 3489 transaction id
            bc34d686 fa87dfae 01020304
            """), BAD_MAGIC_COOKIE),
        bad("magic cookie with one bit flipped", flipped(request(""), 7), BAD_MAGIC_COOKIE),
        bad("length not a multiple of 4", Rfc5769.bytes("""
            0001 0006                 # Binding request, length 6
            2112a442 b7e7a701 bc34d686 fa87dfae
            0025 0000 0000            # six bytes
            """), BAD_LENGTH),
        bad("length past the end of the datagram", Rfc5769.bytes("""
            0001 0008                 # Binding request, length 8
            2112a442 b7e7a701 bc34d686 fa87dfae
            0025 0000                 # only four bytes follow
            """), BAD_LENGTH),
        bad("zero length with an attribute present", Rfc5769.bytes("""
            0001 0000                 # Binding request, length 0
            2112a442 b7e7a701 bc34d686 fa87dfae
            0025 0000                 # USE-CANDIDATE after the claimed end
            """), BAD_LENGTH),
        bad("length 4 with no attribute present", Rfc5769.bytes("""
            0001 0004                 # Binding request, length 4
            2112a442 b7e7a701 bc34d686 fa87dfae
            """), BAD_LENGTH),
        bad("RFC 5769 request with one byte cut off", Arrays.copyOf(RFC_REQUEST, RFC_REQUEST.length - 1),
            BAD_LENGTH),

        // Attribute framing (RFC 8489 section 14).
        bad("attribute length past the end", request("""
            8022 0005                 # SOFTWARE, 5 bytes: needs 8 with padding
            74657374                  #   only 4 present
            """), BAD_ATTRIBUTE_LENGTH),
        bad("attribute length 0xFFFF", request("""
            8022 ffff                 # SOFTWARE, 65535 bytes
            74657374
            """), BAD_ATTRIBUTE_LENGTH),
        bad("second attribute past the end", request("""
            0025 0000                 # USE-CANDIDATE
            0024 0008                 # PRIORITY, 8 bytes
            6e0001ff                  #   only 4 present
            """), BAD_ATTRIBUTE_LENGTH),
        bad("65 attributes", request("0025 0000\n".repeat(65)), TOO_MANY_ATTRIBUTES),
        bad("attribute after FINGERPRINT", inserted(RFC_REQUEST, RFC_REQUEST.length, Rfc5769.bytes("""
            0025 0000                 # USE-CANDIDATE after FINGERPRINT
            """)), ATTRIBUTE_AFTER_FINGERPRINT),
        bad("FINGERPRINT before MESSAGE-INTEGRITY", request("""
            8028 0004 00000000        # FINGERPRINT
            0008 0014                 # MESSAGE-INTEGRITY
            00000000 00000000 00000000 00000000 00000000
            """), ATTRIBUTE_AFTER_FINGERPRINT),

        // FINGERPRINT (RFC 8489 section 14.7).
        bad("FINGERPRINT wrong: SOFTWARE changed", flipped(RFC_REQUEST, SOFTWARE_VALUE), BAD_FINGERPRINT),
        bad("FINGERPRINT wrong: its value changed", flipped(RFC_REQUEST, FINGERPRINT_VALUE), BAD_FINGERPRINT),
        bad("FINGERPRINT wrong: header length changed", flipped(RFC_REQUEST, 1), BAD_FINGERPRINT),
        bad("FINGERPRINT of 8 bytes", request("""
            8028 0008                 # FINGERPRINT, 8 bytes
            00000000 00000000
            """), BAD_ATTRIBUTE_VALUE),

        // MESSAGE-INTEGRITY (RFC 8489 section 14.5).
        bad("MESSAGE-INTEGRITY of 16 bytes", request("""
            0008 0010                 # MESSAGE-INTEGRITY, 16 bytes
            00000000 00000000 00000000 00000000
            """), BAD_ATTRIBUTE_VALUE),
        bad("MESSAGE-INTEGRITY empty", request("0008 0000"), BAD_ATTRIBUTE_VALUE),

        // Addresses (RFC 8489 sections 14.1 and 14.2).
        bad("XOR-MAPPED-ADDRESS family 0x03", request("""
            0020 0008                 # XOR-MAPPED-ADDRESS, 8 bytes
            0003 a147                 #   family 0x03
            e112a643
            """), BAD_ADDRESS_FAMILY),
        bad("XOR-MAPPED-ADDRESS family 0x00", request("""
            0020 0008                 # XOR-MAPPED-ADDRESS, 8 bytes
            0000 a147                 #   family 0x00
            e112a643
            """), BAD_ADDRESS_FAMILY),
        bad("MAPPED-ADDRESS family 0xFF", request("""
            0001 0008                 # MAPPED-ADDRESS, 8 bytes
            00ff 8055                 #   family 0xFF
            c0000201
            """), BAD_ADDRESS_FAMILY),
        bad("XOR-MAPPED-ADDRESS IPv4 family with 20 bytes", request("""
            0020 0014                 # XOR-MAPPED-ADDRESS, 20 bytes
            0001 a147                 #   family IPv4
            e112a643 00000000 00000000 00000000
            """), BAD_ATTRIBUTE_VALUE),
        bad("XOR-MAPPED-ADDRESS IPv6 family with 8 bytes", request("""
            0020 0008                 # XOR-MAPPED-ADDRESS, 8 bytes
            0002 a147                 #   family IPv6
            e112a643
            """), BAD_ATTRIBUTE_VALUE),
        bad("MAPPED-ADDRESS of 2 bytes", request("""
            0001 0002                 # MAPPED-ADDRESS, 2 bytes: no room for the port
            0001 0000                 #   family IPv4, padding
            """), BAD_ATTRIBUTE_VALUE),
        bad("XOR-MAPPED-ADDRESS empty, last in the message", request("0020 0000"), BAD_ATTRIBUTE_VALUE),

        // Fixed-size ICE attributes (RFC 8445 section 7.1).
        bad("PRIORITY of 8 bytes", request("""
            0024 0008                 # PRIORITY, 8 bytes
            6e0001ff 00000000
            """), BAD_ATTRIBUTE_VALUE),
        bad("PRIORITY of 2 bytes", request("0024 0002 6e00 0000"), BAD_ATTRIBUTE_VALUE),
        bad("USE-CANDIDATE with a value", request("""
            0025 0004                 # USE-CANDIDATE, 4 bytes
            00000000
            """), BAD_ATTRIBUTE_VALUE),
        bad("ICE-CONTROLLING of 4 bytes", request("""
            802a 0004                 # ICE-CONTROLLING, 4 bytes
            932ff9b1
            """), BAD_ATTRIBUTE_VALUE),
        bad("ICE-CONTROLLED empty", request("8029 0000"), BAD_ATTRIBUTE_VALUE),

        // ERROR-CODE (RFC 8489 section 14.8) and UNKNOWN-ATTRIBUTES (section 14.13).
        bad("ERROR-CODE class 2", request("""
            0009 0004                 # ERROR-CODE, 4 bytes
            0000 0200                 #   class 2, number 0: 200
            """), BAD_ATTRIBUTE_VALUE),
        bad("ERROR-CODE class 7", request("""
            0009 0004                 # ERROR-CODE, 4 bytes
            0000 0700                 #   class 7: 700
            """), BAD_ATTRIBUTE_VALUE),
        bad("ERROR-CODE number 100", request("""
            0009 0004                 # ERROR-CODE, 4 bytes
            0000 0464                 #   class 4, number 100
            """), BAD_ATTRIBUTE_VALUE),
        bad("ERROR-CODE of 2 bytes", request("0009 0002 0004 0000"), BAD_ATTRIBUTE_VALUE),
        bad("ERROR-CODE reason not UTF-8", request("""
            0009 0005                 # ERROR-CODE, 5 bytes
            0000 0400                 #   400
            ff 000000                 #   reason 0xFF, padding
            """), BAD_ATTRIBUTE_VALUE),
        bad("UNKNOWN-ATTRIBUTES of odd length", request("""
            000a 0003                 # UNKNOWN-ATTRIBUTES, 3 bytes
            0024 00 00                #   one type and a half, padding
            """), BAD_ATTRIBUTE_VALUE),

        // Text (RFC 8489 sections 14.3, 14.14): UTF-8 only.
        bad("USERNAME with an overlong '/'", request("""
            0006 0002                 # USERNAME, 2 bytes
            c0af 0000                 #   overlong encoding of '/', padding
            """), BAD_ATTRIBUTE_VALUE),
        bad("USERNAME with an encoded surrogate", request("""
            0006 0003                 # USERNAME, 3 bytes
            eda080 00                 #   U+D800 as UTF-8, padding
            """), BAD_ATTRIBUTE_VALUE),
        bad("SOFTWARE with a cut-off character", request("""
            8022 0001                 # SOFTWARE, 1 byte
            e2 000000                 #   first byte of a three-byte character, padding
            """), BAD_ATTRIBUTE_VALUE),
        bad("NONCE beyond U+10FFFF", request("""
            0015 0004                 # NONCE, 4 bytes
            f4908080                  #   U+110000
            """), BAD_ATTRIBUTE_VALUE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedInput(String name, byte[] datagram, StunParseError expected) {
    for (BufferKind kind : BufferKind.values()) {
      ByteBuf buf = kind.wrap(datagram);
      try {
        int readerIndex = buf.readerIndex();
        int writerIndex = buf.writerIndex();
        StunParseResult result = StunDecoder.decode(buf);
        assertFalse(result.isSuccess(), () -> kind + " decoded " + result);
        assertEquals(expected, result.error(), kind::name);
        assertEquals(readerIndex, buf.readerIndex());
        assertEquals(writerIndex, buf.writerIndex());
      } finally {
        buf.release();
      }
    }
  }

  private static Arguments bad(String name, byte[] datagram, StunParseError expected) {
    return Arguments.of(name, datagram, expected);
  }

  private static byte[] flippedBits(byte[] bytes, int index, int bits) {
    byte[] copy = bytes.clone();
    copy[index] ^= (byte) bits;
    return copy;
  }

  @Test
  void failuresAreSharedAndSayWhatFailed() {
    StunParseResult first = decode(new byte[0]);
    assertSame(first, decode(Rfc5769.bytes("0001")));
    assertEquals(TOO_SHORT, first.error());
    IllegalStateException e = assertThrows(IllegalStateException.class, first::message);
    assertTrue(e.getMessage().contains("TOO_SHORT"), e.getMessage());
  }

  @Test
  void successHasNoError() {
    StunParseResult result = decode(request(""));
    assertTrue(result.isSuccess());
    assertThrows(IllegalStateException.class, result::error);
  }

  @Test
  @DisplayName("RFC 8489 section 14: padding need not be zero (RFC 5769 pads with spaces)")
  void paddingIsIgnored() {
    StunMessage zeros = decode(request("0006 0001 61 000000")).message();
    StunMessage junk = decode(request("0006 0001 61 ffffff")).message();
    assertEquals(List.of(new Username("a")), zeros.attributes());
    assertEquals(zeros.attributes(), junk.attributes());
  }

  @Test
  void messageWithoutAttributes() {
    StunMessage message = decode(request("")).message();
    assertEquals(List.of(), message.attributes());
    assertFalse(message.hasMessageIntegrity());
    assertFalse(message.hasFingerprint());
  }

  @Test
  @DisplayName("RFC 8489 section 14: unknown comprehension-optional attributes are kept raw")
  void unknownOptionalAttributeIsKept() {
    StunMessage message = decode(request("""
        c057 0003                 # unknown comprehension-optional type 0xC057, 3 bytes
        010203 00
        """)).message();
    assertEquals(List.of(new RawAttribute(0xC057, new byte[] {1, 2, 3})), message.attributes());
    assertEquals(List.of(), message.unknownComprehensionRequired());
  }

  @Test
  @DisplayName("RFC 8489 section 6.3.1: unknown comprehension-required attributes are reported for 420")
  void unknownRequiredAttributeIsReported() {
    StunMessage message = decode(request("""
        001c 0004                 # MESSAGE-INTEGRITY-SHA256, which this package does not implement
        01020304
        7fff 0000                 # unknown comprehension-required type 0x7FFF, empty
        001c 0000                 # MESSAGE-INTEGRITY-SHA256 again
        """)).message();
    assertEquals(List.of(0x001C, 0x7FFF), message.unknownComprehensionRequired());
    assertEquals(3, message.attributes().size());
  }

  @Test
  @DisplayName("RFC 8489 section 14.5: attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored")
  void attributesAfterIntegrityAreIgnored() {
    byte[] datagram = withFingerprintRecomputed(inserted(RFC_REQUEST, INTEGRITY + 24, Rfc5769.bytes("""
        0006 0004 61626364        # USERNAME "abcd"
        0008 0000                 # a malformed MESSAGE-INTEGRITY: ignored, not checked
        7fff 0000                 # unknown comprehension-required: ignored, not reported
        """)));
    StunMessage message = decode(datagram).message();
    assertEquals(new Username("evtj:h6vY"), message.attribute(Username.class));
    assertEquals(4, message.attributes().size());
    assertEquals(List.of(), message.unknownComprehensionRequired());
    assertTrue(message.hasMessageIntegrity());
    assertTrue(message.hasFingerprint());
  }

  @Test
  @DisplayName("RFC 8489 section 14: duplicates are kept in order; the first one counts")
  void duplicatesAreKept() {
    StunMessage message = decode(request("""
        0024 0004 00000001        # PRIORITY 1
        0024 0004 00000002        # PRIORITY 2
        """)).message();
    assertEquals(List.of(new Priority(1), new Priority(2)), message.attributes());
    assertEquals(new Priority(1), message.attribute(Priority.class));
  }

  @Test
  void sixtyFourAttributesAreAccepted() {
    StunMessage message = decode(request("0025 0000\n".repeat(StunDecoder.MAX_ATTRIBUTES))).message();
    assertEquals(StunDecoder.MAX_ATTRIBUTES, message.attributes().size());
  }

  @Test
  void everyClassAndUnknownMethodsDecode() {
    byte[] datagram = request("");
    datagram[0] = 0x3F; // method 0xFFF, error response
    datagram[1] = (byte) 0xFF;
    StunMessage message = decode(datagram).message();
    assertEquals(StunClass.ERROR_RESPONSE, message.messageClass());
    assertEquals(0xFFF, message.method());
  }

  @Test
  void emptyTextAndErrorReason() {
    StunMessage message = decode(request("""
        0006 0000                 # USERNAME, empty
        0009 0004 0000 0601       # ERROR-CODE 601, empty reason
        """)).message();
    assertEquals(List.of(new Username(""), new ErrorCode(601, "")), message.attributes());
  }

  @Test
  @DisplayName("RFC 8489 section 14.8: reserved ERROR-CODE bits are ignored")
  void reservedErrorCodeBitsAreIgnored() {
    StunMessage message = decode(request("""
        0009 0007                 # ERROR-CODE, 7 bytes
        ffff fc14                 #   reserved bits all set, class 4, number 20: 420
        426164 00                 #   "Bad", padding
        """)).message();
    assertEquals(List.of(new ErrorCode(420, "Bad")), message.attributes());
  }

  @Test
  void addressesDecodeInTheClear() {
    StunMessage message = decode(request("""
        0001 0008                 # MAPPED-ADDRESS, 8 bytes
        0001 8055                 #   IPv4, port 32853
        c0000201                  #   192.0.2.1
        0001 0014                 # MAPPED-ADDRESS, 20 bytes
        0002 0000                 #   IPv6, port 0
        00000000 00000000 0000ffff 01020304   # ::ffff:1.2.3.4 stays IPv6
        """)).message();
    MappedAddress v4 = (MappedAddress) message.attributes().get(0);
    MappedAddress v6 = (MappedAddress) message.attributes().get(1);
    assertEquals(Rfc5769.ipv4MappedAddress(), v4.address());
    assertTrue(v6.address().getAddress() instanceof Inet6Address, v6.toString());
    assertEquals(0, v6.address().getPort());
  }

  /** Decodes from both kinds of buffer, checks they agree, and returns the first result. */
  private static StunParseResult decode(byte[] datagram) {
    ByteBuf direct = BufferKind.DIRECT_AT_OFFSET.wrap(datagram);
    ByteBuf heap = BufferKind.HEAP.wrap(datagram);
    try {
      StunParseResult result = StunDecoder.decode(direct);
      if (result.isSuccess()) {
        assertEquals(result.message().attributes(), decoded(heap).attributes());
      }
      return result;
    } finally {
      direct.release();
      heap.release();
    }
  }
}
