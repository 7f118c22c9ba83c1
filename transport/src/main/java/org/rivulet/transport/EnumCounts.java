package org.rivulet.transport;

/**
 * Formats counters kept in a {@code long[]} indexed by an enum's ordinal, for logs: only the
 * non-zero ones, in declaration order, as {@code {MEDIA=120, EMPTY=1}} ({@code {}} when all are
 * zero). The drop and outcome counters of the transport, SRTP and RTP sessions all print this way.
 */
public final class EnumCounts {
  private EnumCounts() {
  }

  /** {@code counts[i]} belongs to {@code constants[i]}; the arrays have the same length. */
  public static String nonZero(Enum<?>[] constants, long[] counts) {
    StringBuilder sb = new StringBuilder("{");
    for (Enum<?> c : constants) {
      long n = counts[c.ordinal()];
      if (n != 0) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(c).append('=').append(n);
      }
    }
    return sb.append('}').toString();
  }
}
