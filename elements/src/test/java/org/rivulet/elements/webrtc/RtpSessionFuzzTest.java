package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpSender;

/**
 * Stateful fuzzing of two wired {@link RtpSession}s (RELIABILITY.md 1.1: sequences of
 * valid-looking packets with jumps, as mediasoup fuzzes its SeqManager and retransmission buffer):
 * the graph's packets into {@code a} with any sequence number and timestamp steps, source switches,
 * keyframes or not, audio; {@code a}'s datagrams into {@code b}, some lost, some twice, some
 * reordered; NACKs, reports and keyframe requests both ways; and arbitrary datagrams, protected so
 * that they get past SRTP, into {@code b}. Beyond not throwing: every packet {@code b} hands on
 * parses, the counters never go negative, and every buffer is released (paranoid leak detection).
 *
 * <p>Plain {@code mvn test} replays
 * {@code src/test/resources/org/rivulet/elements/webrtc/RtpSessionFuzzTestInputs/sequences/};
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RtpSessionFuzzTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);
  private static final RtpFormat OPUS = new RtpFormat("opus", 48000, 2);
  private static final byte[] KEY_AB = key(1);
  private static final byte[] KEY_BA = key(101);
  private static final byte[] SALT = new byte[14];

  @FuzzTest(maxDuration = "2m")
  void sequences(FuzzedDataProvider data) {
    Wire w = new Wire();
    try {
      int seq = data.consumeInt(0, 0xffff);
      long ts = data.consumeLong(0, 0xffffffffL);
      int steps = data.consumeInt(1, 200);
      for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
        switch (data.consumeInt(0, 7)) {
          case 0, 1 -> {
            seq = (seq + data.consumeInt(-40_000, 40_000)) & 0xffff;
            ts = (ts + data.consumeInt(-1_000_000, 1_000_000)) & 0xffffffffL;
            int ssrc = 0x1000 + data.consumeInt(0, 3); // a few sources: switches rebase
            w.a.send(MediaType.VIDEO, VP8, video(seq, ts, ssrc, data.consumeBoolean(),
                data.consumeInt(0, 1100)));
          }
          case 2 -> w.a.send(MediaType.AUDIO, OPUS, packet(111, data.consumeInt(0, 0xffff),
              data.consumeLong(0, 0xffffffffL), 0x2000, data.consumeInt(0, 300)));
          case 3 -> w.fate = data.consumeInt(0, 3); // deliver, lose, twice, hold for reordering
          case 4 -> {
            w.b.sendFeedback();
            w.a.sendFeedback();
          }
          case 5 -> {
            w.a.sendReport();
            w.b.sendReport();
          }
          case 6 -> {
            if (data.consumeBoolean()) {
              w.b.requestKeyframe();
            } else {
              w.a.requestKeyframe();
            }
          }
          default -> w.arbitrary(data.consumeBytes(data.consumeInt(0, 1300)));
        }
        w.checkInvariants();
      }
    } finally {
      w.close();
    }
  }

  /** Two sessions, a's output into b (through the current fate) and b's into a. */
  private static final class Wire {
    final List<ByteBuf> held = new ArrayList<>();
    final SrtpSender stranger = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT);
    int fate;
    final RtpSession b = new RtpSession(media(21, 22), ALLOC,
        RtpSession.Output.immediate(d -> this.a.receive(d)), input());
    final RtpSession a = new RtpSession(media(11, 12), ALLOC,
        RtpSession.Output.immediate(this::toB), input());

    Wire() {
      a.secure(new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT),
          new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT));
      b.secure(new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT),
          new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT));
    }

    private void toB(ByteBuf datagram) {
      switch (fate) {
        case 1 -> datagram.release();
        case 2 -> {
          b.receive(datagram.copy());
          b.receive(datagram);
        }
        case 3 -> {
          held.add(datagram);
          if (held.size() > 3) {
            b.receive(held.remove(held.size() - 1)); // the newest first: reordered
          }
        }
        default -> b.receive(datagram);
      }
    }

    /** Arbitrary bytes as a datagram; when they parse as RTP, protected so SRTP lets them in. */
    void arbitrary(byte[] bytes) {
      ByteBuf datagram = ALLOC.heapBuffer(bytes.length + 64).writeBytes(bytes);
      if (RtpPacket.parse(datagram) != null
          && !RtpPacket.isRtcp(datagram, datagram.readerIndex(), datagram.readableBytes())) {
        stranger.protectRtp(datagram);
      }
      b.receive(datagram);
    }

    void checkInvariants() {
      for (RtpSession s : List.of(a, b)) {
        s.drops().values().forEach(n -> assertTrue(n >= 0));
        RtpSession.FeedbackCounters f = s.feedbackCounters();
        assertTrue(f.retransmitted() >= 0 && f.nacksSent() >= 0 && f.retransmissionMisses() >= 0
            && f.retransmissionsOverBudget() >= 0, f.toString());
        assertTrue(s.packetsIn() >= 0 && s.packetsOut() >= 0);
      }
    }

    void close() {
      held.forEach(ByteBuf::release);
      a.close();
      b.close();
    }
  }

  private static RtpSession.Input input() {
    return new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        try {
          assertNotNull(RtpPacket.parse(rtp), "a packet handed on parses");
        } finally {
          rtp.release();
        }
      }

      @Override
      public void keyframeRequested(MediaType kind) {
      }
    };
  }

  /** Audio and video with RTX, as a browser's offer would agree. */
  private static List<NegotiatedMedia> media(long audioSsrc, long videoSsrc) {
    return List.of(
        new NegotiatedMedia("0", "audio", List.of(new Codec(111, "opus", 48000, 2, "", List.of())),
            Direction.SENDRECV, audioSsrc, 0, List.of()),
        new NegotiatedMedia("1", "video", List.of(Codec.of(96, "VP8", 90000),
            Codec.of(97, "rtx", 90000).withParameters("apt=96")), Direction.SENDRECV, videoSsrc,
            videoSsrc + 1, List.of()));
  }

  /** A VP8 packet: its payload descriptor says start of partition, then a keyframe or not. */
  private static ByteBuf video(int seq, long ts, int ssrc, boolean keyframe, int payload) {
    ByteBuf buf = packet(96, seq, ts, ssrc, 0);
    buf.writeByte(0x10).writeByte(keyframe ? 0x00 : 0x01).writeZero(payload);
    return buf;
  }

  private static ByteBuf packet(int pt, int seq, long ts, int ssrc, int payload) {
    ByteBuf buf = ALLOC.heapBuffer(12 + payload + 64);
    buf.writeByte(0x80).writeByte(pt).writeShort(seq).writeInt((int) ts).writeInt(ssrc);
    return buf.writeZero(payload);
  }

  private static byte[] key(int first) {
    byte[] k = new byte[16];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (first + i);
    }
    return k;
  }
}
