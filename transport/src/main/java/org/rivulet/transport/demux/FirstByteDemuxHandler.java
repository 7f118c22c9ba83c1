package org.rivulet.transport.demux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.util.Objects;

/**
 * Sorts inbound datagrams by their first byte (RFC 7983 section 7, updated by RFC 9443; see
 * {@link PacketKind}) and hands each to the sink for its protocol; drops and counts the rest.
 *
 * <pre>
 *   DatagramPacket --&gt; empty?            --&gt; drop EMPTY
 *                  --&gt; longer than max?  --&gt; drop OVERSIZE
 *                  --&gt; first byte:
 *                        0..3     STUN  --&gt; (&gt;= 20 bytes?)  StunSink.onStun   | drop TOO_SHORT
 *                        20..63   DTLS  --&gt; (&gt;= 13 bytes?)  DtlsSink.onDtls   | drop TOO_SHORT
 *                        128..191 media --&gt; (&gt;=  4 bytes?)  MediaSink.onMedia | drop TOO_SHORT
 *                        16..19   ZRTP  --&gt; drop ZRTP
 *                        64..79   TURN  --&gt; drop TURN_CHANNEL
 *                        other          --&gt; drop UNKNOWN
 * </pre>
 *
 * <p>Ownership: the handler takes ownership of every {@link DatagramPacket} it reads. It either moves the
 * packet to exactly one sink (which then releases it) or releases it itself, once, after counting the
 * reason in {@link DemuxCounters}. Messages of any other type pass along the pipeline untouched.
 *
 * <p>UDP and ICE-TCP look alike here: the ICE-TCP pipeline turns each RFC 4571 frame into a
 * {@code DatagramPacket} whose sender is the TCP peer (see
 * {@link org.rivulet.transport.tcp.FramedDatagramHandler}), so the sinks, and the layers above them, read
 * and answer {@code DatagramPacket}s on both transports.
 *
 * <p>The per-kind minimum lengths are the fixed headers of each protocol, checked here once so that no
 * parser behind a sink ever sees a one-byte stub (RELIABILITY.md B1.2). The maximum (1500 bytes by
 * default, as Janus caps datagrams) keeps jumbo datagrams away from every copy and parser (B1.3); keep it
 * below the channel's receive buffer size so a truncated datagram still counts as oversize (see
 * {@code UdpSocketOptions.receivePacketSize}).
 *
 * <p>Pitfalls:
 * <ul>
 *   <li>Not {@code @Sharable}: the counters are confined to one event loop. Create one handler per channel
 *       (several handlers may share one {@code DemuxCounters} if their channels share the loop).
 *   <li>A sink owns the packet from the moment it is called, even if it throws; the exception then goes to
 *       {@code exceptionCaught} further down the pipeline, and the packet must not be released here.
 *   <li>Reads are absolute ({@code getUnsignedByte(readerIndex())}): the reader index is left as it came,
 *       so the sink sees the whole datagram.
 * </ul>
 */
public final class FirstByteDemuxHandler extends ChannelInboundHandlerAdapter {

  /** The default maximum datagram length, as Janus caps it (RELIABILITY.md B1.3). */
  public static final int DEFAULT_MAX_PACKET_LENGTH = 1500;

  /** RFC 8489 section 5: the STUN header is 20 bytes. */
  static final int MIN_STUN_LENGTH = 20;
  /** RFC 6347 section 4.1: the DTLS record header is 13 bytes. */
  static final int MIN_DTLS_LENGTH = 13;
  /**
   * RFC 3550 section 6.4.1: the common RTCP header is 4 bytes (a BYE with no SSRC is that short);
   * an RTP header is longer (12 bytes, section 5.1) and the RTP parser checks that.
   */
  static final int MIN_MEDIA_LENGTH = 4;

  private static final String TO_STUN = "FirstByteDemuxHandler -> StunSink";
  private static final String TO_DTLS = "FirstByteDemuxHandler -> DtlsSink";
  private static final String TO_MEDIA = "FirstByteDemuxHandler -> MediaSink";

