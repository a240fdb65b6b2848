/**
 * Store interfaces for token state (revocations, refresh-token families, opaque API-key records,
 * single-use ids, webhook message ids, usage counters) and their bounded in-memory defaults.
 *
 * <p>Every operation is one call that a remote store can run atomically (one Redis command or
 * script), with the time to keep the entry as an argument, so that entries are forgotten when
 * the token they belong to has expired. An implementation that cannot reach its backend throws
 * {@link dev.tokengate.core.TokenException} with {@link dev.tokengate.core.ErrorCode#STORE_UNAVAILABLE}
 * (any other unchecked exception is turned into that code by the callers): tokengate then
 * refuses the request, it never treats an unreachable store as "not revoked".
 *
 * <p>The in-memory defaults never evict a live entry to make room (a forgotten revocation
 * would quietly make a token valid again): when full of live entries they refuse the write
 * with {@code STORE_UNAVAILABLE}.
 */
package dev.tokengate.core.store;
