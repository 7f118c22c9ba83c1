package org.rivulet.rtp.ext;

/** A one-byte block with the extensions a browser puts on an audio packet, for the typed helpers. */
final class ChromeBlock {

  static final String BLOCK = """
      be de 00 03   # 0xBEDE | 3 words
      22 12 34 56   # ID=2 L=2: abs-send-time 0x123456
      31 ab cd      # ID=3 L=1: transport-wide sequence number 0xabcd
      10 d5         # ID=1 L=0: audio level, V=1, level 0x55 = 85 -dBov
      41 61 31      # ID=4 L=1: MID "a1"
      """;

  static final int AUDIO_LEVEL = 1;
  static final int ABS_SEND_TIME = 2;
  static final int TRANSPORT_CC = 3;
  static final int MID = 4;

  private ChromeBlock() {}
}
