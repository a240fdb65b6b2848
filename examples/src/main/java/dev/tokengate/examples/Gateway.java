package dev.tokengate.examples;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.SigningAlgorithm;
import dev.tokengate.core.TechnicalToken;
import dev.tokengate.core.TokenIssuer;
import dev.tokengate.core.TokenService;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.event.SecurityEventListener;
import dev.tokengate.core.http.ErrorResponses;
import dev.tokengate.core.store.ApiKeyStore;
import dev.tokengate.core.store.MessageIdStore;
import dev.tokengate.core.store.RefreshFamilyStore;
import dev.tokengate.core.store.RevocationStore;
import dev.tokengate.jaxrs.TokenGateFeature;
import dev.tokengate.servlet.PublicPathPolicy;
import dev.tokengate.servlet.TokenGateFilter;
import dev.tokengate.webhook.WebhookFilter;
import dev.tokengate.webhook.WebhookScheme;
import dev.tokengate.webhook.WebhookSecrets;
import dev.tokengate.webhook.WebhookVerifier;
import jakarta.servlet.DispatcherType;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The example gateway of DESIGN §6: Jetty 12 serving the servlet-filter routes, a Jersey
 * application under {@code /rest}, the webhook receivers and the token endpoints.
 *
 * <p>{@link #start(GatewayConfig)} binds the port first (so that port 0 works and the default
 * issuer names the real port), then builds everything and starts serving.
 */
final class Gateway implements AutoCloseable {

    /** The servlet filter's rules: DESIGN §6, row by row. */
    static final String RULES = """
            GET  /health                = permitAll
            GET  /.well-known/jwks.json = permitAll
            GET  /public/**             = permitAll
            GET  /api/documents         = API_ACCESS READ
            POST /api/documents         = API_ACCESS WRITE
            GET  /api/documents/{id}    = API_ACCESS READ | DOCUMENT_ACCESS bind(id)
            /api/admin/**               = SYSTEM_OPERATION ADMIN
            /api/**                     = denyAll
            POST /tokens                = SYSTEM_OPERATION ADMIN
            POST /oauth/token           = permitAll
            POST /oauth/revoke          = SYSTEM_OPERATION
            POST /oauth/introspect      = SYSTEM_OPERATION
            # JAX-RS enforces its own annotations
            /rest/**                    = permitAll
            # the webhook verifier checks signatures, not bearer tokens
            POST /webhooks/**           = permitAll
            """;

    private final Server server;
    private final int port;
    private final String issuer;
    private final String audience;
    private final KeyRing keys;
    private final boolean generatedKeys;
    private final String adminToken;
    private final String webhookSecret;
    private final String githubWebhookSecret;
    private final String stripeWebhookSecret;
    private final String storesDescription;
    private final AutoCloseable stores;
    private final GatewayConfig config;

    private Gateway(Server server, int port, String issuer, String audience, KeyRing keys, boolean generatedKeys,
            String adminToken, String webhookSecret, String githubWebhookSecret, String stripeWebhookSecret,
            String storesDescription, AutoCloseable stores, GatewayConfig config) {
        this.server = server;
        this.port = port;
        this.issuer = issuer;
        this.audience = audience;
        this.keys = keys;
        this.generatedKeys = generatedKeys;
        this.adminToken = adminToken;
        this.webhookSecret = webhookSecret;
        this.githubWebhookSecret = githubWebhookSecret;
        this.stripeWebhookSecret = stripeWebhookSecret;
        this.storesDescription = storesDescription;
        this.stores = stores;
        this.config = config;
    }

