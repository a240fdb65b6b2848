/**
 * HTTP pieces every adapter shares: strict RFC 6750 bearer-token extraction and the error
 * responses (status, {@code WWW-Authenticate}, {@code Retry-After}, RFC 9457 problem body).
 * Free of any container API, so the servlet and JAX-RS adapters stay thin.
 */
package dev.tokengate.core.http;
