package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Every Jersey reference of the suite, kept out of the test class so that JUnit can discover
 * (and leave out, by tag) {@link JerseyTokenGateTest} in the fork that has no Jersey.
 */
final class JerseyRuntime {

    private JerseyRuntime() {
    }

    static AutoCloseable deploy(ServletContextHandler context, Application app) {
        context.addServlet(new ServletHolder(new ServletContainer(ResourceConfig.forApplication(app))), "/*");
        return () -> { };
    }
}
