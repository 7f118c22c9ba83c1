package org.rivulet.rpc.kmd;

import java.util.List;

/** A remote class of a module descriptor (MediaPipeline, WebRtcEndpoint...). */
public record RemoteClassDef(String name, String module, boolean isAbstract, String parent,
    List<ParamDef> constructorParams, List<PropertyDef> properties, List<MethodDef> methods,
    List<String> events) {
}
