package dev.tokengate.examples;

import dev.tokengate.webhook.WebhookDelivery;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /webhooks/*}: reached only through a verifying {@code WebhookFilter}; answers 204. */
final class WebhookReceiver extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        WebhookDelivery delivery = (WebhookDelivery) req.getAttribute(WebhookDelivery.ATTRIBUTE);
        if (delivery == null) {
            // no verifying filter in front of this path: refuse rather than trust
            resp.setStatus(404);
            return;
        }
        LOG.info("webhook received: scheme={} id={} bytes={}", delivery.scheme(), delivery.messageId(), req.getContentLength());
        resp.setStatus(204);
    }
}
