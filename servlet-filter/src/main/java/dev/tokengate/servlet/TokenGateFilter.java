package dev.tokengate.servlet;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.LogSafe;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.BearerTokenExtractor;
import dev.tokengate.core.http.ErrorResponse;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop-in {@code jakarta.servlet} filter that lets a request through only when its bearer token
 * meets the {@link AccessRule} covering its path and method.
 *
 * <h2>Two ways to set it up</h2>
 * In code, from a ready configuration (init-params are then refused):
 * <pre>{@code
 * TokenGateFilter filter = TokenGateFilter.builder()
 *     .validator(validator)
 *     .rules("""
 *         GET  /api/documents      = API_ACCESS READ
 *         GET  /api/documents/{id} = API_ACCESS READ | DOCUMENT_ACCESS bind(id)
 *         /api/admin/**            = SYSTEM_OPERATION ADMIN
 *         /public/**               = permitAll
 *         """)
 *     .build();
 * filter.registerOn(servletContext);   // "/*", every dispatcher type, async supported
 * }</pre>
 * Or declared in {@code web.xml} with the no-arg constructor and these init-params; an unknown,
 * missing or contradictory parameter fails {@link #init(FilterConfig)} with a
 * {@link ServletException} naming it:
 * <table>
 *   <caption>init-params</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #PARAM_RULES}</td><td>required</td><td>the rules, one per line, in the text form of {@link AccessRule}</td></tr>
 *   <tr><td>{@value #PARAM_JWKS_FILE}</td><td>required unless {@value #PARAM_VALIDATOR_ATTRIBUTE}</td>
 *       <td>JWK set file with the verification keys ({@code KeyRing.load}): an absolute path, or
 *       {@code /WEB-INF/...} inside the (unpacked) web application</td></tr>
 *   <tr><td>{@value #PARAM_ISSUER}</td><td>required with {@value #PARAM_JWKS_FILE}</td><td>the trusted {@code iss}</td></tr>
 *   <tr><td>{@value #PARAM_AUDIENCE}</td><td>required with {@value #PARAM_JWKS_FILE}</td><td>this service's {@code aud}</td></tr>
 *   <tr><td>{@value #PARAM_CLOCK_SKEW}</td><td>60</td><td>tolerated clock skew in seconds, 0 to 300</td></tr>
 *   <tr><td>{@value #PARAM_VALIDATOR_ATTRIBUTE}</td><td>none</td><td>name of a {@code ServletContext}
 *       attribute holding a ready {@link TokenValidator} (set by a {@code ServletContextListener});
 *       excludes the four parameters above</td></tr>
 *   <tr><td>{@value #PARAM_REALM}</td><td>{@code tokengate}</td><td>the {@code realm} of the challenges</td></tr>
 *   <tr><td>{@value #PARAM_DENY_BY_DEFAULT}</td><td>{@code true}</td><td>refuse a request no rule covers ({@code false}: let it through as on a public path)</td></tr>
 *   <tr><td>{@value #PARAM_TOKEN_TRANSPORTS}</td><td>{@code header}</td><td>comma-separated, from
 *       {@code header} (always on), {@code query} and {@code form}: where an {@code access_token} is accepted</td></tr>
 *   <tr><td>{@value #PARAM_RETRY_AFTER}</td><td>5</td><td>{@code Retry-After} of 503 answers, 1 to 3600</td></tr>
 *   <tr><td>{@value #PARAM_PUBLIC_PATH_TOKEN}</td><td>{@code validate}</td><td>{@code validate} or
 *       {@code ignore}: see {@link PublicPathPolicy}</td></tr>
 *   <tr><td>{@value #PARAM_CASE_INSENSITIVE_PATHS}</td><td>{@code false}</td><td>match paths ignoring
 *       case; turn on when the container maps paths case-insensitively</td></tr>
 * </table>
 *
 * <h2>What it does per request</h2>
 * <ol>
 *   <li>Canonicalizes the raw request URI (not {@code getServletPath()}): a path that is not in
 *       canonical form ({@code //}, dot segments, encoded {@code / \ . ; %}, control or non-ASCII
 *       characters) is refused with 400 {@code invalid_request}; path parameters
 *       ({@code ;jsessionid=...}) and one trailing slash are ignored.</li>
 *   <li>Finds the rule: the most specific pattern wins, see {@link AccessRule}; declaration order
 *       does not matter. No rule: refused when deny-by-default is on.</li>
 *   <li>Extracts the token with a {@link BearerTokenExtractor}, validates it with the
 *       {@link TokenValidator} and checks the rule's requirement. Failures are answered as
 *       {@link ErrorResponses} renders them: 400 {@code invalid_request}, 401 (bare challenge
 *       without a token, {@code invalid_token} for a bad one), 403 {@code insufficient_scope}
 *       with the {@code scope} needed, 503 with {@code Retry-After}; an
 *       {@code application/problem+json} body, {@code Cache-Control: no-store}, never the token.</li>
 *   <li>Passes on a request whose {@code getUserPrincipal()} is the token's subject,
 *       {@code isUserInRole(scope)} answers from its effective scopes (hierarchy included),
 *       {@code getAuthType()} is {@value #AUTH_TYPE}, and attribute {@value #TOKEN_ATTRIBUTE}
 *       holds the {@link ValidatedToken}.</li>
 * </ol>
 * Register it for every dispatcher type ({@link #registerOn(ServletContext)} does): a forward,
 * include, error page or async dispatch to a protected path is checked against that path with the
 * token of the original request, so none of them opens a protected resource. A refused include
 * writes nothing. Asynchronous requests need the filter registered with async support.
 *
 * <p>Thread-safe; keeps no per-request state outside the request.
 */
public final class TokenGateFilter implements Filter {

    /**
     * Request attribute holding the {@link ValidatedToken} of an authenticated request: the name
     * every tokengate adapter shares, so that the JAX-RS filter behind this one reuses the token.
     */
    public static final String TOKEN_ATTRIBUTE = ValidatedToken.REQUEST_ATTRIBUTE;
    /** What {@code getAuthType()} answers for an authenticated request. */
    public static final String AUTH_TYPE = "Bearer";

    /** Init-param: the rules, one per line. */
    public static final String PARAM_RULES = "rules";
    /** Init-param: JWK set file with the verification keys. */
    public static final String PARAM_JWKS_FILE = "jwks-file";
    /** Init-param: the trusted issuer. */
    public static final String PARAM_ISSUER = "issuer";
    /** Init-param: this service's audience. */
    public static final String PARAM_AUDIENCE = "audience";
    /** Init-param: clock skew in seconds. */
    public static final String PARAM_CLOCK_SKEW = "clock-skew-seconds";
    /** Init-param: name of a ServletContext attribute holding a ready {@link TokenValidator}. */
    public static final String PARAM_VALIDATOR_ATTRIBUTE = "validator-attribute";
    /** Init-param: the realm of the challenges. */
    public static final String PARAM_REALM = "realm";
    /** Init-param: refuse requests no rule covers. */
    public static final String PARAM_DENY_BY_DEFAULT = "deny-by-default";
    /** Init-param: where a token is accepted: {@code header}, {@code query}, {@code form}. */
    public static final String PARAM_TOKEN_TRANSPORTS = "token-transports";
    /** Init-param: {@code Retry-After} seconds of 503 answers. */
    public static final String PARAM_RETRY_AFTER = "retry-after-seconds";
    /** Init-param: {@code validate} or {@code ignore} a token on a public path. */
    public static final String PARAM_PUBLIC_PATH_TOKEN = "public-path-token";
    /** Init-param: match paths ignoring case. */
    public static final String PARAM_CASE_INSENSITIVE_PATHS = "case-insensitive-paths";

    private static final Logger LOG = LoggerFactory.getLogger(TokenGateFilter.class);
    private static final String AUTHENTICATION_ATTRIBUTE = TokenGateFilter.class.getName() + ".authentication";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final boolean configuredInCode;
    private volatile Settings settings;

    /** For {@code web.xml}: the filter is configured from its init-params in {@link #init(FilterConfig)}. */
    public TokenGateFilter() {
        this.configuredInCode = false;
    }

    private TokenGateFilter(Settings settings) {
        this.configuredInCode = true;
        this.settings = settings;
    }

    /** A builder for a filter configured in code. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures the filter from its init-params, unless it was built in code.
     *
     * @param config the filter configuration
     * @throws ServletException naming every unknown, missing, malformed or contradictory init-param;
     *     for a filter built in code, when it is given any init-param
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (configuredInCode) {
            List<String> names = Collections.list(config.getInitParameterNames());
            if (!names.isEmpty()) {
                throw new ServletException("filter '" + config.getFilterName() + "' was configured in code; remove its init-params "
                        + names);
            }
            return;
        }
        settings = InitParams.read(config);
    }

    /**
     * Registers this filter on {@code /*} for every dispatcher type, with async support, before the
     * filters declared in {@code web.xml}.
     *
     * @param context the servlet context, before it is initialized
     * @return the registration
     */
    public FilterRegistration.Dynamic registerOn(ServletContext context) {
        FilterRegistration.Dynamic registration = context.addFilter("tokengate", this);
        if (registration == null) {
            throw new IllegalStateException("a filter named 'tokengate' is already registered");
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        return registration;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Settings s = settings;
        if (s == null) {
            throw new ServletException("TokenGateFilter was not initialized");
        }
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            throw new ServletException("TokenGateFilter handles HTTP requests only");
        }
        DispatcherType dispatch = req.getDispatcherType();
        if (dispatch == DispatcherType.REQUEST) {
            req.removeAttribute(AUTHENTICATION_ATTRIBUTE);
        }
        RuleTable.Match match;
        try {
            List<String> segments = PathCanonicalizer.segments(targetUri(req, dispatch),
                    req.getServletContext().getContextPath(), s.caseInsensitivePaths());
            match = s.rules().match(req.getMethod(), segments);
        } catch (TokenException e) {
            refuse(s, req, res, dispatch, e);
            return;
        }
        AccessRule.Kind kind = match != null ? match.rule().kind()
                : s.denyByDefault() ? AccessRule.Kind.DENY : AccessRule.Kind.PERMIT;
        if (kind == AccessRule.Kind.PERMIT && s.publicPathPolicy() == PublicPathPolicy.IGNORE_TOKEN) {
            chain.doFilter(request, response);
            return;
        }
        ValidatedToken token;
        try {
            token = authenticate(s, req, dispatch);
            if (kind != AccessRule.Kind.PERMIT) {
                if (token == null) {
                    throw new TokenException(ErrorCode.TOKEN_MISSING, "no access token on a protected path");
                }
                if (kind == AccessRule.Kind.DENY) {
                    throw new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE,
                            match == null ? "no rule covers this request (deny-by-default)"
                                    : "rule '" + match.rule().target() + "' denies all", List.of());
                }
                match.rule().requirement(match.variables()).check(token);
            }
        } catch (TokenException e) {
            refuse(s, req, res, dispatch, e);
            return;
        }
        chain.doFilter(token == null ? request : wrap(req, res, token), response);
    }

    @Override
    public void destroy() {
        // nothing to release: the validator belongs to whoever built it
    }

    /** The URI this dispatch targets: the included resource for an include, else the request URI. */
    private static String targetUri(HttpServletRequest req, DispatcherType dispatch) {
        if (dispatch == DispatcherType.INCLUDE) {
            Object included = req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI);
            if (included instanceof String uri) {
                return uri;
            }
        }
        return req.getRequestURI();
    }

    /** The request's valid token, {@code null} when it carries none. */
    private ValidatedToken authenticate(Settings s, HttpServletRequest req, DispatcherType dispatch) {
        if (dispatch != DispatcherType.REQUEST) {
            TokenGateRequest ours = ours(req);
            if (ours != null) {
                return ours.token();
            }
            if (req.getAttribute(AUTHENTICATION_ATTRIBUTE) instanceof Authenticated a && a.owner() == this) {
                return a.token();
            }
        }
        String token = extract(s.extractor(), req);
        return token == null ? null : s.validator().validate(token);
    }

    private static String extract(BearerTokenExtractor extractor, HttpServletRequest req) {
        List<String> headers = headerValues(req.getHeaders("Authorization"));
        List<String> query = queryTokens(req.getQueryString());
        List<String> form = List.of();
        String contentType = extractor.allowsForm() ? req.getContentType() : null;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            String[] all = req.getParameterValues(BearerTokenExtractor.PARAMETER);
            if (all != null && all.length > query.size()) {
                form = Arrays.asList(all).subList(query.size(), all.length);
            }
        }
        return extractor.extract(headers, query, form);
    }

    /** The values of a header: no copy for the usual zero or one value. */
    private static List<String> headerValues(Enumeration<String> h) {
        if (h == null || !h.hasMoreElements()) {
            return List.of();
        }
        String first = h.nextElement();
        if (!h.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        while (h.hasMoreElements()) {
            all.add(h.nextElement());
        }
        return all;
    }

    /** Every {@code access_token} value of a raw query string, decoded. */
    static List<String> queryTokens(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!BearerTokenExtractor.PARAMETER.equals(decode(name))) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value == null) {
                throw new TokenException(ErrorCode.INVALID_REQUEST, "access_token query parameter is not decodable");
            }
            out.add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private HttpServletRequest wrap(HttpServletRequest req, HttpServletResponse res, ValidatedToken token) {
        TokenGateRequest ours = ours(req);
        if (ours != null && ours.token() == token) {
            return req;
        }
        req.setAttribute(TOKEN_ATTRIBUTE, token);
        req.setAttribute(AUTHENTICATION_ATTRIBUTE, new Authenticated(this, token));
        return new TokenGateRequest(req, res, this, token);
    }

    /** This filter's wrapper in the request's wrapper chain, or {@code null}. */
    private TokenGateRequest ours(ServletRequest req) {
        ServletRequest r = req;
        while (r != null) {
            if (r instanceof TokenGateRequest t && t.owner() == this) {
                return t;
            }
            r = r instanceof ServletRequestWrapper w ? w.getRequest() : null;
        }
        return null;
    }

    private static void refuse(Settings s, HttpServletRequest req, HttpServletResponse res, DispatcherType dispatch,
            TokenException failure) throws IOException {
        ErrorResponse answer = s.responses().render(failure);
        if (answer.status() == 503) {
            LOG.warn("refused {} {} ({} dispatch): {} {}", req.getMethod(), LogSafe.text(req.getRequestURI(), 200), dispatch,
                    failure.code(), failure.getMessage());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("refused {} {} ({} dispatch): {} {}", LogSafe.text(req.getMethod(), 200), LogSafe.text(req.getRequestURI(), 200), dispatch,
                    failure.code(), failure.getMessage());
        }
        if (dispatch == DispatcherType.INCLUDE || res.isCommitted()) {
            return; // an include cannot set the status; a committed response cannot be replaced
        }
        res.resetBuffer();
        res.setStatus(answer.status());
        if (answer.wwwAuthenticate() != null) {
            res.setHeader("WWW-Authenticate", answer.wwwAuthenticate());
        }
        if (answer.retryAfter() != null) {
            res.setHeader("Retry-After", answer.retryAfter());
        }
        res.setHeader("Cache-Control", "no-store");
        res.setContentType(ErrorResponse.CONTENT_TYPE);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
        } catch (IllegalStateException writerInUse) {
            res.getWriter().write(answer.body());
        }
    }

    /** Attacker text made fit for a log line: bounded, no control characters. */

    /** The authentication of a request by one filter instance, kept for its later dispatches. */
    private record Authenticated(TokenGateFilter owner, ValidatedToken token) {
    }

    /** The immutable configuration of a filter. */
    record Settings(TokenValidator validator, RuleTable rules, ErrorResponses responses, boolean denyByDefault,
            BearerTokenExtractor extractor, PublicPathPolicy publicPathPolicy, boolean caseInsensitivePaths) {
    }

    /**
     * Configures a {@link TokenGateFilter}. Required: a validator and at least one rule. Defaults:
     * realm {@code tokengate}, deny-by-default on, the {@code Authorization} header only,
     * {@code Retry-After} 5 s, {@link PublicPathPolicy#VALIDATE_TOKEN}, case-sensitive paths.
     * Not thread-safe.
     */
    public static final class Builder {
        private TokenValidator validator;
        private final List<AccessRule> rules = new ArrayList<>();
        private String realm = ErrorResponses.DEFAULT_REALM;
        private int retryAfterSeconds = ErrorResponses.DEFAULT_RETRY_AFTER_SECONDS;
        private boolean denyByDefault = true;
        private BearerTokenExtractor extractor = BearerTokenExtractor.headerOnly();
        private PublicPathPolicy publicPathPolicy = PublicPathPolicy.VALIDATE_TOKEN;
        private boolean caseInsensitivePaths;

        private Builder() {
        }

        /**
         * Sets the validator that authenticates tokens.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder validator(TokenValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Adds a rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(AccessRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds rules.
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder rules(Collection<AccessRule> rules) {
            rules.forEach(this::rule);
            return this;
        }

        /**
         * Adds rules written in the text form of {@link AccessRule}, one per line.
         *
         * @param text the rules
         * @return this builder
         * @throws IllegalArgumentException naming the line and what is wrong with it
         */
        public Builder rules(String text) {
            return rules(AccessRule.parseAll(text));
        }

        /**
         * Sets the realm of the {@code WWW-Authenticate} challenges.
         *
         * @param realm printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException for another realm
         */
        public Builder realm(String realm) {
            new ErrorResponses(realm, retryAfterSeconds);
            this.realm = realm;
            return this;
        }

        /**
         * Sets the {@code Retry-After} of 503 answers.
         *
         * @param retryAfter whole seconds, 1 s to 1 h
         * @return this builder
         * @throws IllegalArgumentException outside that range or with a fraction of a second
         */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter == null || retryAfter.getNano() != 0 || retryAfter.getSeconds() < 1
                    || retryAfter.getSeconds() > 3600) {
                throw new IllegalArgumentException("retryAfter must be whole seconds between 1 s and 1 h, was " + retryAfter);
            }
            this.retryAfterSeconds = (int) retryAfter.getSeconds();
            return this;
        }

        /**
         * Sets whether a request no rule covers is refused (the default) or let through as on a
         * public path.
         *
         * @param denyByDefault {@code true} to refuse
         * @return this builder
         */
        public Builder denyByDefault(boolean denyByDefault) {
            this.denyByDefault = denyByDefault;
            return this;
        }

        /**
         * Sets where tokens are read; default {@link BearerTokenExtractor#headerOnly()}.
         *
         * @param extractor the extractor
         * @return this builder
         */
        public Builder extractor(BearerTokenExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Sets what happens to a token presented on a public path.
         *
         * @param policy the policy; default {@link PublicPathPolicy#VALIDATE_TOKEN}
         * @return this builder
         */
        public Builder publicPathPolicy(PublicPathPolicy policy) {
            this.publicPathPolicy = Objects.requireNonNull(policy, "publicPathPolicy");
            return this;
        }

        /**
         * Sets whether literal path segments are matched ignoring case. Turn it on when the
         * container maps paths case-insensitively, so that {@code /ADMIN} is protected like
         * {@code /admin}.
         *
         * @param caseInsensitivePaths {@code true} to ignore case
         * @return this builder
         */
        public Builder caseInsensitivePaths(boolean caseInsensitivePaths) {
            this.caseInsensitivePaths = caseInsensitivePaths;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return a thread-safe filter, ready without init-params
         * @throws IllegalStateException when the validator or every rule is missing, or two rules
         *     cover the same pattern and method
         */
        public TokenGateFilter build() {
            if (validator == null) {
                throw new IllegalStateException("a validator is required: call validator(TokenValidator)");
            }
            if (rules.isEmpty()) {
                throw new IllegalStateException("at least one rule is required: call rule(...) or rules(...)");
            }
            RuleTable table;
            try {
                table = new RuleTable(rules, caseInsensitivePaths);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return new TokenGateFilter(new Settings(validator, table, new ErrorResponses(realm, retryAfterSeconds),
                    denyByDefault, extractor, publicPathPolicy, caseInsensitivePaths));
        }

        Settings settings() {
            return build().settings;
        }
    }
}
