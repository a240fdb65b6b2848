package dev.tokengate.jaxrs;

import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.http.BearerTokenExtractor;
import dev.tokengate.core.http.ErrorResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects JAX-RS resource methods with tokens, as their annotations say: register it once, and
 * {@link RequiresScopes}, {@link TokenTypes}, {@link BoundTo}, {@link PublicEndpoint},
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} take effect.
 *
 * <pre>{@code
 * TokenGateFeature feature = TokenGateFeature.builder()
 *     .validator(validator)          // dev.tokengate.core.TokenValidator
 *     .realm("documents-api")
 *     .build();
 * ResourceConfig jersey = new ResourceConfig(DocumentsResource.class).register(feature);
 * // RESTEasy / any runtime: return it from Application.getSingletons()
 * }</pre>
 *
 * <p>The annotations of each resource method are read once, at deployment (method first, then
 * class; see the README for how they combine); each protected method gets an authentication
 * filter at {@link Priorities#AUTHENTICATION} and its own authorization filter at
 * {@link Priorities#AUTHORIZATION}, so a request costs no reflection. A request without a valid
 * token is answered 401 (never 403); a valid token lacking a scope gets 403
 * {@code insufficient_scope} with {@code scope="…"}; bodies are {@code application/problem+json}.
 * The feature also registers a {@link TokenExceptionMapper}.
 *
 * <p>Classes with no tokengate or {@code jakarta.annotation.security} annotation are left alone.
 * In a class that uses them, a method with none is refused (403 once authenticated) unless
 * {@link Builder#unannotatedMethods} says otherwise. Contradictory annotations
 * (e.g. {@code @PublicEndpoint} with {@code @RequiresScopes}) fail deployment with an
 * {@link IllegalStateException} naming the method.
 *
 * <p>When a servlet filter in front already validated the token and stored it under
 * {@link dev.tokengate.core.ValidatedToken#REQUEST_ATTRIBUTE}, that token is reused, not validated
 * again. Immutable and thread-safe.
 */
public final class TokenGateFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(TokenGateFeature.class);

    /** What a method without annotations gets, in a class that uses tokengate or security annotations. */
    public enum UnannotatedMethods {
        /** Refused: 401 without a valid token, 403 with one (the default). */
        DENY,
        /** Any valid token is enough. */
        AUTHENTICATED
    }

    private final TokenValidator validator;
    private final ErrorResponses responses;
    private final BearerTokenExtractor extractor;
    private final UnannotatedMethods unannotated;

    private TokenGateFeature(Builder b) {
        this.validator = b.validator;
        this.responses = new ErrorResponses(b.realm, b.retryAfterSeconds);
        this.extractor = BearerTokenExtractor.of(b.allowQueryParameter, false);
        this.unannotated = b.unannotated;
    }

    /** A builder; {@link Builder#validator} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the per-method filters (through a {@link DynamicFeature}) and the exception mapper.
     *
     * @param context the runtime's feature context
     * @return true
     */
    @Override
    public boolean configure(FeatureContext context) {
        context.register(new PerMethodFilters());
        context.register(new TokenExceptionMapper(responses));
        return true;
    }

    /** Reads each resource method's annotations once and registers its filters. */
    private final class PerMethodFilters implements DynamicFeature {
        @Override
        public void configure(ResourceInfo resourceInfo, FeatureContext context) {
            Class<?> type = resourceInfo.getResourceClass();
            Method method = resourceInfo.getResourceMethod();
            if (type == null || method == null) {
                return;
            }
            EndpointPolicy policy = EndpointPolicy.compile(type, method, unannotated);
            if (policy == null || policy.isPublic()) {
                LOG.debug("{}#{}: {}", type.getName(), method.getName(), policy == null ? "not annotated, left alone" : "public");
                return;
            }
            LOG.debug("{}", policy);
            context.register(new AuthenticationFilter(validator, extractor, responses, policy.location()), Priorities.AUTHENTICATION);
            context.register(new AuthorizationFilter(policy, responses), Priorities.AUTHORIZATION);
        }
    }

    /**
     * Configures a {@link TokenGateFeature}. Defaults: realm {@value ErrorResponses#DEFAULT_REALM},
     * {@code Retry-After} {@value ErrorResponses#DEFAULT_RETRY_AFTER_SECONDS} s, token from the
     * {@code Authorization} header only, unannotated methods {@link UnannotatedMethods#DENY}.
     * Not thread-safe.
     */
    public static final class Builder {
        private TokenValidator validator;
        private String realm = ErrorResponses.DEFAULT_REALM;
        private int retryAfterSeconds = ErrorResponses.DEFAULT_RETRY_AFTER_SECONDS;
        private boolean allowQueryParameter;
        private UnannotatedMethods unannotated = UnannotatedMethods.DENY;

        private Builder() {
        }

        /**
         * Sets the validator every token goes through (revocation, caching and opaque keys are its business).
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder validator(TokenValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Sets the realm of the {@code WWW-Authenticate} challenges.
         *
         * @param realm printable ASCII without quote or backslash
         * @return this builder
         * @throws IllegalArgumentException naming a bad realm
         */
        public Builder realm(String realm) {
            new ErrorResponses(realm, retryAfterSeconds); // validates at once, with core's rules
            this.realm = realm;
            return this;
        }

        /**
         * Sets the {@code Retry-After} of 503 answers (keys or token state unavailable).
         *
         * @param seconds 1 to 3600
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder retryAfterSeconds(int seconds) {
            new ErrorResponses(realm, seconds);
            this.retryAfterSeconds = seconds;
            return this;
        }

        /**
         * Also accepts the token as an {@code access_token} query parameter (RFC 6750 §2.3). Off by
         * default: URLs end up in logs and browser history. Two tokens in one request are refused either way.
         *
         * @param allow whether to accept it
         * @return this builder
         */
        public Builder allowQueryParameter(boolean allow) {
            this.allowQueryParameter = allow;
            return this;
        }

        /**
         * Sets what a method without annotations gets in a class that uses them.
         *
         * @param policy {@link UnannotatedMethods#DENY} (default) or {@link UnannotatedMethods#AUTHENTICATED}
         * @return this builder
         */
        public Builder unannotatedMethods(UnannotatedMethods policy) {
            this.unannotated = Objects.requireNonNull(policy, "unannotatedMethods");
            return this;
        }

        /**
         * Builds the feature.
         *
         * @return the feature
         * @throws IllegalStateException if no validator was set
         */
        public TokenGateFeature build() {
            if (validator == null) {
                throw new IllegalStateException("validator is required: call validator(TokenValidator)");
            }
            return new TokenGateFeature(this);
        }
    }
}
