package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Tag;

/**
 * The shared HTTP suite on Jersey 3.1 ({@code jersey-container-servlet-core} on Jetty 12 ee10).
 * Runs in surefire's {@code default-test} fork, whose classpath holds no RESTEasy.
 */
@Tag("jersey")
class JerseyTokenGateTest extends AbstractTokenGateHttpTest {

    @Override
    protected AutoCloseable deploy(ServletContextHandler context, Application app) {
        return JerseyRuntime.deploy(context, app);
    }
}
