package dev.tokengate.examples;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenPair;
import dev.tokengate.core.TokenService;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.ErrorResponse;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The token endpoints: {@code POST /tokens} (issue), {@code POST /oauth/token} (refresh with
 * rotation, RFC 6749 §6), {@code POST /oauth/revoke} (RFC 7009) and {@code POST /oauth/introspect}
 * (RFC 7662). Who may call them is decided by the servlet filter's rules.
 */
final class TokenEndpoints {

    private TokenEndpoints() {
    }

    /** Answers a failure: the OAuth error JSON for grant errors, problem+json for the rest. */
    static void fail(HttpServletResponse resp, ErrorResponses errors, TokenException e) throws IOException {
        ErrorResponse r = errors.render(e);
        if (r.retryAfter() != null) {
            resp.setHeader("Retry-After", r.retryAfter());
        }
        Json.send(resp, r.status(), ErrorResponse.CONTENT_TYPE, r.body());
    }

    static void oauthError(HttpServletResponse resp, int status, String error, String description, ErrorCode code)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (code != null) {
            body.put("code", code.name());
        }
        Json.send(resp, status, body);
    }

    static Map<String, Object> tokenResponse(TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("token_type", pair.tokenType());
        body.put("expires_in", pair.expiresIn().toSeconds());
        body.put("scope", String.join(" ", pair.scopes()));
        if (pair.refreshToken() != null) {
            body.put("refresh_token", pair.refreshToken());
        }
        return body;
    }

    /** One form parameter, present once; {@code null} when missing; 400 when repeated. */
    static String single(HttpServletRequest req, String name) {
        String[] values = req.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            return null;
        }
        if (values.length > 1) {
            throw new TokenException(ErrorCode.INVALID_REQUEST, "parameter '" + name + "' is repeated");
        }
        return values[0];
    }

    /** {@code POST /tokens}: a JSON body, validated with Bean Validation, gives new token(s). */
    static final class Issue extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient TokenService service;
        private final transient Validator validator;
        private final transient ErrorResponses errors;

        Issue(TokenService service, Validator validator, ErrorResponses errors) {
            this.service = service;
            this.validator = validator;
            this.errors = errors;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            TokenRequest body;
            try {
                body = Json.MAPPER.readValue(req.getInputStream(), TokenRequest.class);
            } catch (JsonMappingException e) {
                String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                badRequest(resp, List.of(violation(field.isEmpty() ? "body" : field, field.isEmpty()
                        ? "must be a JSON object" : "has the wrong JSON type or is not a known field")));
                return;
            } catch (JacksonException e) {
                badRequest(resp, List.of(violation("body", "is not valid JSON")));
                return;
            }
            if (body == null) {
                badRequest(resp, List.of(violation("body", "must be a JSON object")));
                return;
            }
            List<Map<String, String>> violations = new ArrayList<>();
            validator.validate(body).stream()
                    .sorted(Comparator.comparing((ConstraintViolation<TokenRequest> v) -> v.getPropertyPath().toString()))
                    .forEach(v -> violations.add(violation(v.getPropertyPath().toString().replace(".<list element>", "")
                            .replace("<list element>", ""), v.getMessage())));
            if (!violations.isEmpty()) {
                badRequest(resp, violations);
                return;
            }
            TechnicalToken token;
            try {
                token = TechnicalToken.builder().type(TokenType.parse(body.type)).expiration(body.expiration)
                        .subject(body.subject).scopes(body.scope).metadata(body.metadata)
                        .bind(body.bindings.toArray(String[]::new)).build();
            } catch (IllegalArgumentException e) {
                badRequest(resp, List.of(violation(fieldOf(e.getMessage()), e.getMessage())));
                return;
            }
            try {
                TokenPair pair = service.issue(token, body.refresh);
                Json.send(resp, 200, tokenResponse(pair));
            } catch (IllegalArgumentException e) {
                badRequest(resp, List.of(violation("expiration", e.getMessage())));
            } catch (TokenException e) {
                fail(resp, errors, e);
            }
        }

        private static String fieldOf(String message) {
            for (String f : List.of("expiration", "metadata", "scope", "subject", "binding")) {
                if (message.startsWith(f) || message.contains(" " + f)) {
                    return f.equals("binding") ? "bindings" : f;
                }
            }
            return "body";
        }

        private static Map<String, String> violation(String field, String message) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("field", field);
            v.put("message", message);
            return v;
        }

        private static void badRequest(HttpServletResponse resp, List<Map<String, String>> violations) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://tokengate.dev/problems/invalid-request");
            problem.put("title", "Bad Request");
            problem.put("status", 400);
            problem.put("detail", violations.stream().map(v -> v.get("field") + ": " + v.get("message"))
                    .collect(Collectors.joining("; ")));
            problem.put("code", ErrorCode.INVALID_REQUEST.name());
            problem.put("errors", violations);
            Json.send(resp, 400, ErrorResponse.CONTENT_TYPE, problem);
        }
    }

    /**
     * The form-encoded OAuth endpoints: a missing or repeated parameter is RFC 6749 §5.2
     * {@code invalid_request}, a refused refresh token {@code invalid_grant}, anything else
     * (store or keys unavailable) the usual problem response.
     */
    abstract static class OAuthEndpoint extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final transient TokenService service;
        private final transient ErrorResponses errors;

        OAuthEndpoint(TokenService service, ErrorResponses errors) {
            this.service = service;
            this.errors = errors;
        }

        abstract void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException;

        @Override
        protected final void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                handle(req, resp);
            } catch (TokenException e) {
                switch (e.code()) {
                    case REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED -> oauthError(resp, 400, "invalid_grant", e.code().description(), e.code());
                    case INVALID_REQUEST -> oauthError(resp, 400, "invalid_request", e.getMessage(), e.code());
                    default -> fail(resp, errors, e);
                }
            }
        }

        /** The one value of a required form parameter. */
        static String required(HttpServletRequest req, String name) {
            String value = single(req, name);
            if (value == null) {
                throw new TokenException(ErrorCode.INVALID_REQUEST, name + " is required");
            }
            return value;
        }
    }

    /** {@code POST /oauth/token} with {@code grant_type=refresh_token}: rotates the refresh token. */
    static final class Refresh extends OAuthEndpoint {
        private static final long serialVersionUID = 1L;

        Refresh(TokenService service, ErrorResponses errors) {
            super(service, errors);
        }

        @Override
        void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!required(req, "grant_type").equals("refresh_token")) {
                oauthError(resp, 400, "unsupported_grant_type", "only refresh_token is supported", null);
                return;
            }
            Json.send(resp, 200, tokenResponse(service.refresh(required(req, "refresh_token"))));
        }
    }

    /** {@code POST /oauth/revoke} (RFC 7009): 200 whether or not the token was live. */
    static final class Revoke extends OAuthEndpoint {
        private static final long serialVersionUID = 1L;

        Revoke(TokenService service, ErrorResponses errors) {
            super(service, errors);
        }

        @Override
        void handle(HttpServletRequest req, HttpServletResponse resp) {
            service.revoke(required(req, "token"));
            resp.setStatus(200);
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(0);
        }
    }

    /** {@code POST /oauth/introspect} (RFC 7662): {@code {"active": false}} for anything not valid. */
    static final class Introspect extends OAuthEndpoint {
        private static final long serialVersionUID = 1L;

        Introspect(TokenService service, ErrorResponses errors) {
            super(service, errors);
        }

        @Override
        void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Optional<ValidatedToken> t = service.introspect(required(req, "token"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", t.isPresent());
            t.ifPresent(v -> {
                body.put("scope", String.join(" ", v.scopes()));
                body.put("sub", v.subject());
                body.put("token_type", "Bearer");
                body.put("tokengate_type", v.type().name());
                body.put("exp", v.expiresAt().getEpochSecond());
                body.put("iat", v.issuedAt().getEpochSecond());
                if (v.issuer() != null) {
                    body.put("iss", v.issuer());
                }
                body.put("aud", v.audience());
                body.put("jti", v.id());
                if (!v.metadata().isEmpty()) {
                    body.put("metadata", v.metadata());
                }
                if (!v.bindings().isEmpty()) {
                    body.put("bindings", v.bindings());
                }
            });
            Json.send(resp, 200, body);
        }
    }
}