  private final StunSink stunSink;
  private final DtlsSink dtlsSink;
  private final MediaSink mediaSink;
  private final DemuxCounters counters;
  private final int maxPacketLength;

  /**
   * A demultiplexer with the default maximum of {@value #DEFAULT_MAX_PACKET_LENGTH} bytes.
   *
   * @param counters where outcomes are counted; confined to this channel's event loop
   */
  public FirstByteDemuxHandler(StunSink stunSink, DtlsSink dtlsSink, MediaSink mediaSink,
      DemuxCounters counters) {
    this(stunSink, dtlsSink, mediaSink, counters, DEFAULT_MAX_PACKET_LENGTH);
  }

  /**
   * A demultiplexer that drops datagrams longer than {@code maxPacketLength} bytes.
   *
   * @param counters where outcomes are counted; confined to this channel's event loop
   * @param maxPacketLength the largest datagram passed to a sink; at least 20 (a STUN header)
   */
  public FirstByteDemuxHandler(StunSink stunSink, DtlsSink dtlsSink, MediaSink mediaSink,
      DemuxCounters counters, int maxPacketLength) {
    this.stunSink = Objects.requireNonNull(stunSink, "stunSink");
    this.dtlsSink = Objects.requireNonNull(dtlsSink, "dtlsSink");
    this.mediaSink = Objects.requireNonNull(mediaSink, "mediaSink");
    this.counters = Objects.requireNonNull(counters, "counters");
    if (maxPacketLength < MIN_STUN_LENGTH) {
      throw new IllegalArgumentException("maxPacketLength " + maxPacketLength + " < " + MIN_STUN_LENGTH);
    }
    this.maxPacketLength = maxPacketLength;
  }

  /** The counters this handler writes. */
  public DemuxCounters counters() {
    return counters;
  }

  /** The largest datagram this handler passes to a sink. */
  public int maxPacketLength() {
    return maxPacketLength;
  }

  /**
   * Takes ownership of a {@link DatagramPacket} and forwards or drops it; passes other messages on.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      demultiplex(packet);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void demultiplex(DatagramPacket packet) {
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    if (length == 0) {
      drop(DemuxOutcome.EMPTY, packet);
      return;
    }
    if (length > maxPacketLength) {
      drop(DemuxOutcome.OVERSIZE, packet);
      return;
    }
    switch (PacketKind.of(content)) {
      case STUN -> {
        if (length < MIN_STUN_LENGTH) {
          drop(DemuxOutcome.TOO_SHORT, packet);
        } else {
          counters.count(DemuxOutcome.STUN);
          stunSink.onStun(packet.touch(TO_STUN));
        }
      }
      case DTLS -> {
        if (length < MIN_DTLS_LENGTH) {
          drop(DemuxOutcome.TOO_SHORT, packet);
        } else {
          counters.count(DemuxOutcome.DTLS);
          dtlsSink.onDtls(packet.touch(TO_DTLS));
        }
      }
      case RTP_OR_RTCP -> {
        if (length < MIN_MEDIA_LENGTH) {
          drop(DemuxOutcome.TOO_SHORT, packet);
        } else {
          counters.count(DemuxOutcome.MEDIA);
          mediaSink.onMedia(packet.touch(TO_MEDIA));
        }
      }
      case ZRTP -> drop(DemuxOutcome.ZRTP, packet);
      case TURN_CHANNEL -> drop(DemuxOutcome.TURN_CHANNEL, packet);
      case UNKNOWN -> drop(DemuxOutcome.UNKNOWN, packet);
      default -> throw new AssertionError("unhandled packet kind");
    }
  }

  /** The one place a datagram is dropped: count the reason, release the packet once. */
  private void drop(DemuxOutcome reason, DatagramPacket packet) {
    counters.count(reason);
    packet.release();
  }
}
