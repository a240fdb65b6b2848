/**
 * Webhook signing and verification (coming with its own issue).
 */
package dev.tokengate.webhook;
