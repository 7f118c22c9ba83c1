package org.rivulet.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files into a test's temporary directory. */
final class TestFiles {

  private TestFiles() {}

  /** Writes {@code text} to {@code file}, creating its directories; returns {@code file}. */
  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the fixture {@code name} (relative to this package in the test resources) to the same
   * relative path under {@code dir}; returns the copy.
   */
  static Path fixture(String name, Path dir) {
    Path target = dir.resolve(name);
    try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The modules fixtures Kurento ships, copied under {@code dir/modules/kurento}. */
  static void kurentoModuleFixtures(Path dir) {
    for (String name : new String[] {"BaseRtpEndpoint.conf.ini", "WebRtcEndpoint.conf.ini",
        "MediaElement.conf.ini", "SdpEndpoint.conf.json", "UriEndpoint.conf.ini"}) {
      fixture("modules/kurento/" + name, dir);
    }
  }
}
