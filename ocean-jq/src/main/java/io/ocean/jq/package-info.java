/**
 * Turns raw third-party items into Port entities with jq: selector, {@code itemsToParse} and mappings, each
 * program compiled once and shared across threads. The mapper itself arrives with the mapping issue.
 */
package io.ocean.jq;
