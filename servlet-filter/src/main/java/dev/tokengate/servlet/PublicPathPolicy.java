package dev.tokengate.servlet;

/**
 * What a {@link TokenGateFilter} does with a token presented on a public path: one covered by a
 * {@code permitAll} rule, or by no rule when deny-by-default is off.
 */
public enum PublicPathPolicy {
    /**
     * The default: a presented token is validated. A valid one makes the request authenticated
     * (principal, roles, token attribute); a bad one is refused exactly as on a protected path
     * (400 for two tokens, 401 for an invalid token, 503 when keys or the store are unavailable),
     * so a client learns at once that its token is broken. No token: the request goes on anonymous.
     */
    VALIDATE_TOKEN,
    /**
     * The token is not even read: every request goes on anonymous, whatever it carries. Cheapest,
     * and a public page keeps working while keys are unavailable.
     */
    IGNORE_TOKEN
}
