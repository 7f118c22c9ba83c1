package org.rivulet.rpc.kmd;

import java.util.List;

/** An event type; its fields are its own properties plus those of its ancestors. */
public record EventDef(String name, String module, String parent, List<ParamDef> properties) {
}