    /**
     * Starts a gateway.
     *
     * @param config the configuration
     * @return the running gateway
     * @throws Exception if it cannot start (port taken, unreadable key file, bad secret...)
     */
    static Gateway start(GatewayConfig config) throws Exception {
        boolean generated = config.keys() == null;
        KeyRing keys = generated ? KeyRing.generate(SigningAlgorithm.ES256) : loadKeys(config);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(null);
        connector.setPort(config.port());
        server.addConnector(connector);
        connector.open();
        int port = connector.getLocalPort();
        try {
            String issuer = config.issuer() != null ? config.issuer() : "http://localhost:" + port;
            Stores stores = Stores.open(config.redis());

            TokenValidator validator = TokenValidator.builder().keys(keys).issuer(issuer).audience(config.audience())
                    .revocations(stores.revocations()).apiKeys(stores.apiKeys()).listener(SecurityEventListener.logging())
                    .build();
            TokenIssuer tokenIssuer = TokenIssuer.builder().keys(keys).issuer(issuer).audience(config.audience()).build();
            TokenService service = TokenService.builder().issuer(tokenIssuer).validator(validator)
                    .revocations(stores.revocations()).refreshFamilies(stores.refreshFamilies()).apiKeys(stores.apiKeys())
                    .listener(SecurityEventListener.logging()).build();
            ErrorResponses errors = ErrorResponses.defaults();

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            // public paths ignore bearer tokens: a stray Authorization header must not break a signed
            // webhook or a refresh, and /rest does its own validation with the JAX-RS filter
            context.addFilter(new FilterHolder(TokenGateFilter.builder().validator(validator).rules(RULES)
                    .publicPathPolicy(PublicPathPolicy.IGNORE_TOKEN).build()), "/*", EnumSet.allOf(DispatcherType.class));

            String standard = config.webhookSecret() != null ? config.webhookSecret() : WebhookSecrets.generate();
            String github = config.githubWebhookSecret() != null ? config.githubWebhookSecret() : randomSecret();
            String stripe = config.stripeWebhookSecret() != null ? config.stripeWebhookSecret() : WebhookSecrets.generate();
            MessageIdStore messageIds = stores.messageIds();
            webhook(context, "/webhooks/standard", WebhookVerifier.builder().scheme(WebhookScheme.STANDARD).secret(standard)
                    .replayGuard(messageIds::claim).build());
            webhook(context, "/webhooks/github", WebhookVerifier.builder().scheme(WebhookScheme.GITHUB).secret(github).build());
            webhook(context, "/webhooks/stripe", WebhookVerifier.builder().scheme(WebhookScheme.STRIPE).secret(stripe)
                    .replayGuard(messageIds::claim).build());
            context.addServlet(new ServletHolder(new WebhookReceiver()), "/webhooks/*");

            Documents documents = new Documents();
            context.addServlet(new ServletHolder(new SimpleServlets.Health()), "/health");
            context.addServlet(new ServletHolder(new SimpleServlets.Jwks(keys)), "/.well-known/jwks.json");
            context.addServlet(new ServletHolder(new SimpleServlets.DocumentsServlet(documents)), "/public/documents");
            context.addServlet(new ServletHolder(new SimpleServlets.DocumentsServlet(documents)), "/api/documents/*");
            context.addServlet(new ServletHolder(new SimpleServlets.Admin()), "/api/admin/*");

            Validator beanValidator = Validation.buildDefaultValidatorFactory().getValidator();
            context.addServlet(new ServletHolder(new TokenEndpoints.Issue(service, beanValidator, errors)), "/tokens");
            context.addServlet(new ServletHolder(new TokenEndpoints.Refresh(service, errors)), "/oauth/token");
            context.addServlet(new ServletHolder(new TokenEndpoints.Revoke(service, errors)), "/oauth/revoke");
            context.addServlet(new ServletHolder(new TokenEndpoints.Introspect(service, errors)), "/oauth/introspect");

            ResourceConfig rest = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .register(TokenGateFeature.builder().validator(validator).build())
                    .register(JacksonFeature.class)
                    .register(new RestApi.Me())
                    .register(new RestApi.SignatureSessions(service));
            context.addServlet(new ServletHolder(new ServletContainer(rest)), "/rest/*");

            server.setHandler(context);
            server.setStopTimeout(2000);
            server.start();

            String admin = tokenIssuer.issue(TechnicalToken.builder().type(TokenType.SYSTEM_OPERATION).expiration("1h")
                    .scope("ADMIN").subject("admin").build());
            return new Gateway(server, port, issuer, config.audience(), keys, generated, admin, standard, github, stripe,
                    stores.description(), stores, config);
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
    }

    private static KeyRing loadKeys(GatewayConfig config) throws IOException {
        try {
            return KeyRing.load(config.keys());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--keys: no such file '" + config.keys() + "'", e);
        }
    }

    private static void webhook(ServletContextHandler context, String path, WebhookVerifier verifier) {
        context.addFilter(new FilterHolder(new WebhookFilter(verifier)), path, EnumSet.of(DispatcherType.REQUEST));
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    KeyRing keys() {
        return keys;
    }

    boolean generatedKeys() {
        return generatedKeys;
    }

    String adminToken() {
        return adminToken;
    }

    String webhookSecret() {
        return webhookSecret;
    }

    String githubWebhookSecret() {
        return githubWebhookSecret;
    }

    String stripeWebhookSecret() {
        return stripeWebhookSecret;
    }

    /** Whether a webhook secret was generated here (and may be shown) rather than configured (and must not be). */
    boolean generatedWebhookSecrets(String which) {
        return switch (which) {
            case "standard" -> config.webhookSecret() == null;
            case "github" -> config.githubWebhookSecret() == null;
            default -> config.stripeWebhookSecret() == null;
        };
    }

    String storesDescription() {
        return storesDescription;
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            stores.close();
        }
    }
}
