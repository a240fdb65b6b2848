package dev.tokengate.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/**
 * Every RESTEasy reference of the suite, kept out of the test class so that JUnit can discover
 * (and leave out, by tag) {@link ResteasyTokenGateTest} in the fork that has no RESTEasy.
 *
 * <p>The deployment is built from the application instance (no scanning) and handed to the
 * dispatcher through the servlet context attribute RESTEasy's own bootstrap listener uses.
 */
final class ResteasyRuntime {

    private ResteasyRuntime() {
    }

    static AutoCloseable deploy(ServletContextHandler context, Application app) {
        // the concrete type on purpose: the verifier then needs no RESTEasy class to link this one
        ResteasyDeploymentImpl deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(app);
        deployment.start();
        context.setAttribute(ResteasyDeployment.class.getName(), deployment);
        context.addServlet(new ServletHolder(new HttpServlet30Dispatcher()), "/*");
        return deployment::stop;
    }
}
