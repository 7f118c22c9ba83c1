package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  @Test
  void nothingGiven() {
    assertEquals(new CommandLine(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), CommandLine.parse(new String[0]));
  }

  @Test
  void longFormsWithSpaceOrEquals() {
    CommandLine c = CommandLine.parse(new String[] {"--conf-file", "/a.json",
        "--modules-config-path=/m1:/m2", "--port=9999", "--address", "::"});
    assertEquals(Optional.of("/a.json"), c.confFile());
    assertEquals(Optional.of("/m1:/m2"), c.modulesConfigPath());
    assertEquals(Optional.of("9999"), c.port());
    assertEquals(Optional.of("::"), c.address());
  }

  @Test
  void shortForms() {
    CommandLine c = CommandLine.parse(new String[] {"-f", "k.json", "-c", "mods"});
    assertEquals(Optional.of("k.json"), c.confFile());
    assertEquals(Optional.of("mods"), c.modulesConfigPath());
  }

  @Test
  void valueMayContainEquals() {
    assertEquals(Optional.of("a=b.json"),
        CommandLine.parse(new String[] {"--conf-file=a=b.json"}).confFile());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--verbose", "--gst-debug=3", "-x", "kurento.conf.json", "--help"})
  void rejectsUnknownArguments(String arg) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> CommandLine.parse(new String[] {arg}));
    assertTrue(e.getMessage().startsWith("Unknown command-line argument \"" + arg + "\""),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing value       | --port                  | --port: a value is required
      missing short value | -f                      | -f: a value is required
      repeated option     | -f,a.json,--conf-file=b | --conf-file: given more than once
      """)
  void rejects(String name, String args, String expected) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> CommandLine.parse(args.split(",")));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
