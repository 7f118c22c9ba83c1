package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Chooses the codecs of an answer from those offered and those supported locally (RFC 3264 section 6.1).
 *
 * <p>The answer keeps the offerer's order and payload types. A codec is accepted when a local codec
 * {@link Codec#matches matches} it; its feedback is the intersection of both sides (RFC 4585 section 4.2:
 * an answer may only keep offered feedback). Its parameters are the local ones, except that H.264 answers
 * with the offered profile at a level both can handle (RFC 6184 section 8.2.2) and RED keeps the offered
 * parameters, which name offered payload types (RFC 2198 section 5). An offered RTX format is accepted
 * when the payload type it repairs was accepted and RTX is supported at that clock rate; it follows the
 * codec it repairs, with {@code apt} pointing at it (RFC 4588 section 8.1).
 *
 * <p>Stateless; any thread.
 */
public final class CodecNegotiation {

  private CodecNegotiation() {}

  /**
   * The codecs to answer with, in the offerer's order; empty when nothing matches (the section is then
   * rejected with port 0, RFC 3264 section 6).
   *
   * @param offered the offered codecs, from {@link MediaDescription#codecs()}
   * @param supported the local codecs in local preference order; their payload types do not matter
   */
  public static List<Codec> answer(List<Codec> offered, List<Codec> supported) {
    List<Codec> accepted = new ArrayList<>();
    for (Codec off : offered) {
      if (off.isRtx()) {
        continue;
      }
      for (Codec local : supported) {
        if (!local.isRtx() && local.matches(off)) {
          accepted.add(answerCodec(off, local));
          break;
        }
      }
    }
    List<Codec> out = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (Codec codec : accepted) {
      out.add(codec);
      used.add(codec.payloadType());
      for (Codec off : offered) {
        OptionalInt apt = off.associatedPayloadType();
        if (off.isRtx() && apt.isPresent() && apt.getAsInt() == codec.payloadType()
            && supportsRtx(supported, off.clockRate()) && used.add(off.payloadType())) {
          out.add(Codec.of(off.payloadType(), off.name(), off.clockRate()).withParameters("apt=" + apt.getAsInt()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean supportsRtx(List<Codec> supported, int clockRate) {
    for (Codec c : supported) {
      if (c.isRtx() && c.clockRate() == clockRate) {
        return true;
      }
    }
    return false;
  }

  private static Codec answerCodec(Codec off, Codec local) {
    List<RtcpFeedback> feedback = new ArrayList<>();
    for (RtcpFeedback fb : off.feedback()) {
      if (local.feedback().contains(fb)) {
        feedback.add(fb);
      }
    }
    String parameters = local.parameters();
    if (off.is(Codec.RED)) {
      parameters = off.parameters();
    } else if (off.is("H264")) {
      parameters = h264Parameters(off, local);
    }
    return new Codec(off.payloadType(), off.name(), off.clockRate(), off.channels(), parameters, feedback);
  }

  /**
   * The local H.264 parameters with profile-level-id set to the offered profile at the level the answer
   * may use: the local level when both sides allow level asymmetry, else the lower of the two (RFC 6184
   * section 8.2.2).
   */
  private static String h264Parameters(Codec off, Codec local) {
    Optional<H264ProfileLevelId> o = off.h264ProfileLevelId();
    Optional<H264ProfileLevelId> l = local.h264ProfileLevelId();
    if (o.isEmpty() || l.isEmpty()) {
      return local.parameters(); // matches() rejects this case; kept total for safety
    }
    boolean asymmetry = "1".equals(off.parameterOr("level-asymmetry-allowed", "0"))
        && "1".equals(local.parameterOr("level-asymmetry-allowed", "0"));
    H264ProfileLevelId level = asymmetry || l.get().levelRank() <= o.get().levelRank() ? l.get() : o.get();
    String value = o.get().withLevelOf(level).format();
    Map<String, String> map = new LinkedHashMap<>();
    boolean set = false;
    for (Map.Entry<String, String> e : local.parameterMap().entrySet()) {
      if (e.getKey().equalsIgnoreCase("profile-level-id")) {
        map.put(e.getKey(), value);
        set = true;
      } else {
        map.put(e.getKey(), e.getValue());
      }
    }
    if (!set) {
      map.put("profile-level-id", value);
    }
    return Fmtp.join(map);
  }
}
