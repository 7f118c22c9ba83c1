package org.rivulet.bench.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;

/**
 * SRTP protect and unprotect of one 1200-byte RTP packet (12-byte header, 1188-byte payload), in place on
 * a pooled heap {@code ByteBuf}, through the public {@link SrtpSender} and {@link SrtpReceiver}: the full
 * path with header parsing, SSRC lookup, rollover counter and replay window, not the bare cipher.
 * {@code benchmarks/src/main/c/srtp_bench.c} measures libsrtp the same way; {@code run-srtp-benchmarks.sh}
 * runs both and prints the ratios.
 *
 * <h2>Every packet gets a new index</h2>
 * Neither side accepts an index twice: the sender refuses to reuse keystream and the receiver refuses
 * replays, both before any crypto, so a benchmark that repeats one packet measures the refusal. Patching
 * the sequence number of one protected template does not help either: the tag covers the header, so the
 * receiver would measure a failed authentication. Hence:
 * <ul>
 *   <li>{@link #protect}: one buffer holding a plaintext packet; each operation resets its indices,
 *       writes the next sequence number and protects in place. Re-encrypting the previous ciphertext
 *       costs exactly what encrypting plaintext does. The sender sees sequence numbers 0, 1, 2, ... and
 *       wraps them with its rollover counter, so the index never repeats (2^48 packets per key).</li>
 *   <li>{@link #unprotect}: a ring of {@value #RING} packets, each protected by a sender under the same
 *       master key with the next sequence number, in {@code @Setup(Level.Invocation)} (outside the
 *       measured region). One invocation unprotects the whole ring in order and counts as {@value #RING}
 *       operations ({@code @OperationsPerInvocation}); the next setup re-protects the decrypted packets
 *       with the following sequence numbers. One receiver lives for the whole trial, so it sees one
 *       stream with strictly increasing indices, as from a peer, and its rollover counter and replay
 *       window do their real work; no per-iteration receiver means no key derivation in the
 *       measurement. An invocation lasts 150-300 us, so JMH's per-invocation timestamps (tens of ns)
 *       cost under 0.1%. The ring (about 300 KB) fits in the core's 1 MB L2 cache, as a datagram just
 *       copied from the socket would be.</li>
 * </ul>
 * Both check their result: a teardown fails the run if any packet was refused, so a figure is never that
 * of an error path.
 *
 * <h2>Allocation</h2>
 * Run with {@code -prof gc}. {@code protect}'s {@code gc.alloc.rate.norm} is the sender's bytes per
 * packet. {@code unprotect}'s includes the setup's re-protection of the ring (JMH's allocation counter
 * covers the whole iteration), so the receiver's own figure is at most {@code unprotect} minus
 * {@code protect}.
 *
 * <p>Run: {@code java -jar benchmarks/target/rivulet-benchmarks.jar SrtpBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SrtpBenchmark {

  /** Whole RTP packet, header included, before protection. */
  static final int PACKET_LENGTH = 1200;
  /** The fixed RTP header: no CSRCs, no extension. */
  static final int HEADER_LENGTH = 12;
  /** Packets unprotected per invocation. */
  static final int RING = 256;
  /** Room for the largest tag (GCM's 16 bytes). */
  static final int CAPACITY = PACKET_LENGTH + 16;

  static final int SSRC = 0x1234_5678;
  static final int PAYLOAD_TYPE = 96;

  /** The suite under test. Read by the states through {@link BenchmarkParams}. */
  @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
  public SrtpProfile profile;

  /** A fixed master key and salt of the profile's lengths (any bytes do; these are a counter). */
  static byte[] masterKey(SrtpProfile profile) {
    return counting(profile.masterKeyLength(), 1);
  }

  static byte[] masterSalt(SrtpProfile profile) {
    return counting(profile.masterSaltLength(), 101);
  }

  private static byte[] counting(int length, int first) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static SrtpProfile profile(BenchmarkParams params) {
    return SrtpProfile.valueOf(params.getParam("profile"));
  }

  /** A pooled heap buffer with room for the tag, holding a plaintext RTP packet with sequence 0. */
  static ByteBuf plainPacket() {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(CAPACITY, CAPACITY);
    buf.writeByte(0x80); // V=2, no padding, no extension, no CSRC
    buf.writeByte(PAYLOAD_TYPE);
    buf.writeShort(0); // sequence number, set per packet
    buf.writeInt(0x0102_0304); // timestamp
    buf.writeInt(SSRC);
    for (int i = HEADER_LENGTH; i < PACKET_LENGTH; i++) {
      buf.writeByte(i * 31);
    }
    return buf;
  }

  static void check(String what, long passed, long dropped, Object counters) {
    if (dropped != 0 || passed == 0) {
      throw new IllegalStateException(what + " refused packets or did none: " + counters);
    }
  }

  /** One sender and one buffer, protected again and again with the next sequence number. */
  @State(Scope.Thread)
  public static class ProtectState {
    SrtpSender sender;
    ByteBuf packet;
    int seq;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
      SrtpProfile profile = profile(params);
      sender = new SrtpSender(profile, masterKey(profile), masterSalt(profile));
      packet = plainPacket();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      packet.release();
      check("sender", sender.rtpCounters().passed(), sender.rtpCounters().dropped(),
          sender.rtpCounters());
    }
  }

  /**
   * A ring of packets protected, outside the measurement, with consecutive sequence numbers that carry
   * on from one invocation to the next; one receiver for the whole trial.
   */
  @State(Scope.Thread)
  public static class UnprotectState {
    SrtpSender sender;
    SrtpReceiver receiver;
    final ByteBuf[] ring = new ByteBuf[RING];
    int seq;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
      SrtpProfile profile = profile(params);
      sender = new SrtpSender(profile, masterKey(profile), masterSalt(profile));
      receiver = new SrtpReceiver(profile, masterKey(profile), masterSalt(profile));
      for (int i = 0; i < RING; i++) {
        ring[i] = plainPacket();
      }
    }

    /** Re-protects every packet of the ring (plaintext after the previous invocation). */
    @Setup(Level.Invocation)
    public void protectRing() {
      for (ByteBuf packet : ring) {
        packet.setIndex(0, PACKET_LENGTH);
        packet.setShort(2, seq++);
        if (sender.protectRtp(packet) != SrtpResult.OK) {
          throw new IllegalStateException("setup could not protect: " + sender.rtpCounters());
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (ByteBuf packet : ring) {
        packet.release();
      }
      check("receiver", receiver.rtpCounters().passed(), receiver.rtpCounters().dropped(),
          receiver.rtpCounters());
    }
  }

  @Benchmark
  public void protect(ProtectState s, Blackhole bh) {
    ByteBuf packet = s.packet;
    packet.setIndex(0, PACKET_LENGTH);
    packet.setShort(2, s.seq++);
    bh.consume(s.sender.protectRtp(packet));
  }

  @Benchmark
  @OperationsPerInvocation(RING)
  public void unprotect(UnprotectState s, Blackhole bh) {
    SrtpReceiver receiver = s.receiver;
    for (ByteBuf packet : s.ring) {
      bh.consume(receiver.unprotectRtp(packet));
    }
  }
}
