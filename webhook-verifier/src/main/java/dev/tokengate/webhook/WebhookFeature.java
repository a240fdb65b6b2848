package dev.tokengate.webhook;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JAX-RS side of webhook verification: registers, for every resource method annotated
 * {@link VerifiedWebhook} (on the method, else on its class), one request filter that verifies
 * the delivery with the verifier of that name, at {@link Priorities#AUTHENTICATION}.
 *
 * <pre>{@code
 * resourceConfig.register(WebhookFeature.builder()
 *     .verifier("stripe", WebhookVerifier.builder().scheme(WebhookScheme.STRIPE).secret(s).build())
 *     .build());
 * }</pre>
 *
 * <p>The filter reads the raw entity stream first (bounded: a {@code Content-Length} over the
 * verifier's limit is refused unread, with 413), verifies it, puts the stream back for the
 * resource method to read, and stores the {@link WebhookDelivery} as the request property
 * {@link WebhookDelivery#ATTRIBUTE}. A refused delivery is aborted with the status of its error
 * code and an {@code application/problem+json} body. An annotation naming no registered
 * verifier fails application start-up. Immutable and thread-safe.
 */
public final class WebhookFeature implements DynamicFeature {

    private final Map<String, WebhookVerifier> verifiers;

    private WebhookFeature(Map<String, WebhookVerifier> verifiers) {
        this.verifiers = Collections.unmodifiableMap(new LinkedHashMap<>(verifiers));
    }

    /** A builder; register at least one verifier. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        VerifiedWebhook a = method == null ? null : method.getAnnotation(VerifiedWebhook.class);
        if (a == null && resourceInfo.getResourceClass() != null) {
            a = resourceInfo.getResourceClass().getAnnotation(VerifiedWebhook.class);
        }
        if (a == null) {
            return;
        }
        WebhookVerifier verifier = verifiers.get(a.value());
        if (verifier == null) {
            throw new IllegalStateException("@VerifiedWebhook(\"" + a.value() + "\") on " + method
                    + " names no verifier; registered: " + verifiers.keySet());
        }
        context.register(new WebhookRequestFilter(verifier), Priorities.AUTHENTICATION);
    }

    @Override
    public String toString() {
        return "WebhookFeature" + verifiers.keySet();
    }

    /** Builds a {@link WebhookFeature}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, WebhookVerifier> verifiers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers a verifier under a name that {@link VerifiedWebhook#value()} refers to.
         *
         * @param name the name, not blank, not registered yet
         * @param verifier the verifier
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or already taken
         */
        public Builder verifier(String name, WebhookVerifier verifier) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("verifier name must not be blank, was '" + name + "'");
            }
            Objects.requireNonNull(verifier, "verifier");
            if (verifiers.putIfAbsent(name, verifier) != null) {
                throw new IllegalArgumentException("a verifier named '" + name + "' is already registered");
            }
            return this;
        }

        /**
         * Builds the feature.
         *
         * @return the feature
         * @throws IllegalStateException if no verifier was registered
         */
        public WebhookFeature build() {
            if (verifiers.isEmpty()) {
                throw new IllegalStateException("register at least one verifier: call verifier(\"name\", verifier)");
            }
            return new WebhookFeature(verifiers);
        }
    }
}
