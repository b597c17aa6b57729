package io.dataspoke.quality.contract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a valid value of a column looks like for {@code invalid_percent}: one of the {@code valid
 * values}, matching the {@code valid regex}, a number within {@code valid min}/{@code valid max};
 * every constraint given must hold.
 *
 * @param values null when not constrained
 * @param regex searched in the value (anchor it with ^…$ for a full match); null when none
 * @param min null when none
 * @param max null when none
 */
public record Validity(List<String> values, Pattern regex, Double min, Double max)
        implements Serializable {

    public Validity {
        values = values == null ? null : List.copyOf(values);
    }

    /** True when {@code value} meets every constraint. */
    public boolean valid(String value) {
        if (values != null && !values.contains(value)) {
            return false;
        }
        if (regex != null && !regex.matcher(value).find()) {
            return false;
        }
        if (min != null || max != null) {
            double number;
            try {
                number = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return (min == null || number >= min) && (max == null || number <= max);
        }
        return true;
    }

    /** Regexes compare by their text: a contract read twice is equal to itself. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Validity v
                && Objects.equals(v.values, values)
                && Objects.equals(pattern(v.regex), pattern(regex))
                && Objects.equals(v.min, min)
                && Objects.equals(v.max, max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, pattern(regex), min, max);
    }

    private static String pattern(Pattern regex) {
        return regex == null ? null : regex.pattern();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (values != null) {
            parts.add("valid values " + values);
        }
        if (regex != null) {
            parts.add("valid regex '" + regex.pattern() + "'");
        }
        if (min != null) {
            parts.add("valid min " + Unit.number(min));
        }
        if (max != null) {
            parts.add("valid max " + Unit.number(max));
        }
        return String.join(", ", parts);
    }
}
