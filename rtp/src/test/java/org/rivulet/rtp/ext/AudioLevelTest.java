package org.rivulet.rtp.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.ext.ExtensionPackets.withPacket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AudioLevelTest {

  @Test
  @DisplayName("RFC 6464 section 3: V bit and 7-bit level")
  void readsVoiceActivityAndLevel() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      int value = AudioLevel.read(rtp, ChromeBlock.AUDIO_LEVEL);
      assertEquals(0xd5, value);
      assertTrue(AudioLevel.voiceActivity(value));
      assertEquals(85, AudioLevel.level(value));
    });
  }

  @Test
  void rewritesInPlace() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertTrue(AudioLevel.write(rtp, ChromeBlock.AUDIO_LEVEL, false, AudioLevel.SILENCE));
      int value = AudioLevel.read(rtp, ChromeBlock.AUDIO_LEVEL);
      assertEquals(0x7f, value);
      assertFalse(AudioLevel.voiceActivity(value));
      assertEquals(127, AudioLevel.level(value));
      assertEquals("a1", SdesMid.read(rtp, ChromeBlock.MID), "neighbour intact");
    });
  }

  @Test
  void elementOfAnotherSizeOrAbsentIsNotRead() {
    withPacket(ChromeBlock.BLOCK, rtp -> {
      assertEquals(-1, AudioLevel.read(rtp, ChromeBlock.MID), "2 bytes, not 1");
      assertFalse(AudioLevel.write(rtp, ChromeBlock.MID, true, 0));
      assertEquals(-1, AudioLevel.read(rtp, 13));
      assertThrows(IllegalArgumentException.class,
          () -> AudioLevel.write(rtp, ChromeBlock.AUDIO_LEVEL, true, 128));
      assertThrows(IllegalArgumentException.class,
          () -> AudioLevel.write(rtp, ChromeBlock.AUDIO_LEVEL, true, -1));
    });
  }
}
