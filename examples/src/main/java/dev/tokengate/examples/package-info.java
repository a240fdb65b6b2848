/**
 * Example gateway (coming with its own issue).
 */
package dev.tokengate.examples;
