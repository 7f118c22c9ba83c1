package org.rivulet.sdp;

import java.util.Optional;

/**
 * H.264's {@code profile-level-id} fmtp parameter (RFC 6184 section 8.1): three bytes in hex,
 * {@code profile_idc}, {@code profile-iop} (the constraint_set flags) and {@code level_idc}.
 *
 * <pre>
 *   42 e0 1f      profile_idc 0x42 (66), profile-iop 1110 0000, level_idc 0x1f (3.1)
 *   \/ \/ \/      0x42 with constraint_set1_flag: Constrained Baseline
 * </pre>
 *
 * @param profileIdc 0..255
 * @param profileIop 0..255, constraint_set0_flag in the top bit
 * @param levelIdc 0..255, ten times the level (9 or 11 with a flag for level 1b, see {@link #isLevel1b()})
 */
record H264ProfileLevelId(int profileIdc, int profileIop, int levelIdc) {

  /** The value to assume when the parameter is absent: Baseline, level 1 (RFC 6184 section 8.1). */
  static final H264ProfileLevelId DEFAULT = new H264ProfileLevelId(0x42, 0x00, 0x0A);

  /** constraint_set3_flag in profile-iop: level 1b with level_idc 11 in Baseline, Main and Extended. */
  private static final int CONSTRAINT_SET3 = 0x10;

  /** H.264 profiles as RFC 6184 table 5 tells them apart, plus Constrained High (H.264 section A.2.4.2). */
  enum Profile {
    CONSTRAINED_BASELINE,
    BASELINE,
    MAIN,
    EXTENDED,
    HIGH,
    CONSTRAINED_HIGH,
    HIGH_10,
    HIGH_422,
    HIGH_444,
    HIGH_10_INTRA,
    HIGH_422_INTRA,
    HIGH_444_INTRA,
    CAVLC_444_INTRA,
    UNKNOWN
  }

  /**
   * RFC 6184 table 5: profile_idc and a profile-iop bit pattern ({@code x} = any) per profile. The
   * first match wins, which is why Constrained Baseline comes before Baseline.
   */
  private static final Object[][] TABLE = {
    {0x42, "x1xx0000", Profile.CONSTRAINED_BASELINE},
    {0x4D, "1xxx0000", Profile.CONSTRAINED_BASELINE},
    {0x58, "11xx0000", Profile.CONSTRAINED_BASELINE},
    {0x42, "x0xx0000", Profile.BASELINE},
    {0x58, "10xx0000", Profile.BASELINE},
    {0x58, "00xx0000", Profile.EXTENDED},
    {0x4D, "0x0x0000", Profile.MAIN},
    {0x64, "00000000", Profile.HIGH},
    {0x64, "00001100", Profile.CONSTRAINED_HIGH},
    {0x6E, "00000000", Profile.HIGH_10},
    {0x7A, "00000000", Profile.HIGH_422},
    {0xF4, "00000000", Profile.HIGH_444},
    {0x6E, "00010000", Profile.HIGH_10_INTRA},
    {0x7A, "00010000", Profile.HIGH_422_INTRA},
    {0xF4, "00010000", Profile.HIGH_444_INTRA},
    {0x2C, "00010000", Profile.CAVLC_444_INTRA},
  };

  /** Checks the byte ranges. */
  H264ProfileLevelId {
    Syntax.requireRange(profileIdc, 0, 255, "profile_idc");
    Syntax.requireRange(profileIop, 0, 255, "profile-iop");
    Syntax.requireRange(levelIdc, 0, 255, "level_idc");
  }

  /** Six hex digits, any case; empty when malformed. */
  static Optional<H264ProfileLevelId> parse(String hex) {
    if (hex.length() != 6) {
      return Optional.empty();
    }
    int[] b = new int[3];
    for (int i = 0; i < 6; i++) {
      char c = hex.charAt(i);
      int d = c < 0x80 ? Character.digit(c, 16) : -1;
      if (d < 0) {
        return Optional.empty();
      }
      b[i / 2] = b[i / 2] << 4 | d;
    }
    return Optional.of(new H264ProfileLevelId(b[0], b[1], b[2]));
  }

  Profile profile() {
    for (Object[] row : TABLE) {
      if ((int) row[0] == profileIdc && bitsMatch((String) row[1], profileIop)) {
        return (Profile) row[2];
      }
    }
    return Profile.UNKNOWN;
  }

  private static boolean bitsMatch(String pattern, int value) {
    for (int i = 0; i < 8; i++) {
      char p = pattern.charAt(i);
      int bit = (value >> (7 - i)) & 1;
      if (p != 'x' && bit != p - '0') {
        return false;
      }
    }
    return true;
  }

  /** Whether Baseline, Constrained Baseline, Main or Extended: level 1b is signalled by constraint_set3 there. */
  private boolean isBaselineFamily() {
    Profile p = profile();
    return p == Profile.CONSTRAINED_BASELINE || p == Profile.BASELINE || p == Profile.MAIN || p == Profile.EXTENDED;
  }

  /** Level 1b: level_idc 11 with constraint_set3 in the Baseline family, level_idc 9 elsewhere (RFC 6184 section 8.1). */
  boolean isLevel1b() {
    return isBaselineFamily() ? levelIdc == 11 && (profileIop & CONSTRAINT_SET3) != 0 : levelIdc == 9;
  }

  /** Orders levels: 1b sits between 1 and 1.1. */
  int levelRank() {
    return isLevel1b() ? 21 : levelIdc * 2;
  }

  /** This profile with the level of {@code other}, written the way this profile writes it. */
  H264ProfileLevelId withLevelOf(H264ProfileLevelId other) {
    if (!other.isLevel1b()) {
      // constraint_set3 means level 1b in the Baseline family and is reserved at other levels there.
      int iop = isBaselineFamily() ? profileIop & ~CONSTRAINT_SET3 : profileIop;
      return new H264ProfileLevelId(profileIdc, iop, other.levelIdc);
    }
    return isBaselineFamily()
        ? new H264ProfileLevelId(profileIdc, profileIop | CONSTRAINT_SET3, 11)
        : new H264ProfileLevelId(profileIdc, profileIop, 9);
  }

  /**
   * Whether two profile-level-ids name the same profile (RFC 6184 section 8.2.2). Unclassified ones
   * match only when profile_idc and profile-iop are equal; a malformed one matches nothing.
   */
  static boolean sameProfile(Optional<H264ProfileLevelId> a, Optional<H264ProfileLevelId> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Profile pa = a.get().profile();
    if (pa != Profile.UNKNOWN) {
      return pa == b.get().profile();
    }
    return a.get().profileIdc == b.get().profileIdc && a.get().profileIop == b.get().profileIop;
  }

  /** Six lower-case hex digits, as browsers write it. */
  String format() {
    return String.format("%02x%02x%02x", profileIdc, profileIop, levelIdc);
  }
}
