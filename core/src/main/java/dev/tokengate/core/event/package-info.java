/**
 * Security events and the listeners that turn them into an audit log, metrics and usage figures.
 *
 * <p>Every issue, accept, reject (with its code), revoke, refresh and detected refresh-token reuse
 * is a {@link dev.tokengate.core.event.SecurityEvent} handed to the configured
 * {@link dev.tokengate.core.event.SecurityEventListener}s, synchronously on the calling thread.
 * Events never hold a token or secret: a JWT is named by its type and {@code jti}, an API key by
 * its prefix and last four characters.
 */
package dev.tokengate.core.event;
