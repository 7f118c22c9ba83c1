package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link StunDecoder} and, for whatever decodes, {@link StunEncoder}, {@link MessageIntegrity} and
 * {@link Fingerprint}. Plain {@code mvn test} replays the inputs in
 * {@code src/test/resources/org/rivulet/ice/stun/StunMessageFuzzTestInputs/roundTrip/} (the RFC 5769
 * vectors and a few hand-made messages); {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Properties, beyond not throwing:
 * <ul>
 *   <li>a heap buffer and a direct buffer at a non-zero reader index decode to the same result;
 *   <li>what decodes re-encodes (with MESSAGE-INTEGRITY under the RFC 5769 password and FINGERPRINT when
 *       the input had them) into no more bytes than the input, and decodes back to the same class, method,
 *       transaction id, attributes (count and values) and trailers;
 *   <li>the re-encoded MESSAGE-INTEGRITY and FINGERPRINT verify, and encoding again gives the same bytes.
 * </ul>
 */
class StunMessageFuzzTest {

  private final MessageIntegrity integrity = new MessageIntegrity();
  private final StunEncoder encoder = new StunEncoder(integrity);

  @FuzzTest(maxDuration = "5m")
  void roundTrip(byte[] data) {
    ByteBuf heap = BufferKind.HEAP.wrap(data);
    ByteBuf direct = BufferKind.DIRECT_AT_OFFSET.wrap(data);
    try {
      StunParseResult result = StunDecoder.decode(heap);
      StunParseResult viaDirect = StunDecoder.decode(direct);
      assertEquals(result.isSuccess(), viaDirect.isSuccess());
      if (!result.isSuccess()) {
        assertNotNull(result.error());
        assertSame(result.error(), viaDirect.error());
        return;
      }
      StunMessage message = result.message();
      assertSameContent(message, viaDirect.message());
      useEveryGetter(message);
      boolean authentic = integrity.verify(heap, message, Rfc5769.KEY);
      assertEquals(authentic, integrity.verify(direct, viaDirect.message(), Rfc5769.KEY));
      assertEquals(message.hasFingerprint(), Fingerprint.verify(heap, message));
      assertEquals(message.hasFingerprint(), Fingerprint.verify(direct, viaDirect.message()));
      reencode(message, data.length);
    } finally {
      heap.release();
      direct.release();
    }
  }

  /** The seed inputs must be messages, or the replay would only exercise the failure path. */
  @Test
  void seedInputsDecode() throws IOException, URISyntaxException {
    Path inputs = Path.of(getClass().getResource("StunMessageFuzzTestInputs/roundTrip").toURI());
    List<Path> seeds;
    try (Stream<Path> files = Files.list(inputs)) {
      seeds = files.sorted().toList();
    }
    assertTrue(seeds.size() >= 4, seeds::toString);
    for (Path seed : seeds) {
      ByteBuf buf = BufferKind.HEAP.wrap(Files.readAllBytes(seed));
      try {
        StunParseResult result = StunDecoder.decode(buf);
        assertTrue(result.isSuccess(), () -> seed.getFileName() + ": " + result);
        StunMessage message = result.message();
        if (message.hasMessageIntegrity() && !seed.getFileName().toString().contains("long-term")) {
          assertTrue(integrity.verify(buf, message, Rfc5769.KEY), () -> seed.getFileName().toString());
        }
      } finally {
        buf.release();
      }
    }
  }

  private void reencode(StunMessage message, int originalLength) {
    byte[] key = message.hasMessageIntegrity() ? Rfc5769.KEY : null;
    ByteBuf first = encoder.encode(message, key, message.hasFingerprint(), PooledByteBufAllocator.DEFAULT);
    try {
      // Equal sizes attribute by attribute; only attributes ignored after MESSAGE-INTEGRITY disappear.
      assertTrue(first.readableBytes() <= originalLength, "re-encoding grew the message");
      StunParseResult again = StunDecoder.decode(first);
      assertTrue(again.isSuccess(), () -> "the re-encoded message does not decode: " + again);
      StunMessage copy = again.message();
      assertSameContent(message, copy);
      assertEquals(copy.hasMessageIntegrity(), integrity.verify(first, copy, Rfc5769.KEY));
      assertEquals(copy.hasFingerprint(), Fingerprint.verify(first, copy));
      ByteBuf second = encoder.encode(copy, key, copy.hasFingerprint(), UnpooledByteBufAllocator.DEFAULT);
      try {
        assertTrue(ByteBufUtil.equals(first, second), "encoding the decoded copy changed the bytes");
      } finally {
        second.release();
      }
    } finally {
      first.release();
    }
  }

  private static void assertSameContent(StunMessage expected, StunMessage actual) {
    assertEquals(expected.messageClass(), actual.messageClass());
    assertEquals(expected.method(), actual.method());
    assertEquals(expected.transactionId(), actual.transactionId());
    assertEquals(expected.attributes().size(), actual.attributes().size());
    assertEquals(expected.attributes(), actual.attributes());
    assertEquals(expected.unknownComprehensionRequired(), actual.unknownComprehensionRequired());
    assertEquals(expected.hasMessageIntegrity(), actual.hasMessageIntegrity());
    assertEquals(expected.hasFingerprint(), actual.hasFingerprint());
  }

  /** Every getter, as mediasoup's fuzzers do: none may throw, each stays within its range. */
  private static void useEveryGetter(StunMessage message) {
    assertNotNull(message.toString());
    for (Class<? extends StunAttribute> kind : List.of(MappedAddress.class, XorMappedAddress.class,
        Username.class, ErrorCode.class, UnknownAttributes.class, Realm.class, Nonce.class, Software.class,
        Priority.class, UseCandidate.class, IceControlled.class, IceControlling.class, RawAttribute.class)) {
      StunAttribute first = message.attribute(kind);
      assertTrue(first == null || kind.isInstance(first));
    }
    for (StunAttribute attribute : message.attributes()) {
      assertTrue(attribute.type() >= 0 && attribute.type() <= 0xFFFF);
      assertTrue(attribute.valueLength() >= 0 && attribute.valueLength() <= 0xFFFF);
      assertNotNull(attribute.toString());
      if (attribute instanceof ErrorCode error) {
        assertTrue(error.errorClass() >= 3 && error.errorClass() <= 6);
        assertTrue(error.number() >= 0 && error.number() <= 99);
      } else if (attribute instanceof RawAttribute raw) {
        assertEquals(raw.valueLength(), raw.value().length);
        assertEquals(raw.isComprehensionRequired(), message.unknownComprehensionRequired().contains(raw.type()));
      }
    }
  }
}
