package dev.tokengate.servlet;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.http.BearerTokenExtractor;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a {@link TokenGateFilter}'s configuration from its {@code web.xml} init-params, strictly. */
final class InitParams {

    static final List<String> KNOWN = List.of(TokenGateFilter.PARAM_RULES, TokenGateFilter.PARAM_JWKS_FILE,
            TokenGateFilter.PARAM_ISSUER, TokenGateFilter.PARAM_AUDIENCE, TokenGateFilter.PARAM_CLOCK_SKEW,
            TokenGateFilter.PARAM_VALIDATOR_ATTRIBUTE, TokenGateFilter.PARAM_REALM,
            TokenGateFilter.PARAM_DENY_BY_DEFAULT, TokenGateFilter.PARAM_TOKEN_TRANSPORTS,
            TokenGateFilter.PARAM_RETRY_AFTER, TokenGateFilter.PARAM_PUBLIC_PATH_TOKEN,
            TokenGateFilter.PARAM_CASE_INSENSITIVE_PATHS);

    private static final List<String> KEY_PARAMS = List.of(TokenGateFilter.PARAM_JWKS_FILE,
            TokenGateFilter.PARAM_ISSUER, TokenGateFilter.PARAM_AUDIENCE, TokenGateFilter.PARAM_CLOCK_SKEW);

    private final FilterConfig config;

    private InitParams(FilterConfig config) {
        this.config = config;
    }

    static TokenGateFilter.Settings read(FilterConfig config) throws ServletException {
        return new InitParams(config).read();
    }

