package dev.tokengate.servlet;

import dev.tokengate.core.ValidatedToken;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The application behind the filter in the container tests. */
final class TestServlets {

    static final String SECRET = "ADMIN-SECRET";

    final AtomicInteger secretHits = new AtomicInteger();

    /** url-pattern to servlet; every servlet supports async. */
    Map<String, HttpServlet> mappings() {
        Map<String, HttpServlet> m = new LinkedHashMap<>();
        Echo echo = new Echo();
        m.put("/", echo);
        m.put("/api/documents", echo);
        m.put("/api/documents/*", echo);
        m.put("/api/any-of", echo);
        m.put("/api/other", echo);
        Secret secret = new Secret(secretHits);
        m.put("/api/admin/*", secret);
        m.put("/admin/*", secret);
        m.put("/api/async", new AsyncEcho());
        m.put("/public/*", new PublicPages());
        return m;
    }

    static String describe(ServletRequest r) {
        HttpServletRequest req = (HttpServletRequest) r;
        Object token = req.getAttribute(TokenGateFilter.TOKEN_ATTRIBUTE);
        return "user=" + (req.getUserPrincipal() == null ? "anonymous" : req.getUserPrincipal().getName())
                + " authType=" + req.getAuthType()
                + " READ=" + req.isUserInRole("READ") + " WRITE=" + req.isUserInRole("WRITE")
                + " token=" + (token instanceof ValidatedToken t ? t.type() : "none");
    }

    static final class Echo extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().print("echo " + req.getMethod() + " " + describe(req));
        }
    }

    static final class Secret extends HttpServlet {
        private final AtomicInteger hits;

        Secret(AtomicInteger hits) {
            this.hits = hits;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            hits.incrementAndGet();
            res.setContentType("text/plain");
            res.getWriter().print(SECRET + " " + describe(req));
        }
    }

    /** Answers from another thread, then re-dispatches to itself (an ASYNC dispatch). */
    static final class AsyncEcho extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                res.setContentType("text/plain");
                res.getWriter().print("async " + describe(req) + " worker-saw=" + req.getAttribute("worker-saw"));
                return;
            }
            AsyncContext ac = req.startAsync();
            ac.start(() -> {
                ac.getRequest().setAttribute("worker-saw", describe(ac.getRequest()));
                ac.dispatch();
            });
        }
    }

    /** Public pages that forward, include, async-dispatch or fail towards the protected admin pages. */
    static final class PublicPages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException, ServletException {
            String what = req.getPathInfo() == null ? "" : req.getPathInfo();
            switch (what) {
                case "/forward" -> req.getRequestDispatcher("/admin/forwarded").forward(req, res);
                case "/include" -> {
                    res.setContentType("text/plain");
                    res.getWriter().print("before|");
                    req.getRequestDispatcher("/admin/included").include(req, res);
                    res.getWriter().print("|after");
                }
                case "/async" -> {
                    AsyncContext ac = req.startAsync();
                    ac.start(() -> ac.dispatch("/admin/async-target"));
                }
                case "/fail" -> res.sendError(418);
                default -> {
                    res.setContentType("text/plain");
                    res.getWriter().print("public " + describe(req));
                }
            }
        }
    }
}
