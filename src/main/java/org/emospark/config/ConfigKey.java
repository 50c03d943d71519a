package org.emospark.config;

/**
 * One documented configuration key with its default. {@link ConfigKeys} holds every key the
 * application reads; {@code conf/emospark.properties} documents the same keys for users, and a test
 * keeps the two in step.
 */
public record ConfigKey(String name, String defaultValue, String doc) {
}
