package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue between the event loop and Bouncy Castle's blocking receive. */
class QueueDatagramTransportTest {
  private final List<byte[]> sent = new ArrayList<>();
  private final QueueDatagramTransport transport = new QueueDatagramTransport(1200, 4, sent::add);

  @Test
  @Timeout(10)
  void offeredDatagramsAreReceivedInOrder() throws IOException {
    transport.offer(new byte[] {1, 2, 3});
    transport.offer(new byte[] {4});
    byte[] buf = new byte[transport.getReceiveLimit()];

    assertEquals(3, transport.receive(buf, 0, buf.length, 1000));
    assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buf, 3));
    assertEquals(1, transport.receive(buf, 5, buf.length - 5, 1000));
    assertEquals(4, buf[5]);
    assertEquals(0, transport.pending());
  }

  @Test
  @DisplayName("offer(ByteBuf) copies the readable bytes and leaves the buffer to the caller")
  @Timeout(10)
  void byteBufOfferCopiesWithoutTakingOwnership() throws IOException {
    ByteBuf buf = Unpooled.directBuffer(16);
    try {
      buf.writeBytes(new byte[] {9, 9, 7, 8});
      buf.skipBytes(2);
      assertTrue(transport.offer(buf));
      assertEquals(1, buf.refCnt());
      assertEquals(2, buf.readerIndex());
      buf.setByte(2, 0);
    } finally {
      buf.release();
    }
    byte[] out = new byte[10];
    assertEquals(2, transport.receive(out, 0, out.length, 1000));
    assertArrayEquals(new byte[] {7, 8}, Arrays.copyOf(out, 2));
  }

  @Test
  @DisplayName("an empty queue times out with -1")
  @Timeout(10)
  void emptyQueueTimesOut() throws IOException {
    assertEquals(-1, transport.receive(new byte[10], 0, 10, 1));
  }

  @Test
  @DisplayName("beyond the capacity, datagrams are dropped and counted")
  @Timeout(10)
  void fullQueueDropsAndCounts() {
    for (int i = 0; i < 4; i++) {
      assertTrue(transport.offer(new byte[] {(byte) i}));
    }
    assertFalse(transport.offer(new byte[] {4}));
    assertFalse(transport.offer(Unpooled.wrappedBuffer(new byte[] {5})));
    assertEquals(2, transport.dropped());
    assertEquals(4, transport.pending());
  }

  @Test
  @DisplayName("a datagram over the receive limit is dropped, not truncated")
  @Timeout(10)
  void oversizeDatagramIsDropped() {
    assertEquals(QueueDatagramTransport.MIN_RECEIVE_LIMIT, transport.getReceiveLimit());
    assertFalse(transport.offer(new byte[transport.getReceiveLimit() + 1]));
    ByteBuf big = Unpooled.buffer().writeZero(transport.getReceiveLimit() + 1);
    try {
      assertFalse(transport.offer(big));
    } finally {
      big.release();
    }
    assertEquals(2, transport.dropped());
    assertTrue(transport.offer(new byte[transport.getReceiveLimit()]));
  }

  @Test
  @Timeout(10)
  void shortBufferTruncatesAsUdpDoes() throws IOException {
    transport.offer(new byte[] {1, 2, 3, 4});
    byte[] buf = new byte[2];
    assertEquals(2, transport.receive(buf, 0, 2, 1000));
    assertArrayEquals(new byte[] {1, 2}, buf);
  }

  @Test
  @DisplayName("send hands a copy of exactly the slice to the sink")
  @Timeout(10)
  void sendCopiesTheSlice() throws IOException {
    byte[] buf = {0, 1, 2, 3, 0};
    transport.send(buf, 1, 3);
    buf[1] = 42;
    assertEquals(1, sent.size());
    assertArrayEquals(new byte[] {1, 2, 3}, sent.get(0));
    assertEquals(1200, transport.getSendLimit());
  }

  @Test
  @Timeout(10)
  void sendOverTheMtuFails() {
    assertThrows(IOException.class, () -> transport.send(new byte[1201], 0, 1201));
    assertTrue(sent.isEmpty());
  }

  @Test
  @DisplayName("close wakes a receiver blocked without a time limit")
  @Timeout(10)
  void closeWakesABlockedReceiver() throws Exception {
    CompletableFuture<Integer> receiving = CompletableFuture.supplyAsync(() -> {
      try {
        return transport.receive(new byte[10], 0, 10, 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    transport.close();

    ExecutionException e = assertThrows(ExecutionException.class, () -> receiving.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getCause() instanceof IOException, String.valueOf(e.getCause()));
  }

  @Test
  @DisplayName("after close: offers are dropped, sends vanish, receive throws")
  @Timeout(10)
  void closedTransportRefusesEverything() throws IOException {
    transport.offer(new byte[] {1});
    transport.close();
    transport.close();

    assertTrue(transport.isClosed());
    assertEquals(0, transport.pending());
    assertFalse(transport.offer(new byte[] {2}));
    transport.send(new byte[] {3}, 0, 1);
    assertTrue(sent.isEmpty());
    assertThrows(IOException.class, () -> transport.receive(new byte[10], 0, 10, 1));
  }

  @Test
  @DisplayName("an interrupted receiver gets InterruptedIOException and keeps its interrupt flag")
  @Timeout(10)
  void interruptIsReported() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedIOException.class, () -> transport.receive(new byte[10], 0, 10, 1000));
      assertTrue(Thread.interrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  @Timeout(10)
  void largeMtuRaisesBothLimits() {
    QueueDatagramTransport big = new QueueDatagramTransport(9000, 1, d -> { });
    assertEquals(9000, big.getSendLimit());
    assertEquals(9000, big.getReceiveLimit());
    assertThrows(IllegalArgumentException.class, () -> new QueueDatagramTransport(0, 1, d -> { }));
    assertThrows(IllegalArgumentException.class, () -> new QueueDatagramTransport(1200, 0, d -> { }));
  }
}
