package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

/** The verifier of the HMAC schemes: Standard Webhooks, GitHub, Stripe, Slack and Shopify. */
final class HmacWebhookVerifier extends BaseVerifier {

    static final String STD_ID = "id";
    static final String STD_TIMESTAMP = "timestamp";
    static final String STD_SIGNATURE = "signature";
    static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
    static final String STRIPE_SIGNATURE = "Stripe-Signature";
    static final String SLACK_TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SLACK_SIGNATURE = "X-Slack-Signature";
    static final String SHOPIFY_SIGNATURE = "X-Shopify-Hmac-Sha256";

    /** No header carries more signatures than this. */
    static final int MAX_SIGNATURES = 32;
    private static final int MAC_BYTES = 32;
    private static final byte DOT = '.';

    private final List<Secret> secrets;

    HmacWebhookVerifier(WebhookVerifier.Builder b, List<Secret> secrets, ReplayGuard guard) {
        super(b, guard);
        this.secrets = List.copyOf(secrets);
    }

    @Override
    WebhookDelivery check(WebhookHeaders headers, byte[] body, int off, int len) {
        return switch (scheme) {
            case STANDARD -> standard(headers, body, off, len);
            case GITHUB -> github(headers, body, off, len);
            case STRIPE -> stripe(headers, body, off, len);
            case SLACK -> slack(headers, body, off, len);
            case SHOPIFY -> shopify(headers, body, off, len);
            case TOKEN -> throw new IllegalStateException("TOKEN is verified by TokenWebhookVerifier");
        };
    }

    /**
     * Standard Webhooks: the {@code webhook-*} headers, or, when none of them is present, the
     * {@code svix-*} aliases (one family per delivery, never mixed).
     */
    private WebhookDelivery standard(WebhookHeaders headers, byte[] body, int off, int len) {
        String prefix = present(headers, "webhook-" + STD_ID) || present(headers, "webhook-" + STD_TIMESTAMP)
                || present(headers, "webhook-" + STD_SIGNATURE) ? "webhook-" : "svix-";
        String id = messageId(headers, prefix + STD_ID);
        String tsText = single(headers, prefix + STD_TIMESTAMP);
        List<byte[]> candidates = standardSignatures(headers, prefix + STD_SIGNATURE);
        long ts = timestamp(tsText, prefix + STD_TIMESTAMP);
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        byte[] tsBytes = tsText.getBytes(StandardCharsets.US_ASCII);
        for (Secret s : secrets) {
            Mac mac = s.mac();
            mac.update(idBytes);
            mac.update(DOT);
            mac.update(tsBytes);
            mac.update(DOT);
            mac.update(body, off, len);
            if (matchesAny(mac.doFinal(), candidates)) {
                claim("standard:" + id);
                return new WebhookDelivery(scheme, id, instant(ts));
            }
        }
        throw invalid(candidates.size());
    }

    /**
     * The {@code v1} signatures of a {@code webhook-signature} header: space-separated
     * {@code version,base64} entries, across every value of the header. Entries of other
     * versions ({@code v1a}, future ones) are ignored, as the specification asks.
     */
    private static List<byte[]> standardSignatures(WebhookHeaders headers, String name) {
        List<String> values = all(headers, name);
        if (values.isEmpty()) {
            throw Codec.malformed("header " + name + " is missing");
        }
        List<byte[]> v1 = new ArrayList<>(2);
        int entries = 0;
        for (String value : values) {
            bounded(name, value);
            for (String entry : value.split(" ")) {
                if (entry.isEmpty()) {
                    continue;
                }
                if (++entries > MAX_SIGNATURES) {
                    throw Codec.malformed("header " + name + " holds more than " + MAX_SIGNATURES + " signatures");
                }
                int comma = entry.indexOf(',');
                if (comma <= 0 || comma == entry.length() - 1) {
                    throw Codec.malformed("header " + name + " holds an entry that is not 'version,signature'");
                }
                String version = entry.substring(0, comma);
                if (!isVersion(version)) {
                    throw Codec.malformed("header " + name + " holds an entry whose version is not [a-z0-9]+");
                }
                if (version.equals("v1")) {
                    v1.add(Codec.unbase64(entry.substring(comma + 1), MAC_BYTES, name + " v1 signature"));
                }
            }
        }
        if (entries == 0) {
            throw Codec.malformed("header " + name + " holds no signature");
        }
        if (v1.isEmpty()) {
            throw new TokenException(ErrorCode.WEBHOOK_UNKNOWN_KEY,
                    "header " + name + " holds no v1 signature; this verifier checks v1 (HMAC-SHA256) only");
        }
        return v1;
    }

