package dev.tokengate.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.InsufficientScopeException;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.ValidatedToken;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** Fast checks of how annotations are read and combined at deployment, without a runtime. */
class EndpointPolicyTest {

    private final TestTokens tokens = new TestTokens();

    @Path("r/{id}")
    @RequiresScopes("READ")
    static class ClassLevel {
        public void inherits() {
        }

        @RequiresScopes("WRITE")
        public void replaces() {
        }

        @PublicEndpoint
        public void open() {
        }

        @BoundTo("nope")
        public void unknownParameter() {
        }

        @BoundTo("id")
        public void bound() {
        }
    }

    @Path("m")
    static class MethodLevel {
        @RequiresScopes("READ")
        public void annotated() {
        }

        public void plain() {
        }

        @PublicEndpoint
        @RequiresScopes("READ")
        public void publicAndProtected() {
        }

        @RequiresScopes
        public void noScopes() {
        }

        @RolesAllowed("READ")
        @PermitAll
        public void twoRoleKinds() {
        }

        @TokenTypes(TokenType.DOCUMENT_ACCESS)
        @RequiresScopes("READ")
        @BoundTo(value = "id", types = TokenType.DOCUMENT_ACCESS)
        @Path("{id}")
        public void scopesNeverApply() {
        }
    }

    @Path("p")
    @PublicEndpoint
    static class PublicClass {
        public void open() {
        }

        @RequiresScopes("ADMIN")
        public void guarded() {
        }
    }

    @Path("d")
    @DenyAll
    static class DenyClass {
        @RequiresScopes("READ")
        public void stillDenied() {
        }

        @PermitAll
        public void permitted() {
        }
    }

    @Path("n")
    static class NotAnnotated {
        public void anything() {
        }
    }

    @Test
    void classWithoutAnyAnnotationIsNotManaged() throws Exception {
        assertThat(compile(NotAnnotated.class, "anything")).isNull();
    }

