package org.rivulet.elements.endpoint;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.Struct;
import org.rivulet.elements.error.ErrorEvents;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.elements.rtpendpoint.RtpMedia;

/**
 * Kurento's RtpEndpoint: plain RTP (RTP/AVP, RTP/AVPF) with a port pair per m-line, to bridge SIP
 * gateways, streaming tools and other servers into the graph; RTP/SAVP(F) with SDES keys (RFC 4568
 * a=crypto) when {@code crypto} is given.
 */
public class RtpEndpoint extends BaseRtpEndpoint {
  private final Struct crypto;
  private final boolean useIpv6;
  private RtpMedia media;

  public RtpEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "RtpEndpoint", pipeline);
    this.crypto = params.struct("crypto");
    this.useIpv6 = params.bool("useIpv6", false);
    register();
  }

  /** The SDES parameters, or null for plain RTP. */
  public Struct crypto() {
    return crypto;
  }

  public boolean useIpv6() {
    return useIpv6;
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "processOffer": {
        String offer = args.string("offer");
        return media().processOffer(offer).thenApply(sdp -> {
          setRemoteDescription(offer);
          setLocalDescription(sdp);
          return sdp;
        });
      }
      case "generateOffer": {
        Struct options = args.struct("options");
        boolean audio = options == null || !Boolean.FALSE.equals(options.get("offerToReceiveAudio"));
        boolean video = options == null || !Boolean.FALSE.equals(options.get("offerToReceiveVideo"));
        CompletionStage<String> offer = media().generateOffer(audio, video);
        return offer.thenApply(sdp -> {
          setLocalDescription(sdp);
          return sdp;
        });
      }
      case "processAnswer": {
        String answer = args.string("answer");
        String result = media().processAnswer(answer);
        setRemoteDescription(answer);
        return result;
      }
      default:
        return super.invoke(operation, args);
    }
  }

  private RtpMedia media() {
    if (media == null) {
      if (context.network() == null) {
        throw new KurentoException(KurentoError.NOT_IMPLEMENTED,
            "This server was started without network access for media");
      }
      media = new RtpMedia(getId(), getMediaPipeline().loop(), context.network(),
          context.config(), useIpv6, crypto, new RtpMedia.Callbacks() {
            @Override
            public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos) {
              noteMediaIn(kind);
              getMediaPipeline().markIngress(arrivalNanos);
              emitRtp(kind, format, rtp);
            }

            @Override
            public void keyframeRequested(MediaType kind) {
              requestKeyframeUpstream(kind);
            }

            @Override
            public void mediaSent(MediaType kind) {
              noteMediaOut(kind);
            }

            @Override
            public void keySoftLimit(MediaType kind) {
              fire("OnKeySoftLimit", Map.of("mediaType", kind.name()));
            }

            @Override
            public void connected() {
              mediaState("CONNECTED");
            }

            @Override
            public void error(Map<String, Object> event) {
              fire(ErrorEvents.ERROR, event);
            }
          });
    }
    return media;
  }

  @Override
  protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
    if (media == null) {
      rtp.release();
    } else {
      media.send(type, format, rtp); // noted as flowing out once made (mediaSent)
    }
  }

  @Override
  protected void onKeyframeRequest(MediaType type) {
    if (media != null && type == MediaType.VIDEO) {
      media.requestKeyframe();
    }
  }

  @Override
  protected Map<String, Struct> stats(MediaType type) {
    return rtpStats(type, media == null ? List.of() : media.sessions(), null);
  }

  /** Datagrams dropped because they came from an address the SDP did not announce. */
  public long unannouncedDrops() {
    return media == null ? 0 : media.unannouncedDrops();
  }

  @Override
  protected void onRelease() {
    super.onRelease();
    if (media != null) {
      media.close();
    }
  }
}
