package org.rivulet.elements;

import java.util.List;

/**
 * What {@link ServerManager} reports that the object model itself does not know: the loaded
 * modules and their descriptors, the protocol sessions and the configured metadata. Provided by
 * the RPC layer, which owns the descriptors and the sessions.
 */
public interface ServerEnvironment {

  /** {@code ServerInfo} ({@code version}, {@code modules}, {@code type}, {@code capabilities}). */
  Struct serverInfo();

  /** The module's descriptor as minified JSON text, or null when no such module is loaded. */
  String kmd(String moduleName);

  /** Ids of the sessions the server knows. */
  List<String> sessions();

  /** The configuration's top-level {@code metadata} node as JSON text, or "". */
  String metadata();
}