    @Test
    void methodWithoutAnnotationsInheritsClassAnnotations() throws Exception {
        EndpointPolicy p = compile(ClassLevel.class, "inherits");
        assertThatCode(() -> authorize(p, tokens.issue(TokenType.API_ACCESS, "READ"), null)).doesNotThrowAnyException();
        assertCode(() -> authorize(p, tokens.issue(TokenType.API_ACCESS, "other"), null), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void methodAnnotationReplacesClassAnnotationOfTheSameKind() throws Exception {
        EndpointPolicy p = compile(ClassLevel.class, "replaces");
        assertCode(() -> authorize(p, tokens.issue(TokenType.API_ACCESS, "READ"), null), ErrorCode.INSUFFICIENT_SCOPE);
        assertThatThrownBy(() -> authorize(p, tokens.issue(TokenType.API_ACCESS, "READ"), null))
                .isInstanceOfSatisfying(InsufficientScopeException.class, e -> assertThat(e.requiredScopes()).containsExactly("WRITE"));
    }

    @Test
    void publicMethodWinsOverClassRequirements() throws Exception {
        assertThat(compile(ClassLevel.class, "open").isPublic()).isTrue();
    }

    @Test
    void publicClassLeavesMethodsWithoutAnnotationsPublicButNotAnnotatedOnes() throws Exception {
        assertThat(compile(PublicClass.class, "open").isPublic()).isTrue();
        EndpointPolicy guarded = compile(PublicClass.class, "guarded");
        assertThat(guarded.isPublic()).isFalse();
        assertCode(() -> authorize(guarded, tokens.issue(TokenType.API_ACCESS, "READ"), null), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void unannotatedMethodIsDeniedByDefaultAndAuthenticatedWhenConfigured() throws Exception {
        String admin = tokens.issue(TokenType.SYSTEM_OPERATION, "ADMIN");
        EndpointPolicy deny = compile(MethodLevel.class, "plain");
        assertCode(() -> authorize(deny, admin, null), ErrorCode.INSUFFICIENT_SCOPE);
        EndpointPolicy authenticated = EndpointPolicy.compile(MethodLevel.class, MethodLevel.class.getMethod("plain"),
                TokenGateFeature.UnannotatedMethods.AUTHENTICATED);
        assertThat(authenticated.isPublic()).isFalse();
        assertThatCode(() -> authorize(authenticated, tokens.issue(TokenType.DOCUMENT_ACCESS), null)).doesNotThrowAnyException();
    }

    @Test
    void classDenyAllStillDeniesAMethodWithOnlyScopesButNotAMethodWithPermitAll() throws Exception {
        String admin = tokens.issue(TokenType.API_ACCESS, "ADMIN");
        assertCode(() -> authorize(compile(DenyClass.class, "stillDenied"), admin, null), ErrorCode.INSUFFICIENT_SCOPE);
        assertThatCode(() -> authorize(compile(DenyClass.class, "permitted"), admin, null)).doesNotThrowAnyException();
    }

    @Test
    void boundToMissingPathParameterValueIsAResourceMismatch() throws Exception {
        EndpointPolicy p = compile(ClassLevel.class, "bound");
        String token = tokens.bound(TokenType.API_ACCESS, "doc-1", "READ");
        assertCode(() -> authorize(p, token, null), ErrorCode.RESOURCE_MISMATCH);
        assertThatCode(() -> authorize(p, token, "doc-1")).doesNotThrowAnyException();
    }

    @Test
    void boundToUnknownPathParameterFailsDeployment() {
        assertThatThrownBy(() -> compile(ClassLevel.class, "unknownParameter"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{nope}").hasMessageContaining("unknownParameter");
    }

    @Test
    void publicEndpointWithARequirementFailsDeployment() {
        assertThatThrownBy(() -> compile(MethodLevel.class, "publicAndProtected"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@PublicEndpoint");
    }

    @Test
    void requiresScopesWithoutScopesFailsDeployment() {
        assertThatThrownBy(() -> compile(MethodLevel.class, "noScopes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no scope");
    }

    @Test
    void twoRoleAnnotationsOnOneMethodFailDeployment() {
        assertThatThrownBy(() -> compile(MethodLevel.class, "twoRoleKinds"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than one");
    }

    @Test
    void scopesThatNoAcceptedTypeCouldBeCheckedOnFailDeployment() {
        assertThatThrownBy(() -> compile(MethodLevel.class, "scopesNeverApply"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never applies");
    }

    @Test
    void securityContextMapsRolesToEffectiveScopes() {
        ValidatedToken token = tokens.validator().validate(tokens.issue(TokenType.API_ACCESS, "WRITE"));
        TokenSecurityContext sc = new TokenSecurityContext(token, true);
        assertThat(sc.isUserInRole("READ")).isTrue();
        assertThat(sc.isUserInRole("ADMIN")).isFalse();
        assertThat(sc.isUserInRole(null)).isFalse();
        assertThat(sc.getAuthenticationScheme()).isEqualTo("Bearer");
        assertThat(sc.isSecure()).isTrue();
        assertThat(sc.getUserPrincipal().getName()).isEqualTo("user-api_access");
        assertThat(ValidatedTokens.from(sc)).containsSame(token);
        assertThat(ValidatedTokens.from((jakarta.ws.rs.core.SecurityContext) null)).isEmpty();
    }

    private static EndpointPolicy compile(Class<?> type, String method) throws NoSuchMethodException {
        return EndpointPolicy.compile(type, type.getMethod(method), TokenGateFeature.UnannotatedMethods.DENY);
    }

    private void authorize(EndpointPolicy policy, String jwt, String id) {
        ValidatedToken token = tokens.validator().validate(jwt);
        policy.authorize(token, new TokenSecurityContext(token, false), name -> "id".equals(name) ? id : null);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
