package org.rivulet.bench.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.webrtc.NegotiatedMedia;
import org.rivulet.elements.webrtc.RtpSession;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpSender;
import org.rivulet.transport.udp.DeferredDatagram;

/**
 * The server's own work per packet and viewer in a fan-out, without sockets: one video frame of
 * {@value #PACKETS} 1200-byte VP8 packets handed to {@value #VIEWERS} {@link RtpSession}s, each with
 * its own AES-GCM SRTP sender, then every datagram made as the transport's batcher makes it at the
 * end of a loop pass (keyframe gate, copy, header rewrite, abs-send-time, protect, send history,
 * stats). Handing over (one queued datagram per packet and viewer) and making are what the SFU
 * benchmark's fan-out costs on top of the kernel's sends; with that many viewers each one's state
 * is cold in the cache by its turn, as in the server. Reports ns per packet and viewer.
 *
 * <p>What it leaves out: the element graph's hop per sink ({@code MediaFlow}, input latency) and
 * Netty's write of the made datagrams. Run:
 * {@code java -jar benchmarks/target/rivulet-benchmarks.jar FanOutBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FanOutBenchmark {
  static final int PACKET_LENGTH = 1200;
  static final int VP8_PT = 96;
  static final int ABS_SEND_TIME_ID = 3;
  static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);

  /** Viewers, as in the SFU benchmark's N = 100. */
  static final int VIEWERS = 100;
  /** Packets of the frame: about a keyframe at 1.5 Mbit/s. */
  static final int PACKETS = 25;

  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final List<RtpSession> sessions = new ArrayList<>();
  private final List<DeferredDatagram> queued = new ArrayList<>();
  private ByteBuf[] frame;
  private int sequence;
  private long timestamp;
  private long made;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < VIEWERS; i++) {
      NegotiatedMedia video = new NegotiatedMedia("0", "video",
          List.of(Codec.of(VP8_PT, "VP8", 90000)), Direction.SENDONLY, 1000 + i, 0, List.of(), 0,
          ABS_SEND_TIME_ID, Map.of());
      RtpSession s = new RtpSession(List.of(video), alloc, queued::add, new RtpSession.Input() {
        @Override
        public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
          rtp.release();
        }

        @Override
        public void keyframeRequested(MediaType kind) {
        }
      });
      SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
      s.secure(new SrtpSender(gcm, bytes(random, gcm.masterKeyLength()),
              bytes(random, gcm.masterSaltLength())),
          new SrtpReceiver(gcm, bytes(random, gcm.masterKeyLength()),
              bytes(random, gcm.masterSaltLength())));
      sessions.add(s);
    }
    frame = new ByteBuf[PACKETS];
    for (int p = 0; p < PACKETS; p++) {
      ByteBuf b = alloc.directBuffer(PACKET_LENGTH);
      b.writeByte(0x80).writeByte(VP8_PT).writeShort(0).writeInt(0).writeInt(0x5EED);
      // VP8 payload descriptor: S=1 on the first packet, whose payload header says keyframe.
      b.writeByte(p == 0 ? 0x10 : 0x00).writeByte(0x00);
      byte[] payload = bytes(random, PACKET_LENGTH - b.readableBytes());
      b.writeBytes(payload);
      frame[p] = b;
    }
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /** One frame to every viewer: routing packet by packet, then the datagrams made viewer by viewer. */
  @Benchmark
  @OperationsPerInvocation(PACKETS * VIEWERS)
  public long fanOut() {
    timestamp += 3000;
    for (ByteBuf packet : frame) {
      packet.setShort(2, sequence++ & 0xffff);
      packet.setInt(4, (int) timestamp);
      for (RtpSession s : sessions) {
        s.send(MediaType.VIDEO, VP8, packet.retain()); // as MediaElement.emitRtp hands it on
      }
    }
    // The batcher makes each channel's datagrams together; here they are queued packet-major, so
    // take them viewer by viewer as it would.
    int n = sessions.size();
    for (int v = 0; v < n; v++) {
      for (int p = v; p < queued.size(); p += n) {
        make(queued.get(p));
      }
    }
    queued.clear();
    return made;
  }

  /** Makes a queued datagram, as the batcher would, and counts it in place of sending it. */
  private void make(DeferredDatagram queuedDatagram) {
    ByteBuf d = queuedDatagram.build();
    if (d != null) {
      made += d.readableBytes();
      d.release();
    }
  }

  /**
   * One packet to every viewer, each made right after it is handed over, as an audio packet or a
   * one-packet frame is: every viewer's state (session, stream, SRTP context, cipher, buffers) is
   * cold by its turn, which is what a viewer's only packet costs in the server.
   */
  @Benchmark
  @OperationsPerInvocation(VIEWERS)
  public long singlePacket() {
    timestamp += 3000;
    ByteBuf packet = frame[0];
    packet.setShort(2, sequence++ & 0xffff);
    packet.setInt(4, (int) timestamp);
    for (RtpSession s : sessions) {
      s.send(MediaType.VIDEO, VP8, packet.retain());
    }
    queued.forEach(this::make);
    queued.clear();
    return made;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sessions.forEach(RtpSession::close);
    for (ByteBuf b : frame) {
      b.release();
    }
    if (made == 0) {
      throw new IllegalStateException("no datagram was made");
    }
  }
}
