/**
 * A drop-in {@code jakarta.servlet} filter that enforces tokengate tokens per path and method:
 * {@link dev.tokengate.servlet.TokenGateFilter} with its {@link dev.tokengate.servlet.AccessRule}s.
 */
package dev.tokengate.servlet;
