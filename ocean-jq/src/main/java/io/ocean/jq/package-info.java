/**
 * jq for Ocean: {@link io.ocean.jq.Jq} runs any jq program with jq 1.7.1's semantics (its own test suite is part of
 * the build), and {@link io.ocean.jq.JqEntityMapper} turns raw items into Port entities with a resource's
 * selector, {@code itemsToParse} and mappings. Programs are compiled once and shared across threads.
 */
package io.ocean.jq;
