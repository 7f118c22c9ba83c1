package org.rivulet.rpc.kmd;

import java.util.List;

/**
 * A complex type: an ENUM (a bare string from {@code values}) or a REGISTER (an object with
 * {@code properties}, possibly extending another REGISTER type).
 */
public record ComplexTypeDef(String name, String module, boolean isEnum, List<String> values,
    String parent, List<ParamDef> properties) {
}
