package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Tag;

/**
 * The shared HTTP suite on RESTEasy 6.2 ({@code HttpServlet30Dispatcher} on Jetty 12 ee10). Runs
 * in surefire's {@code resteasy} fork, whose classpath holds no Jersey.
 */
@Tag("resteasy")
class ResteasyTokenGateTest extends AbstractTokenGateHttpTest {

    @Override
    protected AutoCloseable deploy(ServletContextHandler context, Application app) {
        return ResteasyRuntime.deploy(context, app);
    }
}
