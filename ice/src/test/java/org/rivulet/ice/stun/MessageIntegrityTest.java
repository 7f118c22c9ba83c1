package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.ice.stun.StunTestSupport.decoded;
import static org.rivulet.ice.stun.StunTestSupport.flipped;
import static org.rivulet.ice.stun.StunTestSupport.inserted;
import static org.rivulet.ice.stun.StunTestSupport.request;
import static org.rivulet.ice.stun.StunTestSupport.withFingerprintRecomputed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageIntegrityTest {

  /** Offsets into the RFC 5769 section 2.1 request. */
  private static final int TYPE = 1;
  private static final int TRANSACTION_ID = 11;
  private static final int PRIORITY_VALUE = 44;
  private static final int USERNAME_VALUE = 64;
  private static final int INTEGRITY = 76;
  private static final int HMAC = INTEGRITY + 4;

  private static final byte[] RFC_REQUEST = Rfc5769.bytes(Rfc5769.REQUEST);

  private final MessageIntegrity integrity = new MessageIntegrity();

  static Stream<Arguments> integrityFailures() {
    return Stream.of(
        fails("another password", RFC_REQUEST, "VOkJxbRl1RmTxUk/WvJxBu"),
        fails("empty password", RFC_REQUEST, ""),
        fails("USERNAME changed", withFingerprintRecomputed(flipped(RFC_REQUEST, USERNAME_VALUE)),
            Rfc5769.PASSWORD),
        fails("PRIORITY changed", withFingerprintRecomputed(flipped(RFC_REQUEST, PRIORITY_VALUE)),
            Rfc5769.PASSWORD),
        fails("transaction id changed", withFingerprintRecomputed(flipped(RFC_REQUEST, TRANSACTION_ID)),
            Rfc5769.PASSWORD),
        fails("request turned into an indication", withFingerprintRecomputed(flipped(RFC_REQUEST, TYPE)),
            Rfc5769.PASSWORD),
        fails("HMAC changed", withFingerprintRecomputed(flipped(RFC_REQUEST, HMAC + 19)), Rfc5769.PASSWORD),
        fails("attribute inserted before MESSAGE-INTEGRITY",
            withFingerprintRecomputed(inserted(RFC_REQUEST, INTEGRITY, Rfc5769.bytes("0025 0000"))),
            Rfc5769.PASSWORD),
        fails("no MESSAGE-INTEGRITY", request("""
            0006 0009 6576746a 3a683676 59 000000   # USERNAME "evtj:h6vY"
            """), Rfc5769.PASSWORD));
  }

  private static Arguments fails(String name, byte[] datagram, String password) {
    return Arguments.of(name, datagram, password);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("integrityFailures")
  void rejects(String name, byte[] datagram, String password) {
    for (BufferKind kind : BufferKind.values()) {
      ByteBuf buf = kind.wrap(datagram);
      try {
        StunMessage message = decoded(buf);
        assertFalse(integrity.verify(buf, message, MessageIntegrity.shortTermKey(password)), kind::name);
      } finally {
        buf.release();
      }
    }
  }

  @Test
  @DisplayName("RFC 8489 section 14.5: attributes after MESSAGE-INTEGRITY do not change the HMAC")
  void attributesAfterIntegrityAreNotCovered() {
    byte[] datagram = withFingerprintRecomputed(inserted(RFC_REQUEST, INTEGRITY + 24, Rfc5769.bytes("""
        8022 0004 61626364        # SOFTWARE "abcd" between MESSAGE-INTEGRITY and FINGERPRINT
        """)));
    for (BufferKind kind : BufferKind.values()) {
      ByteBuf buf = kind.wrap(datagram);
      try {
        StunMessage message = decoded(buf);
        assertEquals(RFC_REQUEST.length + 8, buf.readableBytes());
        assertTrue(integrity.verify(buf, message, Rfc5769.KEY), kind::name);
      } finally {
        buf.release();
      }
    }
  }

  @Test
  void theKeyCanChangeBetweenCalls() {
    ByteBuf buf = BufferKind.HEAP.wrap(RFC_REQUEST);
    try {
      StunMessage message = decoded(buf);
      byte[] key = Rfc5769.KEY.clone();
      assertTrue(integrity.verify(buf, message, key));
      key[0] ^= 1; // the instance keeps a copy of the key, not the caller's array
      assertFalse(integrity.verify(buf, message, key));
      assertTrue(integrity.verify(buf, message, Rfc5769.KEY));
      assertFalse(integrity.verify(buf, message, new byte[0]));
      assertTrue(integrity.verify(buf, message, Rfc5769.KEY));
    } finally {
      buf.release();
    }
  }

  @Test
  @DisplayName("an empty key works, and equals a one-zero-byte key as HMAC defines (RFC 2104 section 2)")
  void emptyKey() {
    StunEncoder encoder = new StunEncoder(integrity);
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID).build();
    ByteBuf out = encoder.encode(message, new byte[0], true, UnpooledByteBufAllocator.DEFAULT);
    try {
      StunMessage back = decoded(out);
      assertTrue(integrity.verify(out, back, new byte[0]));
      assertTrue(integrity.verify(out, back, new byte[1]));
      assertFalse(integrity.verify(out, back, Rfc5769.KEY));
    } finally {
      out.release();
    }
  }

  @Test
  @DisplayName("HMAC zero-pads keys (RFC 2104 section 2): a trailing zero byte does not change the key")
  void trailingZeroBytesAreKeyPadding() {
    ByteBuf buf = BufferKind.HEAP.wrap(RFC_REQUEST);
    try {
      StunMessage message = decoded(buf);
      assertTrue(integrity.verify(buf, message, MessageIntegrity.shortTermKey(Rfc5769.PASSWORD + "\0")));
    } finally {
      buf.release();
    }
  }

  @Test
  void longMessagesInDirectMemory() {
    // Longer than the scratch array the HMAC is fed through, several times over.
    StunMessage message = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
        .add(new Software("x".repeat(1001))).add(new Username("evtj:h6vY")).build();
    ByteBuf out = new StunEncoder().encode(message, Rfc5769.KEY, true, PooledByteBufAllocator.DEFAULT);
    try {
      assertTrue(out.isDirect());
      StunMessage back = decoded(out);
      assertTrue(integrity.verify(out, back, Rfc5769.KEY));
      ByteBuf heap = BufferKind.HEAP.wrap(ByteBufUtil.getBytes(out));
      try {
        assertTrue(integrity.verify(heap, decoded(heap), Rfc5769.KEY));
      } finally {
        heap.release();
      }
    } finally {
      out.release();
    }
  }

  @Test
  void refusesBytesTheMessageWasNotDecodedFrom() {
    ByteBuf request = BufferKind.HEAP.wrap(RFC_REQUEST);
    ByteBuf response = BufferKind.HEAP.wrap(Rfc5769.bytes(Rfc5769.IPV4_RESPONSE));
    try {
      StunMessage message = decoded(request);
      assertThrows(IllegalArgumentException.class, () -> integrity.verify(response, message, Rfc5769.KEY));
      assertThrows(IllegalArgumentException.class, () -> Fingerprint.verify(response, message));
      request.skipBytes(4);
      assertThrows(IllegalArgumentException.class, () -> integrity.verify(request, message, Rfc5769.KEY));
      StunMessage built = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID).build();
      assertFalse(integrity.verify(response, built, Rfc5769.KEY), "a built message carries no MESSAGE-INTEGRITY");
      assertThrows(NullPointerException.class, () -> integrity.verify(response, built, null));
    } finally {
      request.release();
      response.release();
    }
  }

  @Test
  @DisplayName("RFC 8489 section 9.1.1: the short-term key is the password's bytes")
  void shortTermKey() {
    assertArrayEquals(Rfc5769.PASSWORD.getBytes(StandardCharsets.US_ASCII),
        MessageIntegrity.shortTermKey(Rfc5769.PASSWORD));
  }
}
