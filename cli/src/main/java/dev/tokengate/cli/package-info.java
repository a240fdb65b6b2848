/**
 * Operator CLI (coming with its own issue).
 */
package dev.tokengate.cli;
