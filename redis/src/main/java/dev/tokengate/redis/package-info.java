/**
 * Redis-backed stores (coming with its own issue).
 */
package dev.tokengate.redis;
