package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class H264ProfileLevelIdTest {

  @ParameterizedTest(name = "{0} is {1}")
  @DisplayName("RFC 6184 section 8.1 table 5: profile from profile_idc and profile-iop")
  @CsvSource({
    "42e01f, CONSTRAINED_BASELINE",
    "42c01e, CONSTRAINED_BASELINE",
    "4d8028, CONSTRAINED_BASELINE",
    "58c00d, CONSTRAINED_BASELINE",
    "42001f, BASELINE",
    "42a01f, BASELINE",
    "58801f, BASELINE",
    "58001f, EXTENDED",
    "4d001f, MAIN",
    "4d401f, MAIN",
    "4d101f, MAIN",
    "64001f, HIGH",
    "640c1f, CONSTRAINED_HIGH",
    "6e0028, HIGH_10",
    "7a0028, HIGH_422",
    "f40028, HIGH_444",
    "6e1028, HIGH_10_INTRA",
    "7a1028, HIGH_422_INTRA",
    "f41028, HIGH_444_INTRA",
    "2c1028, CAVLC_444_INTRA",
    "42e11f, UNKNOWN",
    "4d201f, UNKNOWN",
    "ff001f, UNKNOWN"
  })
  void profile(String hex, H264ProfileLevelId.Profile expected) {
    assertEquals(expected, H264ProfileLevelId.parse(hex).orElseThrow().profile());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @DisplayName("malformed values are empty")
  @ValueSource(strings = {"", "42e01", "42e01f0", "42g01f", "+2e01f", "\uff14\uff12e01f"})
  void malformed(String hex) {
    assertEquals(Optional.empty(), H264ProfileLevelId.parse(hex));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("RFC 6184 section 8.1: level 1b is 11 with constraint_set3 in Baseline/Main/Extended, 9 in High")
  @CsvSource({"42f00b, true", "42e00b, false", "4d100b, true", "640009, true", "64000b, false", "42e00a, false"})
  void level1b(String hex, boolean expected) {
    assertEquals(expected, H264ProfileLevelId.parse(hex).orElseThrow().isLevel1b());
  }

  @ParameterizedTest(name = "{0} with the level of {1} is {2}")
  @DisplayName("a profile takes another's level, in its own way of writing it")
  @CsvSource({"42e01f, 42e00d, 42e00d", "42e01f, 640009, 42f00b", "640c1f, 42f00b, 640c09", "42f00b, 42e01f, 42e01f"})
  void withLevelOf(String profile, String level, String expected) {
    H264ProfileLevelId p = H264ProfileLevelId.parse(profile).orElseThrow();
    H264ProfileLevelId l = H264ProfileLevelId.parse(level).orElseThrow();
    assertEquals(expected, p.withLevelOf(l).format());
  }

  @org.junit.jupiter.api.Test
  @DisplayName("level order puts 1b between 1 and 1.1")
  void levelRank() {
    int one = H264ProfileLevelId.parse("42e00a").orElseThrow().levelRank();
    int oneB = H264ProfileLevelId.parse("42f00b").orElseThrow().levelRank();
    int oneOne = H264ProfileLevelId.parse("42e00b").orElseThrow().levelRank();
    assertTrue(one < oneB && oneB < oneOne);
    assertFalse(H264ProfileLevelId.sameProfile(Optional.empty(), H264ProfileLevelId.parse("42e01f")));
    assertEquals("42000a", H264ProfileLevelId.DEFAULT.format());
  }
}
