package org.rivulet.srtp;

import io.netty.buffer.ByteBuf;

/**
 * Protects the RTP and RTCP packets Rivulet sends to one peer under one master key (RFC 3711 sections
 * 3.3 and 3.4; RFC 7714 for GCM), keeping per-SSRC state in a bounded table.
 *
 * <h2>Buffers</h2>
 * No method takes ownership of a buffer: the caller keeps (and eventually releases or writes) every
 * buffer it passes. Two forms:
 * <ul>
 *   <li>{@code protectRtp(packet)}: in place. The readable bytes are the plaintext packet; on
 *       {@link SrtpResult#OK} they are the protected packet and the writer index has moved forward by the
 *       overhead ({@link SrtpProfile#srtpOverhead()}). The buffer grows when it lacks that tailroom.
 *       Fastest on an exclusively owned heap buffer allocated with the tailroom.</li>
 *   <li>{@code protectRtp(src, dst)}: the fan-out form. {@code src}'s readable bytes are copied to
 *       {@code dst} at its writer index and protected there; {@code src} (contents and indices) is left
 *       alone, so one decrypted packet shared by N sinks is protected N times into N fresh buffers.</li>
 * </ul>
 * On any other result the buffer's indices are unchanged and its readable bytes are as they were
 * (bytes beyond the writer index may have been written).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Protecting into a buffer someone else reads (a {@code retainedDuplicate()} of a fanned-out
 *       packet) corrupts their copy: use the {@code (src, dst)} form.</li>
 *   <li>Growing needs a buffer whose max capacity allows it; a read-only buffer or a fixed slice
 *       without tailroom throws {@code IndexOutOfBoundsException} or {@code ReadOnlyBufferException}.
 *       That is a caller bug, not bad input.</li>
 *   <li>An index is never protected twice: a repeated or too old sequence number is refused with
 *       {@link SrtpResult#REPLAYED} or {@link SrtpResult#TOO_OLD} (as libsrtp does by default), because
 *       reusing a counter-mode keystream or a GCM IV gives the plaintext away. Retransmissions without
 *       RTX must resend the bytes already protected.</li>
 *   <li>{@link #removeSsrc(int)} forgets the stream's ROC, history and SRTCP index: protecting that
 *       SSRC again under the same key would start from index 0 again and reuse keystream. Remove only
 *       SSRCs that will not be sent again under this key.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Not thread-safe. A sender belongs to the endpoint's event loop and is called only from it; its
 * counters are plain fields read on that loop.
 */
public final class SrtpSender {

  /** Default bound on SSRCs protected under one key. */
  public static final int DEFAULT_MAX_SSRCS = SrtpStreamMap.DEFAULT_MAX_STREAMS;
  /** Largest packet, protected, that fits a datagram or an RFC 4571 frame. */
  static final int MAX_PACKET_LENGTH = 65535;
  /** RFC 3711 section 9.2: at most 2^48 SRTP packets per key; the 48-bit index never wraps. */
  static final long MAX_SRTP_INDEX = (1L << 48) - 1;
  /** RFC 3711 section 9.2: at most 2^31 SRTCP packets per key; the 31-bit index never wraps. */
  static final long MAX_SRTCP_INDEX = 0x7FFF_FFFFL;
  static final int RTCP_HEADER = 8;

  private final SrtpProfile profile;
  private final SrtpCipher cipher;
  private final SrtpStreamMap streams;
  private final HeapStaging staging = new HeapStaging();
  private final SrtpCounters rtpCounters = new SrtpCounters();
  private final SrtpCounters rtcpCounters = new SrtpCounters();

  /** A sender with the default SSRC bound. Copies what it needs of the key and salt. */
  public SrtpSender(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    this(profile, masterKey, masterSalt, DEFAULT_MAX_SSRCS);
  }

  /**
   * A sender for {@code profile} with a master key and salt of the profile's lengths (copied: the caller
   * may wipe its arrays afterwards), protecting at most {@code maxSsrcs} SSRCs.
   *
   * @throws IllegalArgumentException if a length or the bound is wrong
   */
  public SrtpSender(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int maxSsrcs) {
    this(profile, SrtpCipher.fromMasterKey(profile, masterKey, masterSalt), maxSsrcs);
  }

