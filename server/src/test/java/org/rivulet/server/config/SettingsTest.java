package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.config.ModuleConfig;

class SettingsTest {

  private static Settings settings() {
    return Settings.builder()
        .put(Setting.fromFile("modules.kurento.WebRtcEndpoint.stunServerPort", "3478", "f"))
        .put(Setting.listFromFile("modules.kurento.SdpEndpoint.audioCodecs",
            List.of("opus/48000/2"), "f"))
        .put(Setting.fromFile("modules.kurentoish.X.y", "other module", "f"))
        .put(Setting.fromFile("modules.chroma.ChromaFilter.color", "green", "f"))
        .put(Setting.fromFile("mediaServer.net.websocket.port", "8888", "f"))
        .build();
  }

  @Test
  void forModuleAnswersTypeAndKey() {
    ModuleConfig kurento = settings().forModule("kurento");
    assertEquals(Optional.of("3478"), kurento.value("WebRtcEndpoint", "stunServerPort"));
    assertEquals(3478, kurento.intValue("WebRtcEndpoint", "stunServerPort", 0));
    assertEquals(List.of("opus/48000/2"), kurento.list("SdpEndpoint", "audioCodecs"));
    assertEquals(Optional.empty(), kurento.value("X", "y"), "modules.kurentoish is another module");
    assertEquals(Optional.of("green"),
        settings().forModule("chroma").value("ChromaFilter", "color"));
  }

  @Test
  void valueAndListDoNotMix() {
    Settings s = settings();
    assertEquals(Optional.empty(), s.value("modules.kurento.SdpEndpoint.audioCodecs"));
    assertEquals(List.of(), s.list("modules.kurento.WebRtcEndpoint.stunServerPort"));
  }

  @Test
  void laterPutReplaces() {
    Settings s = Settings.builder()
        .put(Setting.fromFile("k", "file", "f"))
        .put(Setting.fromEnvironment("k", "env", "KMS_K"))
        .build();
    assertEquals(Optional.of("env"), s.value("k"));
    assertEquals("KMS_K", s.setting("k").orElseThrow().label());
  }

  @Test
  void blankValuesAreDroppedOnlyForChosenKeys() {
    Settings s = Settings.builder()
        .put(Setting.fromFile("a", " ", "f"))
        .put(Setting.fromFile("b", "", "f"))
        .build()
        .withoutBlankValues(key -> key.equals("a"));
    assertFalse(s.keys().contains("a"));
    assertTrue(s.keys().contains("b"));
  }

  @Test
  void toStringHidesSecrets() {
    String text = Settings.builder()
        .put(Setting.fromFile("mediaServer.net.websocket.secure.password", "hunter2", "f"))
        .put(Setting.fromEnvironment(ConfigKeys.TURN_URL, "u:hunter3@192.0.2.1:3478",
            "KMS_TURN_URL"))
        .put(Setting.fromFile("x", "visible", "f"))
        .build()
        .toString();
    assertFalse(text.contains("hunter"), text);
    assertTrue(text.contains("visible"), text);
  }

  @Test
  void aSettingIsEitherTextOrList() {
    assertThrows(IllegalArgumentException.class, () -> new Setting("k", "t", List.of(), "k", "o"));
    assertThrows(IllegalArgumentException.class, () -> new Setting("k", null, null, "k", "o"));
  }
}
