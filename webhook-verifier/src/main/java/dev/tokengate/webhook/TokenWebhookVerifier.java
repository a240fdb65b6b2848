package dev.tokengate.webhook;

import dev.tokengate.core.ErrorCode;
import dev.tokengate.core.TokenException;
import dev.tokengate.core.TokenRequirement;
import dev.tokengate.core.TokenType;
import dev.tokengate.core.TokenValidator;
import dev.tokengate.core.ValidatedToken;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The verifier of {@link WebhookScheme#TOKEN}: core's validator checks the
 * {@code WEBHOOK_VERIFICATION} token (type, signature, expiry, issuer, audience = this
 * endpoint); then the token's bindings are compared with the delivery: message id, timestamp
 * and the SHA-256 of the raw body.
 */
final class TokenWebhookVerifier extends BaseVerifier {

    private static final TokenRequirement REQUIREMENT = TokenRequirement.of(TokenType.WEBHOOK_VERIFICATION);

    private final TokenValidator validator;

    TokenWebhookVerifier(WebhookVerifier.Builder b, ReplayGuard guard) {
        super(b, guard);
        this.validator = b.tokenValidator;
    }

    @Override
    WebhookDelivery check(WebhookHeaders headers, byte[] body, int off, int len) {
        String id = messageId(headers, WebhookTokens.ID_HEADER);
        String tsText = single(headers, WebhookTokens.TIMESTAMP_HEADER);
        String token = single(headers, WebhookTokens.TOKEN_HEADER);
        long ts = timestamp(tsText, WebhookTokens.TIMESTAMP_HEADER);
        ValidatedToken validated;
        try {
            validated = validator.validate(token, REQUIREMENT);
        } catch (TokenException e) {
            throw translate(e);
        }
        Object boundId = validated.metadata().get(WebhookTokens.CLAIM_ID);
        Object boundTs = validated.metadata().get(WebhookTokens.CLAIM_TIMESTAMP);
        Object boundHash = validated.metadata().get(WebhookTokens.CLAIM_BODY_SHA256);
        if (!(boundId instanceof String) || !(boundTs instanceof String) || !(boundHash instanceof String)) {
            throw new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "token does not bind "
                    + WebhookTokens.CLAIM_ID + ", " + WebhookTokens.CLAIM_TIMESTAMP + " and " + WebhookTokens.CLAIM_BODY_SHA256);
        }
        if (!id.equals(boundId)) {
            throw new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "token binds another message id");
        }
        if (!tsText.equals(boundTs)) {
            throw new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "token binds another timestamp");
        }
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode((String) boundHash);
        } catch (IllegalArgumentException e) {
            throw new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "token's body hash is not base64url");
        }
        MessageDigest sha = Codec.sha256();
        sha.update(body, off, len);
        if (!MessageDigest.isEqual(sha.digest(), expected)) {
            throw new TokenException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "token binds another body");
        }
        claim("token:" + id);
        return new WebhookDelivery(scheme, id, instant(ts));
    }

    /** Maps the validator's code to the webhook family; the original stays the cause. */
    private static TokenException translate(TokenException e) {
        ErrorCode code = switch (e.code()) {
            case TOKEN_MISSING, TOKEN_MALFORMED, TOKEN_TOO_LARGE, INVALID_REQUEST -> ErrorCode.WEBHOOK_MALFORMED;
            case KEY_UNKNOWN -> ErrorCode.WEBHOOK_UNKNOWN_KEY;
            case TOKEN_EXPIRED, TOKEN_NOT_YET_VALID -> ErrorCode.WEBHOOK_TIMESTAMP_INVALID;
            case KEYS_UNAVAILABLE, STORE_UNAVAILABLE -> e.code();
            default -> ErrorCode.WEBHOOK_SIGNATURE_INVALID;
        };
        return new TokenException(code, "webhook token refused: " + e.code() + ": " + e.getMessage(), e);
    }
}
