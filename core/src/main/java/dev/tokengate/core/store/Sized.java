package dev.tokengate.core.store;

/** An in-memory store that can count its live entries (after dropping expired ones). */
interface Sized {
    long size();
}
