package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/**
 * The shared HTTP suite on RESTEasy 6.2 ({@code HttpServlet30Dispatcher} on Jetty 12 ee10), with a
 * deployment built from the application instance (no scanning), handed to the dispatcher through
 * the servlet context as RESTEasy's own bootstrap listener does.
 */
class ResteasyTokenGateTest extends AbstractTokenGateHttpTest {

    private ResteasyDeployment deployment;

    @Override
    protected void deploy(ServletContextHandler context, Application app) {
        deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(app);
        deployment.start();
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        context.addServlet(new ServletHolder(new HttpServlet30Dispatcher()), "/*");
    }

    @Override
    protected void undeploy() {
        if (deployment != null) {
            deployment.stop();
        }
    }
}
