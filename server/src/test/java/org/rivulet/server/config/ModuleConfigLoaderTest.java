package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rivulet.elements.config.ModuleConfig;

class ModuleConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void loadsKurentosShippedFiles() {
    TestFiles.kurentoModuleFixtures(dir);
    ModuleConfigLoader.Result result = ModuleConfigLoader.load(List.of(dir.resolve("modules")));
    assertEquals(List.of(), result.warnings());
    ModuleConfig kurento = result.settings().forModule("kurento");
    assertEquals(Optional.of("40000"), kurento.value("BaseRtpEndpoint", "minPort"));
    assertEquals(Optional.of("40999"), kurento.value("BaseRtpEndpoint", "maxPort"));
    assertEquals(Optional.empty(), kurento.value("BaseRtpEndpoint", "mtu"), "commented out");
    assertEquals(Optional.of("eth0,eth1"), kurento.value("WebRtcEndpoint", "networkInterfaces"));
    assertEquals(Optional.of("198.51.100.20"),
        kurento.value("WebRtcEndpoint", "stunServerAddress"));
    assertEquals(Optional.of("user:pa;ss#word@198.51.100.21:3478?transport=udp"),
        kurento.value("WebRtcEndpoint", "turnURL"));
    assertEquals(Optional.empty(), kurento.value("WebRtcEndpoint", "externalIPv6"));
    assertEquals(false, kurento.booleanValue("WebRtcEndpoint", "iceTcp", true));
    assertEquals(300000, kurento.intValue("MediaElement", "encoderBitrate", 0));
    assertEquals(1, kurento.intValue("SdpEndpoint", "numAudioMedias", 0));
    assertEquals(List.of("opus/48000/2", "PCMU/8000", "PCMA/8000", "AMR/8000"),
        kurento.list("SdpEndpoint", "audioCodecs"));
    assertEquals(List.of("H265/90000", "AV1/90000", "VP9/90000", "VP8/90000", "H264/90000"),
        kurento.list("SdpEndpoint", "videoCodecs"));
    assertEquals(Optional.of("file:///var/lib/kurento/"),
        kurento.value("UriEndpoint", "defaultPath"));
    Path webRtcFile = dir.resolve("modules/kurento/WebRtcEndpoint.conf.ini");
    assertEquals("from " + webRtcFile, result.settings()
        .setting("modules.kurento.WebRtcEndpoint.stunServerPort").orElseThrow().origin());
  }

  @Test
  void keyFollowsTheSubDirectories() {
    TestFiles.write(dir.resolve("modules/kurento/WebRtcEndpoint.conf.ini"), "stunServerPort=1\n");
    TestFiles.write(dir.resolve("modules/acme/video/Blur.conf.ini"), "[radius]\nmax=9\n");
    TestFiles.write(dir.resolve("modules/Top.conf.json"), "{\"a\": {\"b\": \"c\"}}");
    Settings s = ModuleConfigLoader.load(List.of(dir.resolve("modules"))).settings();
    assertEquals(Optional.of("1"), s.value("modules.kurento.WebRtcEndpoint.stunServerPort"));
    assertEquals(Optional.of("9"), s.value("modules.acme.video.Blur.radius.max"));
    assertEquals(Optional.of("c"), s.value("modules.Top.a.b"));
    assertEquals(Optional.of("9"), s.forModule("acme").value("video.Blur", "radius.max"));
    assertEquals(Optional.empty(), s.forModule("kurento").value("Blur", "radius.max"));
  }

  @Test
  void jsonFileOverridesIniFileOfTheSameName() {
    TestFiles.write(dir.resolve("modules/kurento/X.conf.ini"), "a=ini\nb=ini\n");
    TestFiles.write(dir.resolve("modules/kurento/X.conf.json"), "{\"a\": \"json\"}");
    Settings s = ModuleConfigLoader.load(List.of(dir.resolve("modules"))).settings();
    assertEquals(Optional.of("json"), s.value("modules.kurento.X.a"));
    assertEquals(Optional.of("ini"), s.value("modules.kurento.X.b"));
  }

  @Test
  void laterLocationOverridesEarlierOne() {
    TestFiles.write(dir.resolve("base/kurento/BaseRtpEndpoint.conf.ini"), "minPort=1\nmtu=1\n");
    TestFiles.write(dir.resolve("site/kurento/BaseRtpEndpoint.conf.ini"), "minPort=2\n");
    Settings s = ModuleConfigLoader.load(List.of(dir.resolve("base"), dir.resolve("site")))
        .settings();
    assertEquals(Optional.of("2"), s.value("modules.kurento.BaseRtpEndpoint.minPort"));
    assertEquals(Optional.of("1"), s.value("modules.kurento.BaseRtpEndpoint.mtu"));
  }

  @Test
  void missingDirectoryIsAWarning() {
    ModuleConfigLoader.Result result = ModuleConfigLoader.load(List.of(dir.resolve("nowhere")));
    assertEquals(Settings.empty().keys(), result.settings().keys());
    assertEquals(1, result.warnings().size());
    assertTrue(result.warnings().get(0).contains(dir.resolve("nowhere").toString()));
  }

  @Test
  void otherFilesAreIgnoredWithAWarning() {
    TestFiles.write(dir.resolve("modules/kurento/README"), "docs");
    TestFiles.write(dir.resolve("modules/kurento/X.conf.xml"), "<a/>");
    TestFiles.write(dir.resolve("modules/kurento/X.conf.info"), "a 1");
    TestFiles.write(dir.resolve("modules/kurento/.conf.ini"), "hidden=1");
    TestFiles.write(dir.resolve("modules/kurento/.X.conf.ini.swp"), "binary");
    TestFiles.write(dir.resolve("modules/kurento/..data/X.conf.ini"), "twice=1");
    ModuleConfigLoader.Result result = ModuleConfigLoader.load(List.of(dir.resolve("modules")));
    assertEquals(Settings.empty().keys(), result.settings().keys());
    assertEquals(3, result.warnings().size(), result.warnings().toString());
  }

  @Test
  void followsSymbolicLinksAsAMountedConfigMapHasThem() throws IOException {
    Path data = TestFiles.write(dir.resolve("modules/kurento/..2024/WebRtcEndpoint.conf.ini"),
        "stunServerPort=5349\n");
    Files.createSymbolicLink(dir.resolve("modules/kurento/WebRtcEndpoint.conf.ini"), data);
    Files.createSymbolicLink(dir.resolve("modules/loop"), dir.resolve("modules"));
    Settings s = ModuleConfigLoader.load(List.of(dir.resolve("modules"))).settings();
    assertEquals(Optional.of("5349"), s.value("modules.kurento.WebRtcEndpoint.stunServerPort"));
    assertEquals(1, s.keys().size(), "the linked loop is read once: " + s.keys());
  }

  @Test
  void aBrokenFileStopsStartUp() {
    Path bad = TestFiles.write(dir.resolve("modules/kurento/WebRtcEndpoint.conf.ini"),
        "stunServerPort 3478\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ModuleConfigLoader.load(List.of(dir.resolve("modules"))));
    assertTrue(e.getMessage().startsWith(bad + ":1: "), e.getMessage());
  }
}
