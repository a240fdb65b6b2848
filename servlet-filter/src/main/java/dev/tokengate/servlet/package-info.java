/**
 * Drop-in servlet filter (coming with its own issue).
 */
package dev.tokengate.servlet;
