package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The shared HTTP suite on Jersey 3.1 ({@code jersey-container-servlet-core} on Jetty 12 ee10). */
class JerseyTokenGateTest extends AbstractTokenGateHttpTest {

    @Override
    protected void deploy(ServletContextHandler context, Application app) {
        context.addServlet(new ServletHolder(new ServletContainer(ResourceConfig.forApplication(app))), "/*");
    }
}
