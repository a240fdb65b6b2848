package dev.tokengate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Fast unit tests of the servlet filter on mocked requests. */
class WebhookFilterUnitTest {

    private static final String SECRET = WebhookSecrets.generate();

    private static HttpServletRequest request(Map<String, String> headers, byte[] body, long declaredLength) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        when(req.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
            }

            @Override
            public int read() {
                return in.read();
            }
        });
        when(req.getContentLengthLong()).thenReturn(declaredLength);
        when(req.getHeaders(anyString())).thenAnswer(a -> {
            String name = a.getArgument(0);
            return Collections.enumeration(headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).toList());
        });
        when(req.getRequestURI()).thenReturn("/hook");
        return req;
    }

    private static HttpServletResponse response(ByteArrayOutputStream out) throws Exception {
        HttpServletResponse res = mock(HttpServletResponse.class);
        when(res.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }

            @Override
            public void write(int b) {
                out.write(b);
            }
        });
        return res;
    }

    @Test
    void doFilterWhenValidThenChainGetsRereadableRequestWithDelivery() throws Exception {
        byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = WebhookSigner.builder().secret(SECRET).build().sign("msg_u1", body);
        WebhookFilter filter = new WebhookFilter(WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET).build());
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(request(h, body, body.length), response(new ByteArrayOutputStream()), chain);
        ArgumentCaptor<jakarta.servlet.ServletRequest> passed = ArgumentCaptor.forClass(jakarta.servlet.ServletRequest.class);
        verify(chain).doFilter(passed.capture(), any());
        HttpServletRequest downstream = (HttpServletRequest) passed.getValue();
        assertThat(downstream.getInputStream().readAllBytes()).isEqualTo(body);
        assertThat(downstream.getReader().readLine()).isEqualTo("{\"x\":1}");
        assertThat(downstream.getContentLength()).isEqualTo(body.length);
    }

    @Test
    void doFilterWhenDeclaredLengthOverLimitThen413WithoutReading() throws Exception {
        WebhookFilter filter = new WebhookFilter(WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(SECRET)
                .maxBodySize(10).build());
        FilterChain chain = mock(FilterChain.class);
        HttpServletRequest req = request(Map.of(), new byte[0], 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse res = response(out);
        filter.doFilter(req, res, chain);
        verify(res).setStatus(413);
        verify(res).setContentType("application/problem+json");
        verify(chain, never()).doFilter(any(), any());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"code\":\"WEBHOOK_TOO_LARGE\"");
    }

    @Test
    void initWhenUnknownOrMissingParamThenServletException() {
        FilterConfig unknown = mock(FilterConfig.class);
        when(unknown.getInitParameterNames()).thenReturn(Collections.enumeration(List.of("scheme", "secert")));
        assertThatThrownBy(() -> new WebhookFilter().init(unknown)).isInstanceOf(ServletException.class).hasMessageContaining("secert");
        FilterConfig noSecret = mock(FilterConfig.class);
        when(noSecret.getInitParameterNames()).thenReturn(Collections.enumeration(List.of("scheme")));
        when(noSecret.getInitParameter("scheme")).thenReturn("GITHUB");
        assertThatThrownBy(() -> new WebhookFilter().init(noSecret)).isInstanceOf(ServletException.class).hasMessageContaining("secret");
        FilterConfig token = mock(FilterConfig.class);
        when(token.getInitParameterNames()).thenReturn(Collections.enumeration(List.of("scheme", "secret")));
        when(token.getInitParameter("scheme")).thenReturn("TOKEN");
        when(token.getInitParameter("secret")).thenReturn(SECRET);
        assertThatThrownBy(() -> new WebhookFilter().init(token)).isInstanceOf(ServletException.class).hasMessageContaining("in code");
        FilterConfig badTolerance = mock(FilterConfig.class);
        when(badTolerance.getInitParameterNames()).thenReturn(Collections.enumeration(List.of("scheme", "secret", "tolerance-seconds")));
        when(badTolerance.getInitParameter("scheme")).thenReturn("STANDARD");
        when(badTolerance.getInitParameter("secret")).thenReturn(SECRET);
        when(badTolerance.getInitParameter("tolerance-seconds")).thenReturn("7200");
        assertThatThrownBy(() -> new WebhookFilter().init(badTolerance)).isInstanceOf(ServletException.class)
                .hasMessageContaining("tolerance").hasMessageNotContaining(SECRET.substring(6));
    }
}
