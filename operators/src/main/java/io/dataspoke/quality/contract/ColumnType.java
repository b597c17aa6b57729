package io.dataspoke.quality.contract;

import java.io.Serializable;
import java.util.Locale;

/**
 * A column a schema check expects, with its type; the type is null when any type will do. Types
 * compare case-insensitively and without their size: {@code varchar(20)} is {@code VARCHAR}.
 */
public record ColumnType(String name, String type) implements Serializable {

    /** True when {@code actual} is this column's type, or this column accepts any type. */
    public boolean typeMatches(String actual) {
        return type == null || normalize(type).equals(normalize(actual));
    }

    static String normalize(String type) {
        if (type == null) {
            return "";
        }
        int paren = type.indexOf('(');
        String base = paren < 0 ? type : type.substring(0, paren);
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
