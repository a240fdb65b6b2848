package dev.tokengate.examples;

import dev.tokengate.core.KeyRing;
import dev.tokengate.core.ValidatedToken;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small servlets of the example: health, the public keys, documents and admin. */
final class SimpleServlets {

    private SimpleServlets() {
    }

    /** {@code GET /health}. */
    static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Json.send(resp, 200, Map.of("status", "UP"));
        }
    }

    /** {@code GET /.well-known/jwks.json}: public keys only. */
    static final class Jwks extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient KeyRing keys;

        Jwks(KeyRing keys) {
            this.keys = keys;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Json.send(resp, 200, "application/jwk-set+json", keys.publicJwkSet().toString(true));
        }
    }

    /**
     * {@code /public/documents} and {@code /api/documents[/{id}]}: the same listing, unprotected
     * under {@code /public} (the benchmark baseline) and behind the filter under {@code /api}.
     */
    static final class DocumentsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Documents documents;

        DocumentsServlet(Documents documents) {
            this.documents = documents;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getPathInfo();
            if (path == null || path.equals("/")) {
                Json.send(resp, 200, documents.listingJson());
                return;
            }
            // any id names a document of the platform; this example stores only those it created,
            // and answers the others with an empty view (the access decision is what it shows)
            String id = path.substring(1);
            Documents.Document d = documents.find(id);
            Json.send(resp, 200, d != null ? d : new Documents.Document(id, null));
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
                resp.sendError(405);
                return;
            }
            String title = "Untitled";
            try {
                Map<?, ?> body = Json.MAPPER.readValue(req.getInputStream(), Map.class);
                if (body != null && body.get("title") instanceof String t && !t.isBlank()) {
                    title = t;
                }
            } catch (IOException e) {
                // an empty or unreadable body creates an untitled document
            }
            Documents.Document d = documents.create(title);
            resp.setHeader("Location", req.getRequestURI().replaceAll("/$", "") + "/" + d.id());
            Json.send(resp, 201, d);
        }
    }

    /** {@code /api/admin/**}: what an operator token sees. */
    static final class Admin extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ValidatedToken token = (ValidatedToken) req.getAttribute(ValidatedToken.REQUEST_ATTRIBUTE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("admin", true);
            body.put("subject", req.getUserPrincipal().getName());
            body.put("type", token.type());
            body.put("path", req.getRequestURI());
            Json.send(resp, 200, body);
        }
    }
}
