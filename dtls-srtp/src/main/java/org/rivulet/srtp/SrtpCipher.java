package org.rivulet.srtp;

/**
 * The cryptographic transform of one direction: encrypt and authenticate (protect), or verify and
 * decrypt (unprotect), RTP and RTCP packets, with the session keys of one profile. Two families:
 * {@link AesCmHmacSha1Cipher} (RFC 3711, RFC 6188) and {@link AesGcmCipher} (RFC 7714).
 *
 * <p>Every operation works in place on a heap array region: the caller has parsed the header, found the
 * stream's index and left room after the packet for what protect appends. JCE ciphers write into a
 * separate work array owned by this object, which is then copied back: measured on JDK 17, AES/CTR with
 * overlapping input and output copies the input itself (about 1.3 KB allocated and five times slower per
 * 1200-byte packet), while a separate output allocates about 100 bytes.
 *
 * <p>Unprotect leaves the region untouched when it returns false. Protect returns false only when the
 * JCE refuses an IV it has just used (GCM), which the caller's replay check normally prevents.
 *
 * <p>Pitfalls: the JCE objects are stateful, so an instance is confined to one thread (the owner's event
 * loop) and is never shared between a sender and a receiver.
 */
abstract class SrtpCipher {

  /** Room for a 1500-byte datagram plus a GCM tag before the first resize. */
  private static final int INITIAL_WORK = 1536;

  private byte[] work = new byte[INITIAL_WORK];

  /** Creates the cipher family of {@code profile} from derived session keys (which it copies). */
  static SrtpCipher create(SrtpProfile profile, SrtpSessionKeys srtp, SrtpSessionKeys srtcp) {
    return profile.isAead()
        ? new AesGcmCipher(profile, srtp, srtcp)
        : new AesCmHmacSha1Cipher(profile, srtp, srtcp);
  }

  /** Derives both directions' session keys from a master key and salt, and creates the cipher. */
  static SrtpCipher fromMasterKey(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    SrtpSessionKeys srtp = SrtpKeyDerivation.srtpKeys(profile, masterKey, masterSalt);
    SrtpSessionKeys srtcp = SrtpKeyDerivation.srtcpKeys(profile, masterKey, masterSalt);
    try {
      return create(profile, srtp, srtcp);
    } finally {
      srtp.wipe();
      srtcp.wipe();
    }
  }

  /** A work array of at least {@code length} bytes; grows (rarely) for jumbo packets. */
  final byte[] work(int length) {
    if (work.length < length) {
      work = new byte[Math.max(length, work.length * 2)];
    }
    return work;
  }

  /**
   * Protects the RTP packet at {@code a[off, off + len)} with header length {@code headerLength}: on
   * return {@code a[off, off + len + tag)} is the SRTP packet. {@code index} is the 48-bit packet index.
   */
  abstract boolean protectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index);

  /**
   * Verifies and decrypts the SRTP packet at {@code a[off, off + len)} (tag included): on success
   * {@code a[off, off + len - tag)} is the RTP packet; on failure nothing changed.
   */
  abstract boolean unprotectRtp(byte[] a, int off, int len, int headerLength, int ssrc, long index);

  /**
   * Protects the RTCP packet at {@code a[off, off + len)} with SRTCP index {@code index}: on return
   * {@code a[off, off + len + 4 + tag)} is the SRTCP packet, E flag set.
   */
  abstract boolean protectRtcp(byte[] a, int off, int len, int ssrc, int index);

  /**
   * Verifies and decrypts the SRTCP packet at {@code a[off, off + len)} (index word and tag included):
   * on success {@code a[off, off + len - 4 - tag)} is the RTCP packet; on failure nothing changed.
   */
  abstract boolean unprotectRtcp(byte[] a, int off, int len, int ssrc, int index);

  /** Where the E flag and SRTCP index word sits in a protected packet of {@code len} bytes. */
  abstract int srtcpIndexOffset(int len);

  /** Writes {@code value} big-endian at {@code a[off, off + 4)}. */
  static void putInt(byte[] a, int off, int value) {
    a[off] = (byte) (value >>> 24);
    a[off + 1] = (byte) (value >>> 16);
    a[off + 2] = (byte) (value >>> 8);
    a[off + 3] = (byte) value;
  }
}
