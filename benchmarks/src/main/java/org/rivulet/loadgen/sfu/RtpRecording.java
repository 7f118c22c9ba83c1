package org.rivulet.loadgen.sfu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recorded RTP stream: packets in arrival order with their arrival time relative to the first.
 *
 * <p>File format (big-endian): the magic {@code "RVRTP1\n"}, then per packet the kind byte
 * ({@link #AUDIO} or {@link #VIDEO}), the arrival time in microseconds (long), the length (unsigned
 * short) and the RTP packet's bytes. No count in front, so a recorder can stream it.
 */
public final class RtpRecording {
  public static final byte AUDIO = 0;
  public static final byte VIDEO = 1;
  private static final byte[] MAGIC = "RVRTP1\n".getBytes(StandardCharsets.US_ASCII);

  /** One packet: {@code kind}, {@code micros} after the first packet, the RTP bytes. */
  public record Packet(byte kind, long micros, byte[] rtp) {
    /** The RTP timestamp, unsigned. */
    public long timestamp() {
      return ((rtp[4] & 0xffL) << 24) | ((rtp[5] & 0xff) << 16) | ((rtp[6] & 0xff) << 8)
          | (rtp[7] & 0xff);
    }
  }

  private final List<Packet> packets;

  public RtpRecording(List<Packet> packets) {
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("empty recording");
    }
    this.packets = List.copyOf(packets);
  }

  public List<Packet> packets() {
    return packets;
  }

  /** Arrival time of the last packet, in microseconds. */
  public long durationMicros() {
    return packets.get(packets.size() - 1).micros();
  }

  public static RtpRecording read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file)))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is not an RTP recording (bad magic)");
      }
      List<Packet> packets = new ArrayList<>();
      while (true) {
        int kind = in.read();
        if (kind < 0) {
          break;
        }
        if (kind != AUDIO && kind != VIDEO) {
          throw new IOException(file + ": bad packet kind " + kind);
        }
        try {
          long micros = in.readLong();
          byte[] rtp = new byte[in.readUnsignedShort()];
          in.readFully(rtp);
          packets.add(new Packet((byte) kind, micros, rtp));
        } catch (EOFException e) {
          throw new IOException(file + " is truncated", e);
        }
      }
      return new RtpRecording(packets);
    }
  }

  public void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        Files.newOutputStream(file)))) {
      out.write(MAGIC);
      for (Packet p : packets) {
        out.writeByte(p.kind());
        out.writeLong(p.micros());
        out.writeShort(p.rtp().length);
        out.write(p.rtp());
      }
    }
  }

  /** "N packets (A audio, V video) over S s, X kbit/s" for logs. */
  /** The average bitrate of the video packets, RTP headers included. */
  public long videoBitsPerSecond() {
    long bytes = packets.stream().filter(p -> p.kind() == VIDEO).mapToLong(p -> p.rtp().length)
        .sum();
    return (long) (bytes * 8 / (Math.max(1, durationMicros()) / 1e6));
  }

  public String describe() {
    long audio = packets.stream().filter(p -> p.kind() == AUDIO).count();
    long bytes = packets.stream().mapToLong(p -> p.rtp().length).sum();
    double seconds = Math.max(1, durationMicros()) / 1e6;
    return String.format("%d packets (%d audio, %d video) over %.1f s, %.0f kbit/s of RTP",
        packets.size(), audio, packets.size() - audio, seconds, bytes * 8 / seconds / 1000);
  }
}
