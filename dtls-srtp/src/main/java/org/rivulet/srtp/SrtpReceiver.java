package org.rivulet.srtp;

import io.netty.buffer.ByteBuf;

/**
 * Unprotects the SRTP and SRTCP packets one peer sends under one master key (RFC 3711 sections 3.3 and
 * 3.4; RFC 7714 for GCM), keeping per-SSRC state in a bounded table.
 *
 * <p>Order of work for each packet, cheapest refusal first, and no state change before the tag verifies
 * (RFC 3711 section 3.3; pion/srtp PR #82; Bouncy Castle's {@code DTLSReplayWindow}):
 * <ol>
 *   <li>lengths and header fields, bounds-checked ({@link SrtpResult#TOO_SHORT}, {@code TOO_LONG},
 *       {@code BAD_HEADER}, {@code NOT_ENCRYPTED});</li>
 *   <li>the SSRC: known, or room for a new one ({@link SrtpResult#UNKNOWN_SSRC_LIMIT});</li>
 *   <li>the index: estimated from the ROC (SRTP) or read from the packet (SRTCP), then checked against
 *       the replay window ({@link SrtpResult#REPLAYED}, {@code TOO_OLD}, {@code KEY_EXHAUSTED});</li>
 *   <li>authentication, then decryption ({@link SrtpResult#AUTH_FAILED});</li>
 *   <li>only now: the SSRC's state is created if new, the ROC moves, the window records the index.</li>
 * </ol>
 *
 * <h2>Buffers</h2>
 * {@code unprotectRtp(packet)} and {@code unprotectRtcp(packet)} work in place on the readable bytes and
 * do not take ownership. On {@link SrtpResult#OK} the readable bytes are the plain packet: the writer
 * index has moved back over the tag (and SRTCP index word), the reader index is unchanged. On any other
 * result the buffer is exactly as it was, and the caller drops (releases) it. Heap buffers are worked on
 * directly; direct buffers through a staging copy.
 *
 * <h2>Threading</h2>
 * Not thread-safe. A receiver belongs to the endpoint's event loop and is called only from it; its
 * counters are plain fields read on that loop.
 */
public final class SrtpReceiver {

  /** Default bound on SSRCs accepted under one key. */
  public static final int DEFAULT_MAX_SSRCS = SrtpStreamMap.DEFAULT_MAX_STREAMS;
  /** Default replay window, in packets (libsrtp's default). */
  public static final int DEFAULT_REPLAY_WINDOW = ReplayWindow.DEFAULT_SIZE;

  private static final int E_FLAG = 0x8000_0000;

  private final SrtpProfile profile;
  private final SrtpCipher cipher;
  private final SrtpStreamMap streams;
  private final int replayWindow;
  private final HeapStaging staging = new HeapStaging();
  private final SrtpCounters rtpCounters = new SrtpCounters();
  private final SrtpCounters rtcpCounters = new SrtpCounters();

  /** A receiver with the default SSRC bound and replay window. Copies what it needs of key and salt. */
  public SrtpReceiver(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    this(profile, masterKey, masterSalt, DEFAULT_MAX_SSRCS, DEFAULT_REPLAY_WINDOW);
  }

  /**
   * A receiver for {@code profile} with a master key and salt of the profile's lengths (copied: the caller
   * may wipe its arrays afterwards), accepting at most {@code maxSsrcs} SSRCs, each with a replay window
   * of {@code replayWindow} packets (a power of two from 128 to 32768).
   *
   * @throws IllegalArgumentException if a length, the bound or the window is wrong
   */
  public SrtpReceiver(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int maxSsrcs,
      int replayWindow) {
    this(profile, SrtpCipher.fromMasterKey(profile, masterKey, masterSalt), maxSsrcs, replayWindow);
  }

