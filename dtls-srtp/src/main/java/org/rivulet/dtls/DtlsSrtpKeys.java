package org.rivulet.dtls;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of a successful DTLS-SRTP handshake: the negotiated protection profile and the exported
 * keying material split into this side's and the peer's SRTP master key and salt. The local pair
 * protects what this endpoint sends, the remote pair unprotects what it receives.
 *
 * <p>RFC 5764 section 4.2 lays the exported bytes out as:
 * <pre>
 * client_write_SRTP_master_key[key_len] | server_write_SRTP_master_key[key_len]
 *   | client_write_SRTP_master_salt[salt_len] | server_write_SRTP_master_salt[salt_len]
 * </pre>
 * so the DTLS client's local key is the first key and the DTLS server's local key is the second.
 *
 * <p>Immutable; accessors return copies. The arrays are secrets: callers should not log them.
 */
public final class DtlsSrtpKeys {
  private final DtlsSrtpProfile profile;
  private final byte[] localMasterKey;
  private final byte[] localMasterSalt;
  private final byte[] remoteMasterKey;
  private final byte[] remoteMasterSalt;

  private DtlsSrtpKeys(DtlsSrtpProfile profile, byte[] localMasterKey, byte[] localMasterSalt,
      byte[] remoteMasterKey, byte[] remoteMasterSalt) {
    this.profile = profile;
    this.localMasterKey = localMasterKey;
    this.localMasterSalt = localMasterSalt;
    this.remoteMasterKey = remoteMasterKey;
    this.remoteMasterSalt = remoteMasterSalt;
  }

  /**
   * Splits exported keying material as RFC 5764 section 4.2 lays it out.
   *
   * @param material exactly {@link DtlsSrtpProfile#keyingMaterialLength()} bytes; not kept
   * @param role this endpoint's DTLS role, which decides which half is local
   */
  public static DtlsSrtpKeys split(DtlsSrtpProfile profile, DtlsRole role, byte[] material) {
    Objects.requireNonNull(role);
    int k = profile.masterKeyLength();
    int s = profile.masterSaltLength();
    if (material.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(
          profile + " needs " + profile.keyingMaterialLength() + " bytes, got " + material.length);
    }
    byte[] clientKey = Arrays.copyOfRange(material, 0, k);
    byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
    byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
    byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
    return role == DtlsRole.CLIENT
        ? new DtlsSrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt)
        : new DtlsSrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt);
  }

  public DtlsSrtpProfile profile() {
    return profile;
  }

  /** The negotiated SRTPProtectionProfile id (RFC 5764 section 4.1.2), e.g. 0x0007. */
  public int profileId() {
    return profile.id();
  }

  /** Master key for what this endpoint sends. */
  public byte[] localMasterKey() {
    return localMasterKey.clone();
  }

  /** Master salt for what this endpoint sends. */
  public byte[] localMasterSalt() {
    return localMasterSalt.clone();
  }

  /** Master key for what the peer sends. */
  public byte[] remoteMasterKey() {
    return remoteMasterKey.clone();
  }

  /** Master salt for what the peer sends. */
  public byte[] remoteMasterSalt() {
    return remoteMasterSalt.clone();
  }

  /** Names the profile only: the keys are secrets. */
  @Override
  public String toString() {
    return "DtlsSrtpKeys[" + profile + "]";
  }
}
