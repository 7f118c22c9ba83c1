package org.rivulet.loadgen.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.webrtc.WebRtcPeer;

/**
 * The publisher's media: replays a recording through a {@link WebRtcPeer} at the pace of its
 * times (the media clock, see {@link RecordRtp}), looping forever, each packet stamped with a
 * {@link LatencyTrailer}. Sequence numbers and timestamps run on across loops, as one endless
 * stream would.
 *
 * <p>A 1 ms tick on the publisher's own event loop sends every packet that is due: a burst (a
 * keyframe) goes out back to back as the encoder made it, or as a browser's pacer would let it
 * ({@link LibwebrtcPacer}). Single-threaded: that loop.
 */
final class Replayer implements AutoCloseable {
  static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);
  static final RtpFormat OPUS = new RtpFormat("opus", 48000, 2);
  /** Silence between the end of the recording and its next loop: about one video frame. */
  private static final long LOOP_GAP_MICROS = 33_333;

  private final List<RtpRecording.Packet> packets;
  private final WebRtcPeer peer;
  private final EventLoop loop;
  private final Measurement measurement;
  private final ByteBufAllocator alloc;
  private final long loopMicros;
  private final Stream audio;
  private final Stream video;
  /** Null: every packet leaves when due, as the recording's encoder emitted them. */
  private final LibwebrtcPacer pacer;
  private final ArrayDeque<Due> dueAudio = new ArrayDeque<>();
  private final ArrayDeque<Due> dueVideo = new ArrayDeque<>();
  private ScheduledFuture<?> tick;
  private long startNanos;
  private long loops;
  private int next;
  private boolean draining;
  private boolean closed;

  /** Sequence and timestamp continuation of one kind. */
  private static final class Stream {
    final long firstTimestamp;
    final long timestampPerLoop;
    int sequence;

    Stream(long firstTimestamp, long timestampPerLoop) {
      this.firstTimestamp = firstTimestamp;
      this.timestampPerLoop = timestampPerLoop;
    }
  }

  Replayer(RtpRecording recording, WebRtcPeer peer, EventLoop loop, Measurement measurement,
      ByteBufAllocator alloc, LibwebrtcPacer pacer) {
    this.pacer = pacer;
    this.packets = recording.packets().stream().map(Replayer::withoutPadding).toList();
    this.peer = peer;
    this.loop = loop;
    this.measurement = measurement;
    this.alloc = alloc;
    this.loopMicros = recording.durationMicros() + LOOP_GAP_MICROS;
    this.audio = stream(RtpRecording.AUDIO, OPUS.clockRate());
    this.video = stream(RtpRecording.VIDEO, VP8.clockRate());
  }

  private Stream stream(byte kind, int clockRate) {
    long first = packets.stream().filter(p -> p.kind() == kind).findFirst()
        .map(RtpRecording.Packet::timestamp).orElse(0L);
    return new Stream(first, loopMicros * clockRate / 1_000_000);
  }

  /** The trailer must end the payload, so padding (RFC 3550 5.1, P bit) goes. */
  private static RtpRecording.Packet withoutPadding(RtpRecording.Packet p) {
    byte[] rtp = p.rtp();
    if ((rtp[0] & 0x20) == 0) {
      return p;
    }
    int padding = rtp[rtp.length - 1] & 0xff;
    byte[] stripped = Arrays.copyOf(rtp, rtp.length - padding);
    stripped[0] &= ~0x20;
    return new RtpRecording.Packet(p.kind(), p.micros(), stripped);
  }

  void start() {
    loop.execute(() -> {
      startNanos = System.nanoTime();
      tick = loop.scheduleAtFixedRate(this::sendDue, 0, 1, TimeUnit.MILLISECONDS);
    });
  }

  /** The tick: starts a drain of the packets due unless one is running. */
  private void sendDue() {
    if (!draining) {
      draining = true;
      drain();
    }
  }

  /**
   * Sends one packet and comes back as a new task. {@link WebRtcPeer#send} queues the actual
   * protect-and-send behind the current task, so sending a whole burst from one task would stamp
   * every packet before the first went out; one packet per task stamps each just before its own.
   * Due packets wait in two queues: audio leaves first and at once, video when the pacer (if any)
   * lets it.
   */
  private void drain() {
    long now = System.nanoTime();
    long elapsedMicros = (now - startNanos) / 1000;
    while (!closed && loops * loopMicros + packets.get(next).micros() <= elapsedMicros) {
      RtpRecording.Packet p = packets.get(next);
      (p.kind() == RtpRecording.VIDEO ? dueVideo : dueAudio).add(new Due(p, loops));
      if (++next == packets.size()) {
        next = 0;
        loops++;
      }
    }
    Due due = dueAudio.poll();
    if (due == null && !dueVideo.isEmpty()
        && (pacer == null || pacer.trySend(dueVideo.peek().packet().rtp().length, now))) {
      due = dueVideo.poll();
    }
    if (closed || due == null) {
      draining = false;
      return;
    }
    send(due);
    loop.execute(this::drain);
  }

  /** A packet of the recording that is due, in loop {@code loop} of the recording. */
  private record Due(RtpRecording.Packet packet, long loop) {
  }

  private void send(Due due) {
    RtpRecording.Packet p = due.packet();
    boolean isVideo = p.kind() == RtpRecording.VIDEO;
    Stream s = isVideo ? video : audio;
    ByteBuf buf = alloc.heapBuffer(p.rtp().length + LatencyTrailer.LENGTH);
    buf.writeBytes(p.rtp());
    long timestamp = p.timestamp() - s.firstTimestamp + due.loop() * s.timestampPerLoop;
    buf.setShort(2, s.sequence++);
    buf.setInt(4, (int) timestamp);
    measurement.sent(LatencyTrailer.append(buf));
    // Ownership moves to the peer, which releases the buffer once it has protected a copy.
    peer.send(isVideo ? MediaType.VIDEO : MediaType.AUDIO, isVideo ? VP8 : OPUS, buf);
  }


  @Override
  public void close() {
    loop.execute(() -> {
      closed = true;
      if (tick != null) {
        tick.cancel(false);
      }
    });
  }
}
