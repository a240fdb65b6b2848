package dev.tokengate.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import dev.tokengate.core.http.BearerTokenExtractor;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Fast checks of the two filters on mocked requests; the HTTP suite covers the rest on real runtimes. */
class FiltersUnitTest {

    private final TestTokens tokens = new TestTokens();
    private final ErrorResponses responses = ErrorResponses.defaults();

    @Test
    void authenticationWhenPropertyHoldsValidatedTokenThenReusedWithoutValidating() {
        ValidatedToken token = tokens.validator().validate(tokens.issue(TokenType.API_ACCESS, "READ"));
        TokenValidator validator = mock(TokenValidator.class);
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        SecurityContext original = mock(SecurityContext.class);
        when(original.isSecure()).thenReturn(true);
        when(request.getSecurityContext()).thenReturn(original);
        when(request.getProperty(ValidatedToken.REQUEST_ATTRIBUTE)).thenReturn(token);

        new AuthenticationFilter(validator, BearerTokenExtractor.headerOnly(), responses, "test").filter(request);

        verify(validator, never()).validate(any());
        verify(request, never()).abortWith(any());
        ArgumentCaptor<SecurityContext> installed = ArgumentCaptor.forClass(SecurityContext.class);
        verify(request).setSecurityContext(installed.capture());
        assertThat(ValidatedTokens.from(installed.getValue())).containsSame(token);
        assertThat(installed.getValue().isSecure()).isTrue();
        assertThat(installed.getValue().getAuthenticationScheme()).isEqualTo("Bearer");
    }

    @Test
    void authorizationWhenNoAuthenticatedTokenThenAborts401NeverLetsThrough() throws Exception {
        EndpointPolicy permitAll = EndpointPolicy.compile(TestResources.Roles.class,
                TestResources.Roles.class.getMethod("permit"), TokenGateFeature.UnannotatedMethods.DENY);
        ContainerRequestContext request = mock(ContainerRequestContext.class);

        new AuthorizationFilter(permitAll, responses).filter(request);

        ArgumentCaptor<Response> aborted = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(aborted.capture());
        assertThat(aborted.getValue().getStatus()).isEqualTo(401);
        assertThat(aborted.getValue().getEntity()).isEqualTo(ErrorResponses.problemJson(ErrorCode.TOKEN_MISSING));
        assertThat(aborted.getValue().getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"tokengate\"");
    }
}
