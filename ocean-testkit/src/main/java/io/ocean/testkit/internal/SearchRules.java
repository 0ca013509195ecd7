package io.ocean.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Port's search rules as the fake understands them: {@code $identifier}, {@code $blueprint}, {@code $datasource}. */
final class SearchRules {

    private SearchRules() {
    }

    static boolean matches(JsonNode query, String blueprint, JsonNode entity, String datasource) {
        boolean and = !"or".equals(query.path("combinator").asText("and"));
        for (JsonNode rule : query.path("rules")) {
            boolean match = rule.has("combinator") ? matches(rule, blueprint, entity, datasource)
                    : rule(rule, blueprint, entity, datasource);
            if (and && !match) {
                return false;
            }
            if (!and && match) {
                return true;
            }
        }
        return and;
    }

    private static boolean rule(JsonNode rule, String blueprint, JsonNode entity, String datasource) {
        String property = rule.path("property").asText();
        String actual = switch (property) {
            case "$identifier" -> entity.path("identifier").asText();
            case "$blueprint" -> blueprint;
            case "$datasource" -> datasource;
            case "$title" -> entity.path("title").asText(null);
            default -> entity.path("properties").path(property).asText(null);
        };
        JsonNode value = rule.path("value");
        return switch (rule.path("operator").asText()) {
            case "=" -> actual != null && actual.equals(value.asText());
            case "!=" -> actual == null || !actual.equals(value.asText());
            case "in" -> {
                for (JsonNode candidate : value) {
                    if (candidate.asText().equals(actual)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "contains" -> actual != null && actual.contains(value.asText());
            default -> throw new IllegalArgumentException("the fake Port does not know operator "
                    + rule.path("operator").asText());
        };
    }
}
