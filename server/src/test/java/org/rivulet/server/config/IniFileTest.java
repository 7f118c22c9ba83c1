package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IniFileTest {

  @TempDir
  Path dir;

  @Test
  void readsKeysValuesCommentsAndSections() {
    Map<String, String> values = IniFile.parse("""
        ; a Kurento comment
        # a shell comment
          stunServerAddress =  198.51.100.20\s\s
        empty=

        [section]
        key=value
        [ other ]
        key = "quoted value"
        single='quoted'
        """, "test.ini");
    assertEquals(Map.of(
        "stunServerAddress", "198.51.100.20",
        "empty", "",
        "section.key", "value",
        "other.key", "quoted value",
        "other.single", "quoted"), values);
    assertEquals(List.of("stunServerAddress", "empty", "section.key", "other.key", "other.single"),
        List.copyOf(values.keySet()), "file order is kept");
  }

  @Test
  void valueRunsToTheEndOfTheLine() {
    Map<String, String> values = IniFile.parse("turnURL=user:p=a;s#s@198.51.100.21:3478\n", "t");
    assertEquals("user:p=a;s#s@198.51.100.21:3478", values.get("turnURL"),
        "no inline comments: '=', ';' and '#' belong to the value");
  }

  @Test
  void onlyMatchingQuotesAreStripped() {
    Map<String, String> values = IniFile.parse("a=\"x'\nb=\"\ny=\"\"\n", "t");
    assertEquals("\"x'", values.get("a"));
    assertEquals("\"", values.get("b"));
    assertEquals("", values.get("y"));
  }

  @Test
  void acceptsWindowsLineEndingsAndAByteOrderMark() {
    Map<String, String> values = IniFile.parse("\uFEFFminPort=1\r\nmaxPort=2\r\n", "t");
    assertEquals(Map.of("minPort", "1", "maxPort", "2"), values);
  }

  @Test
  void readsAFile() {
    Path file = TestFiles.write(dir.resolve("X.conf.ini"), "mtu=1400\n");
    assertEquals(Map.of("mtu", "1400"), IniFile.read(file));
  }

  @Test
  void refusesInvalidUtf8() throws IOException {
    Path file = Files.write(dir.resolve("bad.conf.ini"), new byte[] {'a', '=', (byte) 0xC3});
    ConfigException e = assertThrows(ConfigException.class, () -> IniFile.read(file));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      line without '='         | a=1\\nstunServerAddress 1.2.3.4 | t.ini:2: expected key=value
      missing key              | =1                              | t.ini:1: a key is missing
      unclosed section         | [section                        | t.ini:1: a section header must
      empty section            | []                              | t.ini:1: empty section name
      key set twice            | a=1\\na=2                       | t.ini:2: a is set twice
      key set twice in section | [s]\\na=1\\n[s]\\na=2           | t.ini:4: s.a is set twice
      """)
  void reportsFileAndLine(String name, String text, String expected) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> IniFile.parse(text.replace("\\n", "\n"), "t.ini"));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
