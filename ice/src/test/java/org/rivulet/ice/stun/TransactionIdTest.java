package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TransactionIdTest {

  private static final byte[] RFC_BYTES = Rfc5769.bytes("b7e7a701 bc34d686 fa87dfae");

  @Test
  void bytesRoundTrip() {
    TransactionId id = TransactionId.of(RFC_BYTES);
    assertEquals(Rfc5769.TRANSACTION_ID, id);
    assertArrayEquals(RFC_BYTES, id.toBytes());
    assertEquals("b7e7a701bc34d686fa87dfae", id.toString());
    byte[] ones = Rfc5769.bytes("ffffffff ffffffff ffffffff");
    assertEquals(new TransactionId(-1, -1L), TransactionId.of(ones));
    assertArrayEquals(ones, new TransactionId(-1, -1L).toBytes());
  }

  @Test
  void readsAndWritesAtAbsoluteIndexes() {
    ByteBuf buf = Unpooled.buffer();
    try {
      buf.writeByte(0x55);
      Rfc5769.TRANSACTION_ID.write(buf);
      assertEquals(13, buf.writerIndex());
      assertEquals(Rfc5769.TRANSACTION_ID, TransactionId.read(buf, 1));
      assertEquals(0, buf.readerIndex());
    } finally {
      buf.release();
    }
  }

  @Test
  void mustBeTwelveBytes() {
    assertThrows(IllegalArgumentException.class, () -> TransactionId.of(new byte[11]));
    assertThrows(IllegalArgumentException.class, () -> TransactionId.of(new byte[13]));
    assertThrows(NullPointerException.class, () -> TransactionId.of(null));
  }

  @Test
  void randomDrawsFromTheGivenGenerator() throws NoSuchAlgorithmException {
    // SHA1PRNG seeded before first use repeats its output, so the id depends only on the generator.
    assertEquals(TransactionId.random(seeded(42)), TransactionId.random(seeded(42)));
    assertNotEquals(TransactionId.random(seeded(42)), TransactionId.random(seeded(43)));
    SecureRandom random = new SecureRandom();
    assertNotEquals(TransactionId.random(random), TransactionId.random(random));
  }

  private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }
}