    private static boolean isVersion(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<64 hex>} over the body. */
    private WebhookDelivery github(WebhookHeaders headers, byte[] body, int off, int len) {
        List<String> values = all(headers, GITHUB_SIGNATURE);
        if (values.isEmpty() && present(headers, "X-Hub-Signature")) {
            throw Codec.malformed("header " + GITHUB_SIGNATURE + " is missing; the SHA-1 X-Hub-Signature is not accepted");
        }
        String value = single(headers, GITHUB_SIGNATURE);
        if (!value.startsWith("sha256=")) {
            throw Codec.malformed("header " + GITHUB_SIGNATURE + " must start with 'sha256='");
        }
        byte[] candidate = Codec.unhex(value, 7, MAC_BYTES, GITHUB_SIGNATURE);
        bodyOnly(body, off, len, List.of(candidate));
        return new WebhookDelivery(scheme, null, null);
    }

    /** Shopify: {@code X-Shopify-Hmac-Sha256: <base64>} over the body. */
    private WebhookDelivery shopify(WebhookHeaders headers, byte[] body, int off, int len) {
        String value = single(headers, SHOPIFY_SIGNATURE);
        byte[] candidate = Codec.unbase64(value, MAC_BYTES, SHOPIFY_SIGNATURE);
        bodyOnly(body, off, len, List.of(candidate));
        return new WebhookDelivery(scheme, null, null);
    }

    private void bodyOnly(byte[] body, int off, int len, List<byte[]> candidates) {
        for (Secret s : secrets) {
            Mac mac = s.mac();
            mac.update(body, off, len);
            if (matchesAny(mac.doFinal(), candidates)) {
                return;
            }
        }
        throw invalid(candidates.size());
    }

    /**
     * Stripe: {@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>...]} (other keys such as
     * {@code v0} are ignored) over {@code ts.body}.
     */
    private WebhookDelivery stripe(WebhookHeaders headers, byte[] body, int off, int len) {
        String value = single(headers, STRIPE_SIGNATURE);
        String tsText = null;
        int signatures = 0;
        List<byte[]> v1 = new ArrayList<>(2);
        String[] items = value.split(",", -1);
        if (items.length > MAX_SIGNATURES) {
            throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds more than " + MAX_SIGNATURES + " items");
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds an item that is not 'key=value'");
            }
            String key = item.substring(0, eq);
            if (!isVersion(key)) {
                throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds a key that is not [a-z0-9]+");
            }
            if (key.equals("t")) {
                if (tsText != null) {
                    throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds more than one t=");
                }
                tsText = item.substring(eq + 1);
            } else {
                signatures++;
                if (key.equals("v1")) {
                    v1.add(Codec.unhex(item, eq + 1, MAC_BYTES, STRIPE_SIGNATURE + " v1"));
                }
            }
        }
        if (tsText == null) {
            throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds no t=");
        }
        if (signatures == 0) {
            throw Codec.malformed("header " + STRIPE_SIGNATURE + " holds no signature");
        }
        if (v1.isEmpty()) {
            throw new TokenException(ErrorCode.WEBHOOK_UNKNOWN_KEY,
                    "header " + STRIPE_SIGNATURE + " holds no v1 signature; this verifier checks v1 only");
        }
        long ts = timestamp(tsText, STRIPE_SIGNATURE + " t");
        byte[] tsBytes = tsText.getBytes(StandardCharsets.US_ASCII);
        for (Secret s : secrets) {
            Mac mac = s.mac();
            mac.update(tsBytes);
            mac.update(DOT);
            mac.update(body, off, len);
            byte[] computed = mac.doFinal();
            if (matchesAny(computed, v1)) {
                claim("stripe:" + Codec.hex(computed));
                return new WebhookDelivery(scheme, null, instant(ts));
            }
        }
        throw invalid(v1.size());
    }

    /** Slack: {@code X-Slack-Signature: v0=<hex>} over {@code v0:ts:body}. */
    private WebhookDelivery slack(WebhookHeaders headers, byte[] body, int off, int len) {
        String tsText = single(headers, SLACK_TIMESTAMP);
        String value = single(headers, SLACK_SIGNATURE);
        if (!value.startsWith("v0=")) {
            throw Codec.malformed("header " + SLACK_SIGNATURE + " must start with 'v0='");
        }
        byte[] candidate = Codec.unhex(value, 3, MAC_BYTES, SLACK_SIGNATURE);
        long ts = timestamp(tsText, SLACK_TIMESTAMP);
        byte[] prefix = ("v0:" + tsText + ":").getBytes(StandardCharsets.US_ASCII);
        for (Secret s : secrets) {
            Mac mac = s.mac();
            mac.update(prefix);
            mac.update(body, off, len);
            byte[] computed = mac.doFinal();
            if (MessageDigest.isEqual(computed, candidate)) {
                claim("slack:" + Codec.hex(computed));
                return new WebhookDelivery(scheme, null, instant(ts));
            }
        }
        throw invalid(1);
    }

    /** Compares against every candidate, each in constant time. */
    private static boolean matchesAny(byte[] computed, List<byte[]> candidates) {
        boolean match = false;
        for (byte[] c : candidates) {
            match |= MessageDigest.isEqual(computed, c);
        }
        return match;
    }

    private TokenException invalid(int signatures) {
        return new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "none of " + signatures + " signature(s) matches the body with any of "
                + secrets.size() + " configured secret(s)");
    }
}
