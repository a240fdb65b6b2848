package dev.tokengate.jaxrs;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.ValidatedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;

/** The resources the shared HTTP suite calls, on Jersey and on RESTEasy alike. */
final class TestResources {

    private TestResources() {
    }

    /** The application both runtimes deploy. */
    static final class TestApplication extends Application {
        private final TokenGateFeature feature;

        TestApplication(TokenGateFeature feature) {
            this.feature = feature;
        }

        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Documents.class, Mixed.class, Roles.class, Me.class, Plain.class, SubjectHeader.class);
        }

        @Override
        @SuppressWarnings("deprecation") // deprecated for CDI in JAX-RS 3.1, still the portable way to hand over a built instance
        public Set<Object> getSingletons() {
            return Set.of(feature);
        }
    }

    /** Class-level requirements, and methods that replace them. */
    @Path("docs")
    @TokenTypes(TokenType.API_ACCESS)
    @RequiresScopes("READ")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Documents {
        @GET
        public String list() {
            return "list";
        }

        @POST
        @RequiresScopes("documents:write")
        public String create() {
            return "created";
        }

        @GET
        @Path("search")
        @RequiresScopes(anyOf = {"search", "WRITE"})
        public String search() {
            return "search";
        }

        @GET
        @Path("system")
        @TokenTypes(TokenType.SYSTEM_OPERATION)
        public String system() {
            return "system";
        }

        @GET
        @Path("public")
        @PublicEndpoint
        public String open() {
            return "public";
        }

        @GET
        @Path("{id}")
        @BoundTo(value = "id", types = TokenType.DOCUMENT_ACCESS)
        public String get(@PathParam("id") String id) {
            return "document " + id;
        }

        @PUT
        @Path("{id}")
        @RequiresScopes("WRITE")
        @BoundTo("id")
        public String update(@PathParam("id") String id) {
            return "updated " + id;
        }
    }

    /** No class-level annotation, but annotated methods: the plain one is denied by default. */
    @Path("mixed")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Mixed {
        @GET
        @Path("annotated")
        @RequiresScopes("READ")
        public String annotated() {
            return "annotated";
        }

        @GET
        @Path("plain")
        public String plain() {
            return "plain";
        }

        @GET
        @Path("open")
        @PublicEndpoint
        public String open() {
            return "open";
        }
    }

    /** jakarta.annotation.security through the SecurityContext: a role is a scope. */
    @Path("roles")
    @RolesAllowed("WRITE")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Roles {
        @GET
        public String writers() {
            return "writers";
        }

        @GET
        @Path("permit")
        @PermitAll
        public String permit() {
            return "permit";
        }

        @GET
        @Path("deny")
        @DenyAll
        public String deny() {
            return "deny";
        }

        @GET
        @Path("either")
        @RolesAllowed({"reports", "ADMIN"})
        public String either() {
            return "either";
        }
    }

    /** Any valid token; shows what the resource sees of it. */
    @Path("me")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public static class Me {
        @GET
        public String me(@Context SecurityContext security) {
            ValidatedToken token = ValidatedTokens.require(security);
            return String.join("|", security.getUserPrincipal().getName(), token.type().name(), token.id(),
                    security.getAuthenticationScheme(), Boolean.toString(security.isSecure()),
                    Boolean.toString(security.isUserInRole("READ")), Boolean.toString(security.isUserInRole("ADMIN")));
        }
    }

    /** No annotation at all: the feature leaves it alone; the exception mapper still answers. */
    @Path("plain")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Plain {
        @GET
        public String anonymous(@Context SecurityContext security) {
            return ValidatedTokens.from(security).map(ValidatedToken::subject).orElse("anonymous");
        }

        @GET
        @Path("require")
        public String require(@Context SecurityContext security) {
            return ValidatedTokens.require(security).subject();
        }

        @GET
        @Path("unavailable")
        public String unavailable() {
            throw new TokenException(ErrorCode.KEYS_UNAVAILABLE, "key set endpoint unreachable");
        }

        @GET
        @Path("scope")
        public String scope() {
            throw new InsufficientScopeException(ErrorCode.INSUFFICIENT_SCOPE, "needs reports", List.of("reports"));
        }
    }

    /** Reads the token from the request property, as any later filter may. */
    @Provider
    public static class SubjectHeader implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            ValidatedTokens.from(request).ifPresent(t -> response.getHeaders().add("X-Token-Subject", t.subject()));
        }
    }
}
