package org.rivulet.transport.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FirstByteDemuxHandlerTest {

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40001);

  private final List<DatagramPacket> stun = new ArrayList<>();
  private final List<DatagramPacket> dtls = new ArrayList<>();
  private final List<DatagramPacket> media = new ArrayList<>();
  private DemuxCounters counters;
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    counters = new DemuxCounters();
    channel = new EmbeddedChannel(new FirstByteDemuxHandler(stun::add, dtls::add, media::add, counters));
  }

  @AfterEach
  void tearDown() {
    // The sinks took ownership of what they received: release it, once.
    Stream.of(stun, dtls, media).flatMap(List::stream).forEach(DatagramPacket::release);
    assertFalse(channel.finish(), "the demultiplexer passed something down the pipeline");
  }

  /** RFC 7983 section 7 boundaries, and the values either side of each range. */
  static Stream<Arguments> boundaries() {
    return Stream.of(
        Arguments.of("0: first STUN value", 0, DemuxOutcome.STUN),
        Arguments.of("3: last STUN value", 3, DemuxOutcome.STUN),
        Arguments.of("4: just above STUN", 4, DemuxOutcome.UNKNOWN),
        Arguments.of("15: just below ZRTP", 15, DemuxOutcome.UNKNOWN),
        Arguments.of("16: first ZRTP value", 16, DemuxOutcome.ZRTP),
        Arguments.of("19: last ZRTP value", 19, DemuxOutcome.ZRTP),
        Arguments.of("20: first DTLS value", 20, DemuxOutcome.DTLS),
        Arguments.of("63: last DTLS value", 63, DemuxOutcome.DTLS),
        Arguments.of("64: first TURN channel value", 64, DemuxOutcome.TURN_CHANNEL),
        Arguments.of("79: last TURN channel value", 79, DemuxOutcome.TURN_CHANNEL),
        Arguments.of("80: just above TURN channel", 80, DemuxOutcome.UNKNOWN),
        Arguments.of("127: just below RTP/RTCP", 127, DemuxOutcome.UNKNOWN),
        Arguments.of("128: first RTP/RTCP value", 128, DemuxOutcome.MEDIA),
        Arguments.of("191: last RTP/RTCP value", 191, DemuxOutcome.MEDIA),
        Arguments.of("192: just above RTP/RTCP", 192, DemuxOutcome.UNKNOWN),
        Arguments.of("255: last byte value", 255, DemuxOutcome.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundaries")
  void classifiesByFirstByte(String name, int firstByte, DemuxOutcome expected) {
    DatagramPacket packet = packet(firstByte, 100);
    ByteBuf content = packet.content();

    assertFalse(channel.writeInbound(packet));

    assertEquals(1, counters.get(expected), counters.toString());
    assertEquals(1, counters.forwarded() + counters.dropped());
    List<DatagramPacket> sink = switch (expected) {
      case STUN -> stun;
      case DTLS -> dtls;
      case MEDIA -> media;
      default -> null;
    };
    assertEquals(sink == null ? 0 : 1, stun.size() + dtls.size() + media.size());
    if (sink == null) {
      assertEquals(0, content.refCnt(), "a dropped datagram is released exactly once");
    } else {
      assertSame(packet, sink.get(0), "the sink gets the datagram itself, not a copy");
      assertEquals(1, content.refCnt(), "ownership moved to the sink without a retain");
      assertEquals(0, content.readerIndex(), "the demultiplexer did not consume any byte");
      assertEquals(PEER, sink.get(0).sender());
    }
  }

  @Test
  void dropsAnEmptyDatagram() {
    DatagramPacket packet = new DatagramPacket(PooledByteBufAllocator.DEFAULT.directBuffer(0), LOCAL, PEER);
    channel.writeInbound(packet);
    assertEquals(1, counters.get(DemuxOutcome.EMPTY));
    assertEquals(0, packet.refCnt());
  }

  /** RELIABILITY.md B1.2: one-byte datagrams of every first-byte value reach no sink. */
  @Test
  void dropsOneByteDatagramsOfEveryValue() {
    List<ByteBuf> contents = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      DatagramPacket packet = packet(b, 1);
      contents.add(packet.content());
      channel.writeInbound(packet);
    }
    assertEquals(0, stun.size() + dtls.size() + media.size());
    assertEquals(256, counters.dropped());
    assertEquals(4 + 44 + 64, counters.get(DemuxOutcome.TOO_SHORT)); // STUN, DTLS and media values
    assertEquals(4, counters.get(DemuxOutcome.ZRTP));
    assertEquals(16, counters.get(DemuxOutcome.TURN_CHANNEL));
    assertEquals(256 - 112 - 4 - 16, counters.get(DemuxOutcome.UNKNOWN));
    contents.forEach(c -> assertEquals(0, c.refCnt()));
  }

  static Stream<Arguments> minimumLengths() {
    return Stream.of(
        Arguments.of("STUN needs its 20-byte header", 0x00, FirstByteDemuxHandler.MIN_STUN_LENGTH,
            DemuxOutcome.STUN),
        Arguments.of("DTLS needs its 13-byte record header", 0x16, FirstByteDemuxHandler.MIN_DTLS_LENGTH,
            DemuxOutcome.DTLS),
        Arguments.of("RTP/RTCP needs the 4-byte common header", 0x80,
            FirstByteDemuxHandler.MIN_MEDIA_LENGTH, DemuxOutcome.MEDIA));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("minimumLengths")
  void dropsDatagramsShorterThanTheirHeader(String name, int firstByte, int minimum, DemuxOutcome ok) {
    DatagramPacket tooShort = packet(firstByte, minimum - 1);
    channel.writeInbound(tooShort);
    assertEquals(1, counters.get(DemuxOutcome.TOO_SHORT));
    assertEquals(0, tooShort.refCnt());

    channel.writeInbound(packet(firstByte, minimum));
    assertEquals(1, counters.get(ok));
  }

  @Test
  void dropsOversizeDatagrams() {
    channel.writeInbound(packet(0x80, FirstByteDemuxHandler.DEFAULT_MAX_PACKET_LENGTH));
    assertEquals(1, media.size());

    DatagramPacket jumbo = packet(0x80, FirstByteDemuxHandler.DEFAULT_MAX_PACKET_LENGTH + 1);
    channel.writeInbound(jumbo);
    assertEquals(1, counters.get(DemuxOutcome.OVERSIZE));
    assertEquals(0, jumbo.refCnt());
    assertEquals(1, media.size());
  }

  /** RELIABILITY.md B1.3: the largest UDP payload. */
  @Test
  void dropsTheLargestUdpPayloadUnderACustomLimit() {
    DemuxCounters own = new DemuxCounters();
    EmbeddedChannel ch = new EmbeddedChannel(
        new FirstByteDemuxHandler(stun::add, dtls::add, media::add, own, 1200));
    DatagramPacket max = packet(0x00, 65507);
    ch.writeInbound(max);
    assertEquals(1, own.get(DemuxOutcome.OVERSIZE));
    assertEquals(0, max.refCnt());
    assertFalse(ch.finish());
  }

  @Test
  void classifiesFromTheReaderIndex() {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(40);
    buf.writeByte(0x80).writeZero(3); // skipped bytes that look like RTP
    buf.writeByte(0x01).writeZero(23); // a 24-byte "STUN" datagram from the reader index on
    buf.skipBytes(4);
    channel.writeInbound(new DatagramPacket(buf, LOCAL, PEER));
    assertEquals(1, stun.size());
    assertEquals(0, media.size());
  }

  @Test
  void passesOtherMessagesOn() {
    Object other = "not a datagram";
    assertTrue(channel.writeInbound(other));
    assertSame(other, channel.readInbound());
    assertEquals(0, counters.forwarded() + counters.dropped());
  }

  /** A sink owns the packet even when it throws: the handler must not release it a second time. */
  @Test
  void aThrowingSinkKeepsOwnership() {
    IllegalStateException boom = new IllegalStateException("sink bug");
    EmbeddedChannel ch = new EmbeddedChannel(new FirstByteDemuxHandler(p -> {
      p.release();
      throw boom;
    }, dtls::add, media::add, new DemuxCounters()));
    DatagramPacket packet = packet(0x00, 20);
    assertSame(boom, assertThrows(IllegalStateException.class, () -> ch.writeInbound(packet)));
    assertEquals(0, packet.refCnt());
    assertFalse(ch.finish());
  }

  @Test
  void rejectsBadConstruction() {
    assertThrows(NullPointerException.class,
        () -> new FirstByteDemuxHandler(null, dtls::add, media::add, new DemuxCounters()));
    assertThrows(IllegalArgumentException.class,
        () -> new FirstByteDemuxHandler(stun::add, dtls::add, media::add, new DemuxCounters(), 19));
  }

  @Test
  void countersSumAndPrint() {
    channel.writeInbound(packet(0x00, 20));
    channel.writeInbound(packet(0x80, 20));
    channel.writeInbound(packet(0x80, 20));
    channel.writeInbound(packet(0x10, 20));
    assertEquals(3, counters.forwarded());
    assertEquals(1, counters.dropped());
    assertEquals("{STUN=1, MEDIA=2, ZRTP=1}", counters.toString());
  }

  private static DatagramPacket packet(int firstByte, int length) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length);
    if (length > 0) {
      buf.writeByte(firstByte);
      buf.writeZero(length - 1);
    }
    return new DatagramPacket(buf, LOCAL, PEER);
  }
}
