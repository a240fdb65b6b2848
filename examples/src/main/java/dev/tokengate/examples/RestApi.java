package dev.tokengate.examples;

import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenPair;
import dev.tokengate.core.TokenService;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.jaxrs.BoundTo;
import dev.tokengate.jaxrs.RequiresScopes;
import dev.tokengate.jaxrs.TokenTypes;
import dev.tokengate.jaxrs.ValidatedTokens;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The JAX-RS part of the example, under {@code /rest}, protected by tokengate annotations. */
final class RestApi {

    private RestApi() {
    }

    /** {@code GET /rest/me}: any valid token. */
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Me {

        /**
         * Who the token speaks for.
         *
         * @param security the security context tokengate set
         * @return subject, type, scopes and metadata
         */
        @GET
        @PermitAll
        public Map<String, Object> me(@Context SecurityContext security) {
            ValidatedToken t = ValidatedTokens.require(security);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", t.subject());
            body.put("type", t.type().name());
            body.put("scopes", t.scopes());
            body.put("metadata", t.metadata());
            return body;
        }
    }

    /** {@code /rest/signature-sessions}: create with API_ACCESS+WRITE; read with the session's own token or API_ACCESS+READ. */
    @Path("signature-sessions")
    @Produces(MediaType.APPLICATION_JSON)
    @TokenTypes(TokenType.API_ACCESS)
    public static final class SignatureSessions {

        private final TokenService tokens;
        private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger(1);

        SignatureSessions(TokenService tokens) {
            this.tokens = tokens;
        }

        /**
         * Opens a session and returns it with a {@code SIGNATURE_SESSION} token bound to it.
         *
         * @param security the security context
         * @return 201 with the session
         */
        @POST
        @RequiresScopes("WRITE")
        public Response create(@Context SecurityContext security) {
            String id = "sig-" + next.getAndIncrement();
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("id", id);
            session.put("status", "PENDING");
            session.put("createdBy", security.getUserPrincipal().getName());
            sessions.put(id, session);
            TokenPair pair = tokens.issue(TechnicalToken.builder().type(TokenType.SIGNATURE_SESSION).expiration("15m")
                    .subject(security.getUserPrincipal().getName()).bind(id).build());
            Map<String, Object> body = new LinkedHashMap<>(session);
            body.put("session_token", pair.accessToken());
            return Response.created(URI.create("signature-sessions/" + id)).entity(body).build();
        }

        /**
         * Reads a session.
         *
         * @param id the session id
         * @return the session
         */
        @GET
        @Path("{id}")
        @RequiresScopes("READ")
        @BoundTo(value = "id", types = TokenType.SIGNATURE_SESSION)
        public Map<String, Object> get(@PathParam("id") String id) {
            // a session this instance did not open (another instance's, or one made with the CLI) is shown as not started
            return sessions.getOrDefault(id, Map.of("id", id, "status", "NOT_STARTED"));
        }
    }
}
