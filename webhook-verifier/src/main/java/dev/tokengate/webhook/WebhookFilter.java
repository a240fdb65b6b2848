package dev.tokengate.webhook;

import dev.tokengate.core.LogSafe;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.http.ErrorResponse;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that verifies webhook deliveries before the application sees them.
 *
 * <p>It reads the raw body first, before anything can read parameters (bounded: a
 * {@code Content-Length} over the limit is refused unread, a longer stream as soon as it passes
 * the limit, both with 413), verifies it with its {@link WebhookVerifier}, and hands downstream
 * a request whose body can be read again (as a stream, a reader, or form parameters) and whose
 * attribute {@link WebhookDelivery#ATTRIBUTE} holds the {@link WebhookDelivery}. A refused
 * delivery gets the status of its error code and an {@code application/problem+json} body
 * ({@code type}, {@code title}, {@code status}, {@code detail}, {@code code}) that echoes nothing
 * of the request; the chain is not called.
 *
 * <p>Construct it in code with a ready verifier, or declare it in {@code web.xml} with these
 * init-params (an unknown or contradictory parameter fails {@code init()}):
 * <table>
 * <caption>init-params</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #PARAM_SCHEME}</td><td>(required)</td><td>{@code STANDARD}, {@code GITHUB},
 *     {@code STRIPE}, {@code SLACK} or {@code SHOPIFY}</td></tr>
 * <tr><td>{@value #PARAM_SECRET}</td><td>(required)</td><td>the current secret</td></tr>
 * <tr><td>{@value #PARAM_PREVIOUS_SECRET}</td><td>none</td><td>a secret still accepted during a rotation</td></tr>
 * <tr><td>{@value #PARAM_TOLERANCE_SECONDS}</td><td>300</td><td>timestamp tolerance into the past and the future</td></tr>
 * <tr><td>{@value #PARAM_MAX_BODY_BYTES}</td><td>1048576</td><td>largest body accepted</td></tr>
 * </table>
 *
 * <p>Thread-safe once initialized.
 */
public final class WebhookFilter implements Filter {

    /** Init-param: the scheme. */
    public static final String PARAM_SCHEME = "scheme";
    /** Init-param: the current secret. */
    public static final String PARAM_SECRET = "secret";
    /** Init-param: a previous secret still accepted. */
    public static final String PARAM_PREVIOUS_SECRET = "previous-secret";
    /** Init-param: the tolerance in seconds, both ways. */
    public static final String PARAM_TOLERANCE_SECONDS = "tolerance-seconds";
    /** Init-param: the largest body in bytes. */
    public static final String PARAM_MAX_BODY_BYTES = "max-body-bytes";

    private static final Set<String> PARAMS = Set.of(PARAM_SCHEME, PARAM_SECRET, PARAM_PREVIOUS_SECRET,
            PARAM_TOLERANCE_SECONDS, PARAM_MAX_BODY_BYTES);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookFilter.class);
    private static final ErrorResponses RESPONSES = ErrorResponses.defaults();

    private volatile WebhookVerifier verifier;

    /** A filter configured by init-params in {@link #init(FilterConfig)}. */
    public WebhookFilter() {
    }

    /**
     * A filter with a ready verifier; init-params are then refused.
     *
     * @param verifier the verifier
     */
    public WebhookFilter(WebhookVerifier verifier) {
        this.verifier = java.util.Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        List<String> names = config == null ? List.of() : Collections.list(config.getInitParameterNames());
        if (verifier != null) {
            if (!names.isEmpty()) {
                throw new ServletException("WebhookFilter was constructed with a verifier; remove its init-params " + names);
            }
            return;
        }
        for (String n : names) {
            if (!PARAMS.contains(n)) {
                throw new ServletException("unknown WebhookFilter init-param '" + n + "'; known: " + PARAMS);
            }
        }
        try {
            String scheme = config == null ? null : config.getInitParameter(PARAM_SCHEME);
            if (scheme == null) {
                throw new ServletException("WebhookFilter needs the init-param '" + PARAM_SCHEME + "'");
            }
            WebhookScheme s;
            try {
                s = WebhookScheme.valueOf(scheme.trim());
            } catch (IllegalArgumentException e) {
                throw new ServletException("init-param " + PARAM_SCHEME + " '" + scheme + "' is not one of STANDARD, GITHUB, STRIPE, SLACK, SHOPIFY");
            }
            if (s == WebhookScheme.TOKEN) {
                throw new ServletException("the TOKEN scheme needs a TokenValidator: construct WebhookFilter in code");
            }
            String secret = config.getInitParameter(PARAM_SECRET);
            if (secret == null) {
                throw new ServletException("WebhookFilter needs the init-param '" + PARAM_SECRET + "'");
            }
            WebhookVerifier.Builder b = WebhookVerifier.builder().scheme(s).secret(secret);
            String previous = config.getInitParameter(PARAM_PREVIOUS_SECRET);
            if (previous != null) {
                b.secret(previous);
            }
            String tolerance = config.getInitParameter(PARAM_TOLERANCE_SECONDS);
            if (tolerance != null) {
                b.tolerance(Duration.ofSeconds(parse(PARAM_TOLERANCE_SECONDS, tolerance)));
            }
            String max = config.getInitParameter(PARAM_MAX_BODY_BYTES);
            if (max != null) {
                long m = parse(PARAM_MAX_BODY_BYTES, max);
                b.maxBodySize(m > Integer.MAX_VALUE ? -1 : (int) m);
            }
            verifier = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("WebhookFilter init-params are invalid: " + e.getMessage(), e);
        }
    }

    private static long parse(String name, String value) throws ServletException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ServletException("init-param " + name + " '" + value + "' is not a whole number");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        WebhookVerifier v = verifier;
        if (v == null) {
            throw new ServletException("WebhookFilter was not initialized");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("WebhookFilter handles HTTP requests only");
        }
        CachedBodyRequest verified;
        try {
            BodyCapture body = BodyCapture.read(request.getInputStream(), request.getContentLengthLong(), v.maxBodySize());
            WebhookDelivery delivery = v.verify(name -> headerValues(request, name), body.buffer, 0, body.length);
            verified = new CachedBodyRequest(request, body.buffer, body.length);
            verified.setAttribute(WebhookDelivery.ATTRIBUTE, delivery);
        } catch (TokenException e) {
            LOG.info("webhook refused on {}: {} {}", LogSafe.text(request.getRequestURI(), 200), e.code(), LogSafe.text(e.getMessage(), 200));
            reject(response, e.code());
            return;
        } catch (IOException e) {
            LOG.info("webhook body could not be read on {}: {}", LogSafe.text(request.getRequestURI(), 200), e.toString());
            reject(response, ErrorCode.WEBHOOK_MALFORMED);
            return;
        }
        chain.doFilter(verified, response);
    }

    private static List<String> headerValues(HttpServletRequest request, String name) {
        Enumeration<String> e = request.getHeaders(name);
        return e == null ? List.of() : Collections.list(e);
    }

    private static void reject(HttpServletResponse response, ErrorCode code) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ErrorResponse r = RESPONSES.render(code);
        response.reset();
        response.setStatus(r.status());
        response.setContentType(ErrorResponse.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (r.retryAfter() != null) {
            response.setHeader("Retry-After", r.retryAfter());
        }
        byte[] json = r.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    @Override
    public String toString() {
        return "WebhookFilter[" + verifier + "]";
    }
}
