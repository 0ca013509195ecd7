package io.ocean.http;

import java.util.Objects;

/**
 * How a listing says where its next page is, for {@link HttpApi#pages}: a {@code Link} header with
 * {@code rel="next"} (GitHub, GitLab), a header holding the next page number ({@code X-Next-Page}, GitLab), or a
 * cursor in the body (Slack, PagerDuty, most GraphQL-shaped APIs). Items are the body itself when it is an array,
 * else the array at {@link #itemsAt(String)}.
 */
public final class Pagination {

    /** Where the next page comes from. */
    public enum Style {
        /** The URL of the {@code Link} header's {@code rel="next"} entry. */
        LINK,
        /** A header's value set as a query parameter, such as {@code X-Next-Page} as {@code page}. */
        NEXT_PAGE_HEADER,
        /** A value in the body, at a JSON Pointer, set as a query parameter. */
        CURSOR
    }

    private final Style style;
    private final String source;
    private final String parameter;
    private final String itemsPointer;

    private Pagination(Style style, String source, String parameter, String itemsPointer) {
        this.style = style;
        this.source = source;
        this.parameter = parameter;
        this.itemsPointer = itemsPointer;
    }

    /** Follows {@code Link: <...>; rel="next"} until there is none. */
    public static Pagination link() {
        return new Pagination(Style.LINK, "Link", null, "");
    }

    /** GitLab's {@code X-Next-Page} as the {@code page} parameter, until it is empty. */
    public static Pagination nextPageHeader() {
        return nextPageHeader("X-Next-Page", "page");
    }

    /** A header's value as a query parameter, until the header is missing or empty. */
    public static Pagination nextPageHeader(String header, String parameter) {
        return new Pagination(Style.NEXT_PAGE_HEADER, require(header, "header"), require(parameter, "parameter"), "");
    }

    /**
     * The body's value at {@code cursorPointer} (a JSON Pointer such as {@code /response_metadata/next_cursor}) as the
     * query parameter {@code parameter}, until it is missing, null or empty.
     */
    public static Pagination cursor(String cursorPointer, String parameter) {
        if (cursorPointer == null || !cursorPointer.startsWith("/")) {
            throw new IllegalArgumentException("cursorPointer must be a JSON Pointer starting with /, got "
                    + cursorPointer);
        }
        return new Pagination(Style.CURSOR, cursorPointer, require(parameter, "parameter"), "");
    }

    /** The same pagination with the items read from the array at this JSON Pointer, such as {@code /values}. */
    public Pagination itemsAt(String pointer) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new IllegalArgumentException("itemsAt must be a JSON Pointer starting with /, got " + pointer);
        }
        return new Pagination(style, source, parameter, pointer);
    }

    /** The style. */
    public Style style() {
        return style;
    }

    /** The header name ({@code Link}, {@code X-Next-Page}) or the cursor's JSON Pointer. */
    public String source() {
        return source;
    }

    /** The query parameter the next page is asked with, or null for {@link Style#LINK}. */
    public String parameter() {
        return parameter;
    }

    /** The JSON Pointer of the items; empty for the body itself. */
    public String itemsPointer() {
        return itemsPointer;
    }

    @Override
    public String toString() {
        return "Pagination[" + style + " " + source + (parameter == null ? "" : " -> " + parameter)
                + (itemsPointer.isEmpty() ? "" : ", items at " + itemsPointer) + "]";
    }

    private static String require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }
}
