package dev.tokengate.core;

import static dev.tokengate.core.TokenValidatorTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private final Fixture f = new Fixture();

    private ValidatedToken token(String scopeClaim) {
        return f.validator.validate(f.sign(f.claims(TokenType.API_ACCESS).claim("scope", scopeClaim).build()));
    }

    @Test
    void checkWhenScopeIsWriterThenWriteIsNotGranted() {
        ValidatedToken t = token("writer");
        assertCode(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("write").check(t), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenScopeDiffersInCaseThenNotGranted() {
        ValidatedToken t = token("WRITE");
        assertCode(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("write").check(t), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenScopesJoinedWithCommaThenOneScope() {
        ValidatedToken t = token("a,b");
        assertThat(t.scopes()).containsExactly("a,b");
        assertCode(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("a").check(t), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenAllOfThenEveryScopeNeededAndMissingOnesNamed() {
        ValidatedToken t = token("a b");
        TokenRequirement.of(TokenType.API_ACCESS).requireScope("a", "b").check(t);
        assertThatThrownBy(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("a", "c").check(t))
                .isInstanceOfSatisfying(InsufficientScopeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
                    assertThat(e.requiredScopes()).containsExactly("a", "c");
                    assertThat(e.getMessage()).isEqualTo("token lacks scope(s) [c]; it has [a, b]");
                });
    }

    @Test
    void checkWhenAnyOfThenOneScopeSuffices() {
        ValidatedToken t = token("b");
        TokenRequirement.of(TokenType.API_ACCESS).requireAnyScope("a", "b").check(t);
        assertCode(() -> TokenRequirement.of(TokenType.API_ACCESS).requireAnyScope("a", "c").check(t), ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void checkWhenDefaultHierarchyThenAdminGrantsWriteAndReadButReadGrantsNothingMore() {
        ValidatedToken admin = token("ADMIN");
        TokenRequirement.of(TokenType.API_ACCESS).requireScope("WRITE", "READ").check(admin);
        ValidatedToken read = token("READ");
        assertCode(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("WRITE").check(read), ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(read.hasScope("READ")).isTrue();
        assertThat(read.hasScope("read:users")).isFalse();
    }

    @Test
    void checkWhenResourceScopeImplicationDeclaredThenGrantedOtherwiseNot() {
        ScopeHierarchy declared = ScopeHierarchy.builder().implies("documents:write", "documents:read").build();
        TokenValidator withDecl = TokenValidator.builder().keys(f.keys).issuer(Fixture.ISSUER).audience(Fixture.AUDIENCE)
                .clock(f.clock).scopeHierarchy(declared).build();
        String jwt = f.sign(f.claims(TokenType.API_ACCESS).claim("scope", "documents:write").build());

        assertThat(withDecl.validate(jwt).hasScope("documents:read")).isTrue();
        assertThat(f.validator.validate(jwt).hasScope("documents:read")).isFalse();
        assertThat(withDecl.validate(jwt).hasScope("documents:delete")).isFalse();
    }

    @Test
    void checkWhenWildcardNotDeclaredThenItMeansNothing() {
        assertThat(token("*").hasScope("READ")).isFalse();
        ScopeHierarchy h = ScopeHierarchy.builder().implies("*", "READ").build();
        assertThat(h.expand(List.of("*"))).containsExactlyInAnyOrder("*", "READ");
        assertThat(h.grants("*", "WRITE")).isFalse();
    }

    @Test
    void buildWhenImplicationsFormACycleThenRefused() {
        assertThatThrownBy(() -> ScopeHierarchy.builder().implies("a", "b").implies("b", "c").implies("c", "a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> ScopeHierarchy.builder().implies("a", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expandWhenTransitiveThenWholeChain() {
        ScopeHierarchy h = ScopeHierarchy.builder().implies("a", "b").implies("b", "c").implies("x", "c").build();
        assertThat(h.expand(List.of("a"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(h.grants("a", "c")).isTrue();
        assertThat(h.grants("c", "a")).isFalse();
    }

    @Test
    void checkWhenBindingRequiredThenOnlyTheBoundResourceOpens() {
        String jwt = f.issuer.issue(TechnicalToken.builder().type(TokenType.DOCUMENT_ACCESS).expiration("15m")
                .subject("s").bind("doc-1").build());
        TokenRequirement doc1 = TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ")
                .or(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding("doc-1"));
        TokenRequirement doc2 = TokenRequirement.of(TokenType.API_ACCESS).requireScope("READ")
                .or(TokenRequirement.of(TokenType.DOCUMENT_ACCESS).requireBinding("doc-2"));
        assertThat(f.validator.validate(jwt, doc1).bindings()).containsExactly("doc-1");
        assertCode(() -> f.validator.validate(jwt, doc2), ErrorCode.RESOURCE_MISMATCH);
        // an API token with READ opens both
        String api = f.issue(TokenType.API_ACCESS, "READ");
        f.validator.validate(api, doc2);
        assertCode(() -> f.validator.validate(f.issue(TokenType.SYSTEM_OPERATION, "ADMIN"), doc2), ErrorCode.TOKEN_TYPE_MISMATCH);
        assertThat(doc2.requiredScopes()).containsExactly("READ");
    }

    @Test
    void scopeWhenInvalidCharactersThenRefused() {
        assertThatThrownBy(() -> TechnicalToken.builder().scope("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a b' is not valid");
        assertThatThrownBy(() -> TokenRequirement.of(TokenType.API_ACCESS).requireScope("x\"y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
