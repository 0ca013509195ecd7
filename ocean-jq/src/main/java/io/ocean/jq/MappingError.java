package io.ocean.jq;

/**
 * A mapping expression that failed on an item.
 *
 * @param field      where in the resource config: {@code identifier}, {@code properties.url}, {@code selector.query},
 *                   {@code port.itemsToParse}, {@code identifier.rules[0].value}
 * @param expression the jq expression
 * @param message    what jq said
 */
public record MappingError(String field, String expression, String message) {
}
