package dev.coffer.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class InterimResponsesTest {

    @Test
    void continueLosesItsConnectionClose() {
        assertThat(written(HttpResponseStatus.CONTINUE, "close").headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
    }

    @Test
    void finalResponseKeepsItsConnectionClose() {
        assertThat(written(HttpResponseStatus.OK, "close").headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    }

    @Test
    void switchingProtocolsKeepsItsConnectionUpgrade() {
        assertThat(written(HttpResponseStatus.SWITCHING_PROTOCOLS, "upgrade").headers().get(HttpHeaderNames.CONNECTION))
                .isEqualTo("upgrade");
    }

    private static HttpResponse written(HttpResponseStatus status, String connection) {
        EmbeddedChannel channel = new EmbeddedChannel(InterimResponses.INSTANCE);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONNECTION, connection);
        channel.writeOutbound(response);
        HttpResponse out = channel.readOutbound();
        channel.finishAndReleaseAll();
        return out;
    }
}
