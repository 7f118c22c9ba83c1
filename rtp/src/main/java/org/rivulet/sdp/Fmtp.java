package org.rivulet.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 section 6.15), for example
 * {@code a=fmtp:111 minptime=10;useinbandfec=1}.
 *
 * <p>The parameters are kept as written, because not every format uses {@code key=value} pairs (RED
 * writes {@code 111/111}, telephone-event {@code 0-15}); {@link #parameterMap()} reads the pairs.
 *
 * @param format the format, a payload type for RTP
 * @param parameters the parameter text without surrounding spaces; may be empty
 */
public record Fmtp(String format, String parameters) implements SdpAttribute {

  /** Checks the fields. */
  public Fmtp {
    Syntax.requireWord(format, "fmtp format");
    Syntax.requireText(parameters, "fmtp parameters");
    if (!Syntax.trim(parameters).equals(parameters)) {
      throw new IllegalArgumentException("fmtp parameters start or end with a space");
    }
  }

  /** The fmtp of payload type {@code pt} with {@code key=value} pairs joined by {@code ;}, in map order. */
  public static Fmtp of(int pt, Map<String, String> parameters) {
    return new Fmtp(Integer.toString(pt), join(parameters));
  }

  static Fmtp parse(String value) throws SdpParseException {
    String v = Syntax.trim(value);
    int space = Syntax.indexOfSpace(v);
    String format = space < 0 ? v : v.substring(0, space);
    String params = space < 0 ? "" : Syntax.trim(v.substring(space));
    return Syntax.build(SdpParseException.Reason.BAD_FMTP, () -> new Fmtp(format, params));
  }

  /** The payload type this fmtp applies to, or -1 when the format is not a number 0..127. */
  public int payloadType() {
    return (int) Syntax.number(format, 0, 127);
  }

  /**
   * The parameters as an ordered map. Each {@code ;}-separated item is split at its first {@code =}
   * and trimmed; an item without {@code =} maps to the empty string; the first of repeated keys wins.
   */
  public Map<String, String> parameterMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String item : parameters.split(";", -1)) {
      String t = Syntax.trim(item);
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      String key = eq < 0 ? t : Syntax.trim(t.substring(0, eq));
      String val = eq < 0 ? "" : Syntax.trim(t.substring(eq + 1));
      map.putIfAbsent(key, val);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The value of parameter {@code name}, compared case-insensitively (RFC 4855 section 3). */
  public Optional<String> parameter(String name) {
    for (Map.Entry<String, String> e : parameterMap().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** {@code key=value;key=value}; a key with an empty value is written alone, as RED's {@code 111/111}. */
  static String join(Map<String, String> parameters) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(e.getKey());
      if (!e.getValue().isEmpty()) {
        sb.append('=').append(e.getValue());
      }
    }
    return sb.toString();
  }

  @Override
  public String attributeName() {
    return "fmtp";
  }

  @Override
  public String attributeValue() {
    return parameters.isEmpty() ? format : format + " " + parameters;
  }
}
