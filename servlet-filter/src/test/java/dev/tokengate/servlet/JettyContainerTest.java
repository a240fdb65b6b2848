package dev.tokengate.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The contract on embedded Jetty 12 (ee10). */
class JettyContainerTest extends ContainerContractTest {

    private Server server;

    @Override
    int start(TokenGateFilter filter, Map<String, HttpServlet> servlets, Map<Integer, String> errorPages) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
        servlets.forEach((pattern, servlet) -> {
            ServletHolder h = new ServletHolder(servlet);
            h.setAsyncSupported(true);
            context.addServlet(h, pattern);
        });
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errorPages.forEach(errors::addErrorPage);
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
