package org.rivulet.rpc.kmd;

/**
 * A remote class property. Getters exist for all; setters only for those neither final nor
 * read-only.
 */
public record PropertyDef(String name, String type, boolean isFinal, boolean readOnly) {
  public boolean writable() {
    return !isFinal && !readOnly;
  }
}