  SrtpSender(SrtpProfile profile, SrtpCipher cipher, int maxSsrcs) {
    this.profile = profile;
    this.cipher = cipher;
    this.streams = new SrtpStreamMap(maxSsrcs);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /**
   * Protects the RTP packet in {@code packet}'s readable bytes, in place. Does not take ownership.
   *
   * @return {@link SrtpResult#OK}, or why the packet was refused (buffer unchanged)
   */
  public SrtpResult protectRtp(ByteBuf packet) {
    packet.ensureWritable(profile.srtpOverhead());
    return protectRtp(packet, packet.readerIndex(), packet.readableBytes());
  }

  /**
   * Appends the protected form of {@code src}'s readable bytes (an RTP packet) to {@code dst}. Takes
   * ownership of neither; {@code src} is not modified; {@code dst}'s writer index moves only on
   * {@link SrtpResult#OK}.
   */
  public SrtpResult protectRtp(ByteBuf src, ByteBuf dst) {
    int len = src.readableBytes();
    dst.ensureWritable(len + profile.srtpOverhead());
    int start = dst.writerIndex();
    dst.setBytes(start, src, src.readerIndex(), len);
    return protectRtp(dst, start, len);
  }

  /**
   * Protects in place, like {@link #protectRtp(ByteBuf)}, a packet whose index may already have
   * been protected: a retransmission on the media SSRC (RFC 4585 NACK without RTX). The caller
   * guarantees the payload is exactly the one protected the first time, so no keystream is reused
   * on different plaintext (libsrtp's {@code allow_repeat_tx}). AEAD profiles refuse an index
   * already used ({@link SrtpResult#REPLAYED}): under GCM a second tag for one nonce, over a header
   * that changed, would reveal the authentication key. RTX avoids all this.
   */
  public SrtpResult protectRtpRetransmission(ByteBuf packet) {
    return protectRtp(packet, packet.readerIndex(), packet.readableBytes(), true);
  }

  private SrtpResult protectRtp(ByteBuf buf, int start, int len) {
    return protectRtp(buf, start, len, false);
  }

  private SrtpResult protectRtp(ByteBuf buf, int start, int len, boolean repeat) {
    int tag = profile.srtpAuthTagLength();
    if (len < RtpHeaderLength.FIXED_HEADER) {
      return rtpCounters.count(SrtpResult.TOO_SHORT);
    }
    if (len + tag > MAX_PACKET_LENGTH) {
      return rtpCounters.count(SrtpResult.TOO_LONG);
    }
    int headerLength = RtpHeaderLength.of(buf, start, len);
    if (headerLength < 0) {
      return rtpCounters.count(SrtpResult.BAD_HEADER);
    }
    int seq = buf.getUnsignedShort(start + 2);
    int ssrc = buf.getInt(start + 8);
    SrtpStreamState state = streams.get(ssrc);
    boolean fresh = state == null;
    if (fresh) {
      if (streams.isFull()) {
        return rtpCounters.count(SrtpResult.UNKNOWN_SSRC_LIMIT);
      }
      state = new SrtpStreamState(ssrc, ReplayWindow.DEFAULT_SIZE);
    }
    // RFC 3711 section 3.3.1: the sender derives the index from its own ROC exactly as a receiver
    // would, so packets forwarded out of order still get the index the receiver will guess.
    long index = state.rollover().estimate(seq);
    if (index > MAX_SRTP_INDEX) {
      return rtpCounters.count(SrtpResult.KEY_EXHAUSTED);
    }
    SrtpResult reuse = state.rtpWindow().check(index);
    if (reuse != SrtpResult.OK && !(repeat && !fresh && !profile.isAead())) {
      // AEAD never repeats a nonce: a forwarder's retransmission may differ in its header (the
      // AAD), and two tags under one GCM nonce give away the authentication key.
      return rtpCounters.count(reuse);
    }
    byte[] a = staging.array(buf, start, len, len + tag);
    if (!cipher.protectRtp(a, HeapStaging.offset(buf, start), len, headerLength, ssrc, index)) {
      return rtpCounters.count(SrtpResult.REPLAYED);
    }
    HeapStaging.writeBack(buf, start, a, headerLength, len + tag - headerLength);
    if (fresh) {
      streams.add(state);
    }
    if (reuse == SrtpResult.OK) {
      state.rollover().update(index);
      state.rtpWindow().accept(index);
    }
    buf.writerIndex(start + len + tag);
    return rtpCounters.count(SrtpResult.OK);
  }

  /**
   * Protects the RTCP packet (simple or compound) in {@code packet}'s readable bytes, in place: encrypts
   * all but the first 8 bytes, appends the E flag and SRTCP index, then the tag. Does not take
   * ownership.
   */
  public SrtpResult protectRtcp(ByteBuf packet) {
    packet.ensureWritable(profile.srtcpOverhead());
    return protectRtcp(packet, packet.readerIndex(), packet.readableBytes());
  }

  /**
   * Appends the protected form of {@code src}'s readable bytes (an RTCP packet) to {@code dst}. Takes
   * ownership of neither; {@code src} is not modified; {@code dst}'s writer index moves only on
   * {@link SrtpResult#OK}.
   */
  public SrtpResult protectRtcp(ByteBuf src, ByteBuf dst) {
    int len = src.readableBytes();
    dst.ensureWritable(len + profile.srtcpOverhead());
    int start = dst.writerIndex();
    dst.setBytes(start, src, src.readerIndex(), len);
    return protectRtcp(dst, start, len);
  }

  private SrtpResult protectRtcp(ByteBuf buf, int start, int len) {
    int overhead = profile.srtcpOverhead();
    if (len < RTCP_HEADER) {
      return rtcpCounters.count(SrtpResult.TOO_SHORT);
    }
    if (len + overhead > MAX_PACKET_LENGTH) {
      return rtcpCounters.count(SrtpResult.TOO_LONG);
    }
    if ((buf.getUnsignedByte(start) >>> 6) != 2) {
      return rtcpCounters.count(SrtpResult.BAD_HEADER);
    }
    int ssrc = buf.getInt(start + 4);
    SrtpStreamState state = streams.get(ssrc);
    boolean fresh = state == null;
    if (fresh) {
      if (streams.isFull()) {
        return rtcpCounters.count(SrtpResult.UNKNOWN_SSRC_LIMIT);
      }
      state = new SrtpStreamState(ssrc, ReplayWindow.DEFAULT_SIZE);
    }
    long index = state.nextSrtcpIndex();
    if (index > MAX_SRTCP_INDEX) {
      return rtcpCounters.count(SrtpResult.KEY_EXHAUSTED);
    }
    byte[] a = staging.array(buf, start, len, len + overhead);
    if (!cipher.protectRtcp(a, HeapStaging.offset(buf, start), len, ssrc, (int) index)) {
      return rtcpCounters.count(SrtpResult.REPLAYED);
    }
    HeapStaging.writeBack(buf, start, a, RTCP_HEADER, len + overhead - RTCP_HEADER);
    if (fresh) {
      streams.add(state);
    }
    state.nextSrtcpIndex(index + 1);
    buf.writerIndex(start + len + overhead);
    return rtcpCounters.count(SrtpResult.OK);
  }

  /**
   * Forgets an SSRC. See the pitfall in the class comment: only for SSRCs that will not be sent again
   * under this key.
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

  /** Counts of protected and refused RTP packets. */
  public SrtpCounters rtpCounters() {
    return rtpCounters;
  }

  /** Counts of protected and refused RTCP packets. */
  public SrtpCounters rtcpCounters() {
    return rtcpCounters;
  }

  /** Test hook: the state of one SSRC, or null. */
  SrtpStreamState stream(int ssrc) {
    return streams.get(ssrc);
  }
}
