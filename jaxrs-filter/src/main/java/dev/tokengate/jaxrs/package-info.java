/**
 * Token security for JAX-RS resources: {@link dev.tokengate.jaxrs.TokenGateFeature} reads
 * {@link dev.tokengate.jaxrs.RequiresScopes}, {@link dev.tokengate.jaxrs.TokenTypes},
 * {@link dev.tokengate.jaxrs.BoundTo}, {@link dev.tokengate.jaxrs.PublicEndpoint} and the
 * {@code jakarta.annotation.security} annotations, and enforces them with per-method filters.
 */
package dev.tokengate.jaxrs;
