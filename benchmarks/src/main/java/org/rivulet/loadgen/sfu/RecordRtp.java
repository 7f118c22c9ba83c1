package org.rivulet.loadgen.sfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the stream the SFU benchmark replays: Debian's ffmpeg encodes a test pattern (VP8, about
 * 1.5 Mbit/s, 720p30, a keyframe every 2 s unless told otherwise) and a sine tone (Opus) in real
 * time and sends them as RTP to 127.0.0.1, where this tool receives them and writes an {@link
 * RtpRecording} with each packet at its media time (see {@link #onMediaClock}).
 *
 * <p>Usage: {@code java -cp rivulet-benchmarks.jar org.rivulet.loadgen.sfu.RecordRtp <file>
 * [seconds] [first-port] [keyframe-seconds]}. Four fixed ports from {@code first-port} (default
 * 5004, outside Linux's ephemeral range): video RTP, video RTCP, audio RTP, audio RTCP. ffmpeg
 * sends its RTCP sender reports to the odd ports; they are bound so the reports land somewhere, and
 * not recorded.
 */
public final class RecordRtp {
  /** At most this long for a packet: ffmpeg is told to stay under it (1192 + 8-byte trailer). */
  static final int PACKET_SIZE = 1192;

  private RecordRtp() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RecordRtp <file> [seconds] [first-port] [keyframe-seconds]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 5004;
    int keyframeSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    RtpRecording recording = record(seconds, port, keyframeSeconds);
    recording.write(file);
    System.out.println("RecordRtp: " + file + ": " + recording.describe());
  }

  static RtpRecording record(int seconds, int port, int keyframeSeconds)
      throws IOException, InterruptedException {
    List<DatagramChannel> sockets = new ArrayList<>();
    List<RtpRecording.Packet> packets = new ArrayList<>();
    long start = System.nanoTime();
    Thread video;
    Thread audio;
    try {
      for (int i = 0; i < 4; i++) {
        sockets.add(DatagramChannel.open(StandardProtocolFamily.INET)
            .bind(new InetSocketAddress("127.0.0.1", port + i)));
      }
      // Both RTP sockets share one time base, set before ffmpeg starts.
      video = receiver(sockets.get(0), RtpRecording.VIDEO, start, packets);
      audio = receiver(sockets.get(2), RtpRecording.AUDIO, start, packets);
      Process ffmpeg = new ProcessBuilder(ffmpegCommand(seconds, port, keyframeSeconds))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD) // the SDP it prints
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!ffmpeg.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
        throw new IOException("ffmpeg did not finish in " + (seconds + 60) + " s");
      }
      if (ffmpeg.exitValue() != 0) {
        throw new IOException("ffmpeg failed with exit code " + ffmpeg.exitValue());
      }
      Thread.sleep(200); // the last datagrams
    } finally {
      for (DatagramChannel s : sockets) {
        s.close(); // ends the receivers
      }
    }
    video.join();
    audio.join();
    synchronized (packets) {
      return onMediaClock(packets);
    }
  }

  /**
   * The recording with each packet at its media time: the first arrival of its stream plus its
   * RTP timestamp's distance from that stream's first, so the packets of a video frame go
   * together. Raw arrival times would carry the encoder's stalls and catch-up bursts whenever the
   * machine could not encode in real time (a first recording on a busy machine spanned 22.1 s for
   * 20 s of media).
   */
  static RtpRecording onMediaClock(List<RtpRecording.Packet> arrived) {
    List<RtpRecording.Packet> timed = new ArrayList<>(arrived.size());
    long worstLag = 0;
    for (byte kind : new byte[] {RtpRecording.AUDIO, RtpRecording.VIDEO}) {
      int clockRate = kind == RtpRecording.VIDEO ? 90000 : 48000;
      List<RtpRecording.Packet> stream = arrived.stream().filter(p -> p.kind() == kind)
          .sorted(Comparator.comparingLong(RtpRecording.Packet::micros)).toList();
      if (stream.isEmpty()) {
        throw new IllegalStateException("ffmpeg sent no " + (kind == RtpRecording.VIDEO
            ? "video" : "audio"));
      }
      long firstArrival = stream.get(0).micros();
      long previous = stream.get(0).timestamp();
      long unwrapped = 0;
      for (RtpRecording.Packet p : stream) {
        long ts = p.timestamp();
        unwrapped += (int) (ts - previous); // signed 32-bit step
        previous = ts;
        long micros = firstArrival + unwrapped * 1_000_000 / clockRate;
        worstLag = Math.max(worstLag, p.micros() - micros);
        timed.add(new RtpRecording.Packet(kind, micros, p.rtp()));
      }
    }
    System.out.printf("RecordRtp: arrivals lagged the media clock by up to %.0f ms%n",
        worstLag / 1000.0);
    timed.sort(Comparator.comparingLong(RtpRecording.Packet::micros)); // stable: keeps RTP order
    long first = timed.get(0).micros();
    List<RtpRecording.Packet> relative = new ArrayList<>(timed.size());
    for (RtpRecording.Packet p : timed) {
      relative.add(new RtpRecording.Packet(p.kind(), p.micros() - first, p.rtp()));
    }
    return new RtpRecording(relative);
  }


  /**
   * @param keyframeSeconds the keyframe interval: 2 by default, since the server holds a new
   *     subscriber's video until a keyframe and the synthetic publisher cannot make one on request;
   *     longer (as long as the recording: one keyframe per loop) to see the fan-out without them,
   *     as with a browser, which sends one only when asked
   */
  static List<String> ffmpegCommand(int seconds, int port, int keyframeSeconds) {
    String t = Integer.toString(seconds);
    String rtp = "?pkt_size=" + PACKET_SIZE;
    return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
        "-re", "-t", t, "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
        "-re", "-t", t, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        // minrate = maxrate = bitrate makes libvpx run CBR: a steady 1.5 Mbit/s.
        "-map", "0:v", "-c:v", "libvpx", "-b:v", "1500k", "-minrate", "1500k", "-maxrate", "1500k",
        "-bufsize", "1500k", "-deadline", "realtime", "-cpu-used", "8",
        "-g", Integer.toString(30 * keyframeSeconds),
        // A keyframe every keyframeSeconds whatever the rate control does.
        "-force_key_frames", "expr:gte(t,n_forced*" + keyframeSeconds + ")",
        "-error-resilient", "1", "-auto-alt-ref", "0", "-lag-in-frames", "0",
        "-payload_type", "96", "-f", "rtp", "rtp://127.0.0.1:" + port + rtp,
        "-map", "1:a", "-c:a", "libopus", "-b:a", "64k", "-ac", "2", "-frame_duration", "20",
        "-payload_type", "111", "-f", "rtp", "rtp://127.0.0.1:" + (port + 2) + rtp);
  }

  /** Receives RTP on {@code socket} until it is closed; RTCP that strays here is skipped. */
  private static Thread receiver(DatagramChannel socket, byte kind, long start,
      List<RtpRecording.Packet> into) {
    Thread t = new Thread(() -> {
      ByteBuffer buf = ByteBuffer.allocate(65536);
      try {
        while (true) {
          buf.clear();
          socket.receive(buf);
          long micros = (System.nanoTime() - start) / 1000;
          buf.flip();
          int pt = buf.remaining() >= 12 ? buf.get(1) & 0x7f : -1;
          if (pt != 96 && pt != 111) {
            continue;
          }
          byte[] rtp = new byte[buf.remaining()];
          buf.get(rtp);
          synchronized (into) {
            into.add(new RtpRecording.Packet(kind, micros, rtp));
          }
        }
      } catch (AsynchronousCloseException e) {
        // closed at the end of the recording
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "record-" + (kind == RtpRecording.VIDEO ? "video" : "audio"));
    t.start();
    return t;
  }
}
