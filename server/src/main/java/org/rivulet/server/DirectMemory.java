package org.rivulet.server;

/**
 * Makes Netty allocate direct memory that fails fast when the limit is reached.
 *
 * <p>Why: on JDK 9 and later Netty cannot reach {@code DirectByteBuffer}'s private constructor
 * unless told to try, and then allocates through {@code ByteBuffer.allocateDirect}, whose
 * accounting ({@code java.nio.Bits}) answers a full {@code -XX:MaxDirectMemorySize} by calling
 * {@code System.gc()} and sleeping up to about half a second, on the event loop that asked, before
 * it throws. With a small limit every datagram read then stalls its loop, and every other socket
 * on it (RELIABILITY.md B12.139). With the constructor reachable (the jar's manifest opens
 * {@code java.nio}), Netty counts its own direct memory and throws {@code OutOfDirectMemoryError}
 * at once: the datagram is dropped, counted, and the loop goes on.
 */
final class DirectMemory {
  static final String TRY_REFLECTION = "io.netty.tryReflectionSetAccessible";

  private DirectMemory() {
  }

  /** Call before any Netty class loads; an explicit setting on the command line wins. */
  static void failFast() {
    if (System.getProperty(TRY_REFLECTION) == null) {
      System.setProperty(TRY_REFLECTION, "true");
    }
  }
}
