/**
 * Shared token and validation logic.
 */
package dev.tokengate.core;
