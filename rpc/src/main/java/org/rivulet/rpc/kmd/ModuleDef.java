package org.rivulet.rpc.kmd;

/**
 * A loaded module descriptor.
 *
 * @param wireModule the module name in object ids and {@code __module__} markers: {@code kurento}
 *     for Kurento's own core, elements and filters, the module's own name for plugins
 * @param kmdText the descriptor as minified JSON, which {@code getKmd} returns
 */
public record ModuleDef(String name, String version, String wireModule, String kmdText) {
}