    private TokenGateFilter.Settings read() throws ServletException {
        List<String> unknown = new ArrayList<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw fail("unknown init-param(s) " + unknown + "; known: " + KNOWN);
        }
        TokenGateFilter.Builder b = TokenGateFilter.builder();
        b.validator(validator());
        String rules = get(TokenGateFilter.PARAM_RULES);
        if (rules == null) {
            throw fail("missing init-param [" + TokenGateFilter.PARAM_RULES + "]: one rule per line, e.g. "
                    + "'GET /api/documents = API_ACCESS READ'");
        }
        try {
            b.rules(rules);
            String realm = get(TokenGateFilter.PARAM_REALM);
            if (realm != null) {
                param(TokenGateFilter.PARAM_REALM, () -> b.realm(realm));
            }
            Boolean deny = bool(TokenGateFilter.PARAM_DENY_BY_DEFAULT);
            if (deny != null) {
                b.denyByDefault(deny);
            }
            Boolean ignoreCase = bool(TokenGateFilter.PARAM_CASE_INSENSITIVE_PATHS);
            if (ignoreCase != null) {
                b.caseInsensitivePaths(ignoreCase);
            }
            Integer retry = integer(TokenGateFilter.PARAM_RETRY_AFTER);
            if (retry != null) {
                param(TokenGateFilter.PARAM_RETRY_AFTER, () -> b.retryAfter(Duration.ofSeconds(retry)));
            }
            String transports = get(TokenGateFilter.PARAM_TOKEN_TRANSPORTS);
            if (transports != null) {
                b.extractor(transports(transports));
            }
            String policy = get(TokenGateFilter.PARAM_PUBLIC_PATH_TOKEN);
            if (policy != null) {
                b.publicPathPolicy(switch (policy) {
                    case "validate" -> PublicPathPolicy.VALIDATE_TOKEN;
                    case "ignore" -> PublicPathPolicy.IGNORE_TOKEN;
                    default -> throw fail("init-param " + TokenGateFilter.PARAM_PUBLIC_PATH_TOKEN + " must be 'validate' or 'ignore', was '"
                            + policy + "'");
                });
            }
            return b.settings();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw fail("init-param " + TokenGateFilter.PARAM_RULES + ": " + e.getMessage(), e);
        }
    }

    private TokenValidator validator() throws ServletException {
        String attribute = get(TokenGateFilter.PARAM_VALIDATOR_ATTRIBUTE);
        List<String> given = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String p : KEY_PARAMS) {
            (get(p) != null ? given : missing).add(p);
        }
        if (attribute != null) {
            if (!given.isEmpty()) {
                throw fail("init-param " + TokenGateFilter.PARAM_VALIDATOR_ATTRIBUTE + " contradicts " + given
                        + ": give either a validator attribute or jwks-file, issuer and audience");
            }
            Object v = config.getServletContext().getAttribute(attribute);
            if (!(v instanceof TokenValidator validator)) {
                throw fail("init-param " + TokenGateFilter.PARAM_VALIDATOR_ATTRIBUTE + ": ServletContext attribute '"
                        + attribute + "' holds no TokenValidator (set it in a ServletContextListener)");
            }
            return validator;
        }
        missing.remove(TokenGateFilter.PARAM_CLOCK_SKEW);
        if (!missing.isEmpty()) {
            throw fail("missing init-param(s) " + missing + ": give jwks-file, issuer and audience, or "
                    + TokenGateFilter.PARAM_VALIDATOR_ATTRIBUTE);
        }
        KeyRing keys = keys(get(TokenGateFilter.PARAM_JWKS_FILE));
        TokenValidator.Builder b = TokenValidator.builder().keys(keys);
        param(TokenGateFilter.PARAM_ISSUER, () -> b.issuer(get(TokenGateFilter.PARAM_ISSUER)));
        param(TokenGateFilter.PARAM_AUDIENCE, () -> b.audience(get(TokenGateFilter.PARAM_AUDIENCE)));
        Integer skew = integer(TokenGateFilter.PARAM_CLOCK_SKEW);
        if (skew != null) {
            param(TokenGateFilter.PARAM_CLOCK_SKEW, () -> b.clockSkew(Duration.ofSeconds(skew)));
        }
        return b.build();
    }

    private KeyRing keys(String file) throws ServletException {
        Path path;
        if (file.startsWith("/WEB-INF/")) {
            String real = config.getServletContext().getRealPath(file);
            if (real == null) {
                throw fail("init-param " + TokenGateFilter.PARAM_JWKS_FILE + ": '" + file
                        + "' has no file system path (is the web application unpacked?)");
            }
            path = Path.of(real);
        } else {
            path = Path.of(file);
            if (!path.isAbsolute()) {
                throw fail("init-param " + TokenGateFilter.PARAM_JWKS_FILE + " must be an absolute path or start with /WEB-INF/, was '"
                        + file + "'");
            }
        }
        try {
            return KeyRing.load(path);
        } catch (IOException e) {
            throw fail("init-param " + TokenGateFilter.PARAM_JWKS_FILE + ": cannot read '" + file + "': " + e, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw fail("init-param " + TokenGateFilter.PARAM_JWKS_FILE + ": " + e.getMessage(), e);
        }
    }

    private BearerTokenExtractor transports(String value) throws ServletException {
        Set<String> seen = new LinkedHashSet<>();
        for (String t : value.split(",", -1)) {
            String name = t.strip();
            if (!List.of("header", "query", "form").contains(name)) {
                throw fail("init-param " + TokenGateFilter.PARAM_TOKEN_TRANSPORTS + ": '" + name
                        + "' is not one of header, query, form");
            }
            if (!seen.add(name)) {
                throw fail("init-param " + TokenGateFilter.PARAM_TOKEN_TRANSPORTS + " names '" + name + "' twice");
            }
        }
        if (!seen.contains("header")) {
            throw fail("init-param " + TokenGateFilter.PARAM_TOKEN_TRANSPORTS
                    + " must list 'header': the Authorization header is always read");
        }
        return BearerTokenExtractor.of(seen.contains("query"), seen.contains("form"));
    }

    private String get(String name) {
        String v = config.getInitParameter(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private Boolean bool(String name) throws ServletException {
        String v = get(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw fail("init-param " + name + " must be 'true' or 'false', was '" + v + "'");
        };
    }

    private Integer integer(String name) throws ServletException {
        String v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,9}")) {
            throw fail("init-param " + name + " must be a whole number of seconds, was '" + v + "'");
        }
        return Integer.valueOf(v);
    }

    private void param(String name, Runnable setter) throws ServletException {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw fail("init-param " + name + ": " + e.getMessage(), e);
        }
    }

    private ServletException fail(String message) {
        return new ServletException("filter '" + config.getFilterName() + "': " + message);
    }

    private ServletException fail(String message, Throwable cause) {
        return new ServletException("filter '" + config.getFilterName() + "': " + message, cause);
    }
}
