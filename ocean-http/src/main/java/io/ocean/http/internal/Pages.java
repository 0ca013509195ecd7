package io.ocean.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.http.ApiRequest;
import io.ocean.http.ApiResponse;
import io.ocean.http.HttpApiException;
import io.ocean.http.Pagination;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing as a lazy stream of pages: each page is fetched when the stream pulls it (not {@code flatMap}, which
 * reads ahead), empty pages skipped, ending where the pagination says there is no next page.
 */
public final class Pages implements Iterator<List<JsonNode>> {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]+))");

    private final Pagination pagination;
    private final Function<ApiRequest, ApiResponse> send;
    private ApiRequest next;
    private List<JsonNode> page;

    private Pages(ApiRequest first, Pagination pagination, Function<ApiRequest, ApiResponse> send) {
        this.next = first;
        this.pagination = pagination;
        this.send = send;
    }

    /** The pages of a listing, from {@code first}. */
    public static Stream<List<JsonNode>> stream(ApiRequest first, Pagination pagination,
                                                Function<ApiRequest, ApiResponse> send) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(first, pagination, send),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (page == null && next != null) {
            ApiRequest current = next;
            ApiResponse response = send.apply(current);
            JsonNode body = response.json();
            List<JsonNode> items = items(body, current, response);
            next = following(current, response, body);
            if (current.equals(next)) {
                throw new HttpApiException(current.method(), response.uri(),
                        "the next page is the same page; pagination does not advance", null);
            }
            if (!items.isEmpty()) {
                page = items;
            }
        }
        return page != null;
    }

    @Override
    public List<JsonNode> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<JsonNode> out = page;
        page = null;
        return out;
    }

    private List<JsonNode> items(JsonNode body, ApiRequest request, ApiResponse response) {
        JsonNode array = pagination.itemsPointer().isEmpty() ? body : body.at(pagination.itemsPointer());
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new HttpApiException(request.method(), response.uri(), "expected an array of items at '"
                    + pagination.itemsPointer() + "', got " + array.getNodeType(), null);
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return List.copyOf(out);
    }

    private ApiRequest following(ApiRequest current, ApiResponse response, JsonNode body) {
        switch (pagination.style()) {
            case LINK -> {
                String url = nextLink(response.header("Link"));
                return url == null ? null : current.withUrl(url);
            }
            case NEXT_PAGE_HEADER -> {
                String value = response.header(pagination.source());
                return value == null || value.isBlank() ? null : current.query(pagination.parameter(), value.trim());
            }
            default -> {
                JsonNode cursor = body.at(pagination.source());
                return cursor.isMissingNode() || cursor.isNull() || cursor.asText().isEmpty()
                        ? null : current.query(pagination.parameter(), cursor.asText());
            }
        }
    }

    /** The {@code rel="next"} URL of a {@code Link} header (RFC 8288), or null. */
    static String nextLink(String header) {
        if (header == null) {
            return null;
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            if (rel.find()) {
                String values = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String value : values.trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        return link.group(1).trim();
                    }
                }
            }
        }
        return null;
    }
}
