package org.rivulet.rpc.kmd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A constructor or method parameter, or a field of a complex type or event.
 *
 * @param type the descriptor's type expression: {@code int}, {@code String[]}, {@code Stats<>}...
 * @param defaultValue the descriptor's default, or null
 */
public record ParamDef(String name, String type, boolean optional, JsonNode defaultValue) {
}
