package org.rivulet.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the payload of one WebSocket message into the JSON values it holds: usually one, but
 * several back to back are accepted ({@code {...}{...}}, kurento-protocol.md 1.1).
 *
 * <p>Bounds (RELIABILITY.md B10, CVE-2025-52999): nesting at most {@value #MAX_DEPTH} levels, strings
 * at most 1 MiB (SDPs are the largest), numbers at most 64 digits, names at most 1 KiB. Values that
 * break them, and text that is not JSON, give a {@link Result} with an error message instead of
 * values; the values decoded before the bad one are kept. Thread-safe.
 */
public final class JsonRpcDecoder {
  public static final int MAX_DEPTH = 64;

  private final ObjectMapper mapper;

  public JsonRpcDecoder() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(1 << 20)
            .maxNumberLength(64)
            .maxNameLength(1024)
            .build())
        .build();
    this.mapper = new ObjectMapper(factory);
  }

  /** The decoded values, and why decoding stopped early (null when it did not). */
  public record Result(List<JsonNode> values, String error) {
  }

  public Result decode(byte[] payload) {
    List<JsonNode> values = new ArrayList<>(1);
    try (JsonParser parser = mapper.createParser(payload)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.NOT_AVAILABLE) {
          break;
        }
        JsonNode value = mapper.readTree(parser);
        if (value == null) {
          break;
        }
        values.add(value);
      }
      if (values.isEmpty()) {
        return new Result(values, "Parse error: empty message");
      }
      return new Result(values, null);
    } catch (StreamConstraintsException e) {
      return new Result(values, "Parse error: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      return new Result(values, "Parse error.");
    }
  }

  /** The mapper used for writing responses (no read limits matter there). */
  public ObjectMapper mapper() {
    return mapper;
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
