package org.rivulet.server.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parser for Kurento's module {@code .conf.ini} files ({@code WebRtcEndpoint.conf.ini} and the
 * like), which the packages ship and the Docker entrypoint rewrites.
 *
 * <p>The format is the small INI dialect of {@code boost::property_tree::read_ini}:
 * <ul>
 *   <li>{@code key=value} lines; the value runs to the end of the line, so it may contain
 *       {@code =}, {@code ;} or {@code #} (a TURN password may), and there are no inline
 *       comments;
 *   <li>whole-line comments starting with {@code ;} (what Kurento ships) or {@code #};
 *   <li>{@code [section]} headers, which prefix the following keys with {@code section.};
 *   <li>whitespace around keys and values is trimmed, and one pair of matching double or single
 *       quotes around a value is removed, since operators often quote values by habit;
 *   <li>a key given twice in the same section is an error, as in boost, because only one of the two
 *       could win and the reader could not tell which.
 * </ul>
 * A line that is none of these is an error naming the file and line: Kurento would skip the whole
 * file with a warning, which hides the mistake, so Rivulet refuses to start instead.
 */
final class IniFile {

  private IniFile() {}

  /** Reads and parses {@code file} as UTF-8. */
  static Map<String, String> read(Path file) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses INI text into keys (prefixed by their section) and values, in file order.
   *
   * @param source the file name, for error messages
   */
  static Map<String, String> parse(String text, String source) {
    Map<String, String> values = new LinkedHashMap<>();
    String section = "";
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      line = line.strip();
      int lineNumber = i + 1;
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = sectionName(line, source, lineNumber);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(
            source + ":" + lineNumber + ": expected key=value, [section] or a ; comment, found \""
                + line + "\"");
      }
      String key = line.substring(0, eq).strip();
      if (key.isEmpty()) {
        throw new ConfigException(source + ":" + lineNumber + ": a key is missing before '='");
      }
      String fullKey = section.isEmpty() ? key : section + "." + key;
      if (values.containsKey(fullKey)) {
        throw new ConfigException(
            source + ":" + lineNumber + ": " + fullKey + " is set twice in the same file");
      }
      values.put(fullKey, unquote(line.substring(eq + 1).strip()));
    }
    return Collections.unmodifiableMap(values);
  }

  private static String sectionName(String line, String source, int lineNumber) {
    if (!line.endsWith("]")) {
      throw new ConfigException(
          source + ":" + lineNumber + ": a section header must end with ']', found \"" + line
              + "\"");
    }
    String name = line.substring(1, line.length() - 1).strip();
    if (name.isEmpty()) {
      throw new ConfigException(source + ":" + lineNumber + ": empty section name");
    }
    return name;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }
}
