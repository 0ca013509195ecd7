package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.Locale;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** C's {@code strftime} conversions, in the C locale, over a broken-down time. */
final class StrfTime {

    private StrfTime() {
    }

    static String format(String pattern, JsonNode tm, String zoneName, String offset) throws JsonQueryException {
        LocalDateTime t = BrokenDownTime.toDateTime(tm, "strftime/1");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                out.append(c);
                continue;
            }
            char spec = pattern.charAt(++i);
            switch (spec) {
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
                case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
                case 'c' -> out.append(format("%a %b %e %H:%M:%S %Y", tm, zoneName, offset));
                case 'C' -> out.append(pad(t.getYear() / 100, 2, '0'));
                case 'd' -> out.append(pad(t.getDayOfMonth(), 2, '0'));
                case 'D', 'x' -> out.append(format("%m/%d/%y", tm, zoneName, offset));
                case 'e' -> out.append(pad(t.getDayOfMonth(), 2, ' '));
                case 'F' -> out.append(format("%Y-%m-%d", tm, zoneName, offset));
                case 'G' -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'g' -> out.append(pad(t.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, '0'));
                case 'H' -> out.append(pad(t.getHour(), 2, '0'));
                case 'I' -> out.append(pad(hour12(t), 2, '0'));
                case 'j' -> out.append(pad(t.getDayOfYear(), 3, '0'));
                case 'k' -> out.append(pad(t.getHour(), 2, ' '));
                case 'l' -> out.append(pad(hour12(t), 2, ' '));
                case 'm' -> out.append(pad(t.getMonthValue(), 2, '0'));
                case 'M' -> out.append(pad(t.getMinute(), 2, '0'));
                case 'n' -> out.append('\n');
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'r' -> out.append(format("%I:%M:%S %p", tm, zoneName, offset));
                case 'R' -> out.append(format("%H:%M", tm, zoneName, offset));
                case 's' -> out.append(t.toEpochSecond(ZoneOffset.UTC));
                case 'S' -> out.append(pad(t.getSecond(), 2, '0'));
                case 't' -> out.append('\t');
                case 'T', 'X' -> out.append(format("%H:%M:%S", tm, zoneName, offset));
                case 'u' -> out.append(t.getDayOfWeek().getValue());
                case 'U' -> out.append(pad(t.get(WeekFields.SUNDAY_START.weekOfYear()), 2, '0'));
                case 'V' -> out.append(pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0'));
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
                case 'W' -> out.append(pad(t.get(WeekFields.of(java.time.DayOfWeek.MONDAY, 7).weekOfYear()), 2, '0'));
                case 'y' -> out.append(pad(t.getYear() % 100, 2, '0'));
                case 'Y' -> out.append(t.getYear());
                case 'z' -> out.append(offset);
                case 'Z' -> out.append(zoneName);
                case '%' -> out.append('%');
                default -> out.append('%').append(spec);
            }
        }
        return out.toString();
    }

    private static int hour12(LocalDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String pad(int value, int width, char with) {
        StringBuilder s = new StringBuilder(Integer.toString(value));
        while (s.length() < width) {
            s.insert(0, with);
        }
        return s.toString();
    }
}
