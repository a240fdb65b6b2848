package dev.tokengate.servlet;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/** The contract on embedded Tomcat 11; the filter registers itself through {@link TokenGateFilter#registerOn}. */
class TomcatContainerTest extends ContainerContractTest {

    private Tomcat tomcat;

    @Override
    int start(TokenGateFilter filter, Map<String, HttpServlet> servlets, Map<Integer, String> errorPages) throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", Files.createDirectories(base.resolve("docs")).toString());
        context.addServletContainerInitializer((classes, servletContext) -> filter.registerOn(servletContext), null);
        int[] n = {0};
        servlets.forEach((pattern, servlet) -> {
            String name = "s" + n[0]++;
            Wrapper w = Tomcat.addServlet(context, name, servlet);
            w.setAsyncSupported(true);
            context.addServletMappingDecoded(pattern, name);
        });
        errorPages.forEach((code, location) -> {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(code);
            page.setLocation(location);
            context.addErrorPage(page);
        });
        tomcat.start();
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
