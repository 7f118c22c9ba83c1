package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordRtpTest {
  @Test
  void theKeyframeIntervalSetsBothTheGopAndTheForcedKeyframes() {
    List<String> every20s = RecordRtp.ffmpegCommand(20, 5004, 20);
    assertEquals("600", after(every20s, "-g"), "30 fps for 20 s");
    assertEquals("expr:gte(t,n_forced*20)", after(every20s, "-force_key_frames"));

    List<String> every2s = RecordRtp.ffmpegCommand(20, 5004, 2);
    assertEquals("60", after(every2s, "-g"));
    assertEquals("expr:gte(t,n_forced*2)", after(every2s, "-force_key_frames"));
  }

  private static String after(List<String> command, String option) {
    return command.get(command.indexOf(option) + 1);
  }
}
