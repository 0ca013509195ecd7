package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * C's {@code strptime} in the C locale: parses a string by a format into a broken-down time (UTC; a parsed
 * {@code %z} offset is read and, as jq on glibc does, not applied).
 */
final class StrpTime {

    private final String input;
    private final String format;
    private int pos;
    private int year = 1900;
    private int month = 1;
    private int day = 1;
    private int hour;
    private int minute;
    private int second;
    private int dayOfYear = -1;
    private boolean pm;
    private boolean twelveHour;
    private Long epoch;

    private StrpTime(String input, String format) {
        this.input = input;
        this.format = format;
    }

    static ArrayNode parse(String input, String format) throws JsonQueryException {
        return new StrpTime(input, format).run();
    }

    private ArrayNode run() throws JsonQueryException {
        parseFormat(format);
        skipSpaces();
        if (pos != input.length()) {
            throw mismatch();
        }
        if (epoch != null) {
            return BrokenDownTime.fromEpoch(epoch, java.time.ZoneOffset.UTC);
        }
        if (twelveHour) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        LocalDateTime time;
        try {
            time = dayOfYear >= 0
                    ? LocalDateTime.of(year, 1, 1, hour, minute, Math.min(second, 59)).plusDays(dayOfYear)
                    : LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
        } catch (java.time.DateTimeException e) {
            throw mismatch();
        }
        return BrokenDownTime.of(time, second);
    }

    private void parseFormat(String fmt) throws JsonQueryException {
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (Character.isWhitespace(c)) {
                skipSpaces();
            } else if (c != '%' || i + 1 >= fmt.length()) {
                expect(c);
            } else {
                conversion(fmt.charAt(++i));
            }
        }
    }

    private void conversion(char spec) throws JsonQueryException {
        switch (spec) {
            case 'Y' -> year = (int) number(1, 4, true);
            case 'm' -> month = (int) number(1, 2, false);
            case 'd', 'e' -> {
                skipSpaces();
                day = (int) number(1, 2, false);
            }
            case 'H', 'k' -> {
                skipSpaces();
                hour = (int) number(1, 2, false);
            }
            case 'I', 'l' -> {
                skipSpaces();
                hour = (int) number(1, 2, false);
                twelveHour = true;
            }
            case 'M' -> minute = (int) number(1, 2, false);
            case 'S' -> second = (int) number(1, 2, false);
            case 'j' -> dayOfYear = (int) number(1, 3, false) - 1;
            case 'y' -> {
                int y = (int) number(1, 2, false);
                year = y < 69 ? 2000 + y : 1900 + y;
            }
            case 'C' -> year = (int) number(1, 2, false) * 100 + year % 100;
            case 'b', 'B', 'h' -> month = name(Month.values().length, m -> Month.of(m + 1)
                    .getDisplayName(TextStyle.FULL, Locale.US)) + 1;
            case 'a', 'A' -> name(7, d -> DayOfWeek.of(d + 1).getDisplayName(TextStyle.FULL, Locale.US));
            case 'p' -> {
                if (input.regionMatches(true, pos, "AM", 0, 2)) {
                    pos += 2;
                } else if (input.regionMatches(true, pos, "PM", 0, 2)) {
                    pm = true;
                    pos += 2;
                } else {
                    throw mismatch();
                }
            }
            case 'z' -> offset();
            case 'Z' -> {
                while (pos < input.length() && Character.isLetter(input.charAt(pos))) {
                    pos++;
                }
            }
            case 's' -> {
                boolean negative = pos < input.length() && input.charAt(pos) == '-';
                if (negative) {
                    pos++;
                }
                epoch = (negative ? -1L : 1L) * number(1, 18, false);
            }
            case 'T' -> parseFormat("%H:%M:%S");
            case 'R' -> parseFormat("%H:%M");
            case 'F' -> parseFormat("%Y-%m-%d");
            case 'D' -> parseFormat("%m/%d/%y");
            case 'n', 't' -> skipSpaces();
            case '%' -> expect('%');
            default -> throw new JsonQueryException("strptime/1: unsupported conversion %" + spec);
        }
    }

    private void offset() throws JsonQueryException {
        if (pos < input.length() && input.charAt(pos) == 'Z') {
            pos++;
            return;
        }
        if (pos >= input.length() || (input.charAt(pos) != '+' && input.charAt(pos) != '-')) {
            throw mismatch();
        }
        pos++;
        number(2, 2, false);
        if (pos < input.length() && input.charAt(pos) == ':') {
            pos++;
        }
        number(2, 2, false);
    }

    private int name(int count, java.util.function.IntFunction<String> fullName) throws JsonQueryException {
        for (int i = 0; i < count; i++) {
            String full = fullName.apply(i);
            if (input.regionMatches(true, pos, full, 0, full.length())) {
                pos += full.length();
                return i;
            }
        }
        for (int i = 0; i < count; i++) {
            String abbreviation = fullName.apply(i).substring(0, 3);
            if (input.regionMatches(true, pos, abbreviation, 0, 3)) {
                pos += 3;
                return i;
            }
        }
        throw mismatch();
    }

    private long number(int minDigits, int maxDigits, boolean signed) throws JsonQueryException {
        int start = pos;
        boolean negative = false;
        if (signed && pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
            negative = input.charAt(pos) == '-';
            pos++;
        }
        int digitsStart = pos;
        while (pos < input.length() && pos - digitsStart < maxDigits && Character.isDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos - digitsStart < minDigits) {
            pos = start;
            throw mismatch();
        }
        long value = Long.parseLong(input.substring(digitsStart, pos));
        return negative ? -value : value;
    }

    private void expect(char c) throws JsonQueryException {
        if (pos < input.length() && input.charAt(pos) == c) {
            pos++;
        } else {
            throw mismatch();
        }
    }

    private void skipSpaces() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private JsonQueryException mismatch() {
        return new JsonQueryException("date \"" + input + "\" does not match format \"" + format + "\"");
    }
}
