/**
 * JAX-RS filters and annotations (coming with its own issue).
 */
package dev.tokengate.jaxrs;