  SrtpReceiver(SrtpProfile profile, SrtpCipher cipher, int maxSsrcs, int replayWindow) {
    this.profile = profile;
    this.cipher = cipher;
    this.streams = new SrtpStreamMap(maxSsrcs);
    this.replayWindow = ReplayWindow.checkSize(replayWindow);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /**
   * Authenticates and decrypts the SRTP packet in {@code packet}'s readable bytes, in place. Does not
   * take ownership; the buffer is unchanged unless the result is {@link SrtpResult#OK}.
   */
  public SrtpResult unprotectRtp(ByteBuf packet) {
    int start = packet.readerIndex();
    int len = packet.readableBytes();
    int tag = profile.srtpAuthTagLength();
    if (len < RtpHeaderLength.FIXED_HEADER + tag) {
      return rtpCounters.count(SrtpResult.TOO_SHORT);
    }
    if (len > SrtpSender.MAX_PACKET_LENGTH) {
      return rtpCounters.count(SrtpResult.TOO_LONG);
    }
    // The header must end before the tag.
    int headerLength = RtpHeaderLength.of(packet, start, len - tag);
    if (headerLength < 0) {
      return rtpCounters.count(SrtpResult.BAD_HEADER);
    }
    int seq = packet.getUnsignedShort(start + 2);
    int ssrc = packet.getInt(start + 8);
    SrtpStreamState state = streams.get(ssrc);
    long index;
    if (state == null) {
      if (streams.isFull()) {
        return rtpCounters.count(SrtpResult.UNKNOWN_SSRC_LIMIT);
      }
      // RFC 3711 section 3.3.1: a new stream starts with ROC 0 and s_l = SEQ.
      index = seq;
    } else {
      index = state.rollover().estimate(seq);
      if (index > SrtpSender.MAX_SRTP_INDEX) {
        return rtpCounters.count(SrtpResult.KEY_EXHAUSTED);
      }
      SrtpResult replay = state.rtpWindow().check(index);
      if (replay != SrtpResult.OK) {
        return rtpCounters.count(replay);
      }
    }
    byte[] a = staging.array(packet, start, len, len);
    if (!cipher.unprotectRtp(a, HeapStaging.offset(packet, start), len, headerLength, ssrc, index)) {
      return rtpCounters.count(SrtpResult.AUTH_FAILED);
    }
    HeapStaging.writeBack(packet, start, a, headerLength, len - tag - headerLength);
    if (state == null) {
      state = new SrtpStreamState(ssrc, replayWindow);
      streams.add(state);
    }
    state.rollover().update(index);
    state.rtpWindow().accept(index);
    packet.writerIndex(start + len - tag);
    return rtpCounters.count(SrtpResult.OK);
  }

  /**
   * Authenticates and decrypts the SRTCP packet in {@code packet}'s readable bytes, in place, removing
   * the SRTCP index word and tag. Does not take ownership; the buffer is unchanged unless the result is
   * {@link SrtpResult#OK}.
   */
  public SrtpResult unprotectRtcp(ByteBuf packet) {
    int start = packet.readerIndex();
    int len = packet.readableBytes();
    int overhead = profile.srtcpOverhead();
    // libsrtp's RTCP length underflow: header, index word and tag must all be there before any read.
    if (len < SrtpSender.RTCP_HEADER + overhead) {
      return rtcpCounters.count(SrtpResult.TOO_SHORT);
    }
    if (len > SrtpSender.MAX_PACKET_LENGTH) {
      return rtcpCounters.count(SrtpResult.TOO_LONG);
    }
    if ((packet.getUnsignedByte(start) >>> 6) != 2) {
      return rtcpCounters.count(SrtpResult.BAD_HEADER);
    }
    int word = packet.getInt(start + cipher.srtcpIndexOffset(len));
    if ((word & E_FLAG) == 0) {
      return rtcpCounters.count(SrtpResult.NOT_ENCRYPTED);
    }
    int index = word & ~E_FLAG;
    int ssrc = packet.getInt(start + 4);
    SrtpStreamState state = streams.get(ssrc);
    if (state == null) {
      if (streams.isFull()) {
        return rtcpCounters.count(SrtpResult.UNKNOWN_SSRC_LIMIT);
      }
    } else {
      SrtpResult replay = state.rtcpWindow().check(index);
      if (replay != SrtpResult.OK) {
        return rtcpCounters.count(replay);
      }
    }
    byte[] a = staging.array(packet, start, len, len);
    if (!cipher.unprotectRtcp(a, HeapStaging.offset(packet, start), len, ssrc, index)) {
      return rtcpCounters.count(SrtpResult.AUTH_FAILED);
    }
    HeapStaging.writeBack(packet, start, a, SrtpSender.RTCP_HEADER,
        len - overhead - SrtpSender.RTCP_HEADER);
    if (state == null) {
      state = new SrtpStreamState(ssrc, replayWindow);
      streams.add(state);
    }
    state.rtcpWindow().accept(index);
    packet.writerIndex(start + len - overhead);
    return rtcpCounters.count(SrtpResult.OK);
  }

  /**
   * Forgets an SSRC (its ROC and replay history), for example after an authenticated RTCP BYE. A later
   * packet of that SSRC starts a new stream at ROC 0.
   *
   * @return whether the SSRC was known
   */
  public boolean removeSsrc(int ssrc) {
    return streams.remove(ssrc);
  }

  /** SSRCs currently known. */
  public int ssrcCount() {
    return streams.size();
  }

  /** Counts of unprotected and dropped SRTP packets. */
  public SrtpCounters rtpCounters() {
    return rtpCounters;
  }

  /** Counts of unprotected and dropped SRTCP packets. */
  public SrtpCounters rtcpCounters() {
    return rtcpCounters;
  }

  /** Test hook: the state of one SSRC, or null. */
  SrtpStreamState stream(int ssrc) {
    return streams.get(ssrc);
  }
}
