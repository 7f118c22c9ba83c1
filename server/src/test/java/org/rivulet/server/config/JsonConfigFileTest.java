package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonConfigFileTest {

  @TempDir
  Path dir;

  private Settings flatten(String json, String prefix) {
    Path file = TestFiles.write(dir.resolve("x.conf.json"), json);
    Settings.Builder builder = Settings.builder();
    JsonConfigFile.flatten(JsonConfigFile.read(file), prefix, file, builder);
    return builder.build();
  }

  @Test
  void flattensObjectsToDottedKeysAndScalarsToText() {
    Settings s = flatten("""
        {"a": {"b": {"c": 1}, "d": "text", "e": true, "f": 0.5, "g": null, "h": {}}}
        """, "");
    assertEquals(Optional.of("1"), s.value("a.b.c"));
    assertEquals(Optional.of("text"), s.value("a.d"));
    assertEquals(Optional.of("true"), s.value("a.e"));
    assertEquals(Optional.of("0.5"), s.value("a.f"));
    assertEquals(List.of("a.b.c", "a.d", "a.e", "a.f"), List.copyOf(s.keys()),
        "null and empty objects are absent");
  }

  @Test
  void arraysBecomeListsOfScalarsOrNames() {
    Settings s = flatten("""
        {"audioCodecs": [{"name": "opus/48000/2"}, {"name": "PCMU/8000", "other": 1}],
         "plain": ["a", 2], "empty": []}
        """, "modules.kurento.SdpEndpoint");
    assertEquals(List.of("opus/48000/2", "PCMU/8000"),
        s.list("modules.kurento.SdpEndpoint.audioCodecs"));
    assertEquals(List.of("a", "2"), s.list("modules.kurento.SdpEndpoint.plain"));
    assertEquals(List.of(), s.list("modules.kurento.SdpEndpoint.empty"));
    assertTrue(s.setting("modules.kurento.SdpEndpoint.empty").orElseThrow().isList());
  }

  @Test
  void refusesArrayEntriesWithoutAName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> flatten("{\"videoCodecs\": [{\"name\": \"VP8/90000\"}, {\"codec\": \"x\"}]}",
            "modules.kurento.SdpEndpoint"));
    assertTrue(e.getMessage().startsWith("modules.kurento.SdpEndpoint.videoCodecs[1]: "),
        e.getMessage());
  }

  @Test
  void acceptsCommentsAndTrailingCommas() {
    Path file = TestFiles.write(dir.resolve("c.json"), """
        // leading comment
        {
          /* block */ "a": 1, // trailing comment
          "b": [1, 2,],
        }
        """);
    JsonNode root = JsonConfigFile.read(file);
    assertEquals(1, root.get("a").asInt());
    assertEquals(2, root.get("b").size());
  }

  @Test
  void writesCompactJson() {
    Path file = TestFiles.write(dir.resolve("m.json"), "{ \"a\" : [ 1 , { \"b\" : null } ] }");
    assertEquals("{\"a\":[1,{\"b\":null}]}", JsonConfigFile.toJson(JsonConfigFile.read(file)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      syntax error names the line  | {\\n"a": 1\\n"b": 2}   | invalid JSON at line 3
      empty file                   | ''                    | the file is empty
      only a comment               | // nothing            | the file is empty
      array at the top             | [1, 2]                | expected a JSON object
      content after the object     | {"a": 1} {"b": 2}     | invalid JSON
      """)
  void reportsTheFile(String name, String text, String expected) {
    Path file = TestFiles.write(dir.resolve("bad.json"), text.replace("\\n", "\n"));
    ConfigException e = assertThrows(ConfigException.class, () -> JsonConfigFile.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
