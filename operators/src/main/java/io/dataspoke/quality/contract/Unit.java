package io.dataspoke.quality.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a contract threshold is measured in, and how its values read in messages. */
public enum Unit {
    COUNT,
    PERCENT,
    MILLIS;

    /** {@code value} as messages show it: {@code 1000}, {@code 4.2%}, {@code 2h 5m}. */
    public String format(double value) {
        return switch (this) {
            case COUNT -> number(value);
            case PERCENT -> number(value) + "%";
            case MILLIS -> duration((long) value);
        };
    }

    /** At most two decimals, no trailing zeros: 4.2, 1000, 0.05. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The two largest units: {@code 1d 2h}, {@code 2h 5m}, {@code 30m}, {@code 45s}. */
    static String duration(long millis) {
        long seconds = Math.max(millis, 0) / 1000;
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        StringBuilder out = new StringBuilder();
        int unitsShown = 0;
        for (int i = 0; i < sizes.length && unitsShown < 2; i++) {
            long amount = seconds / sizes[i];
            seconds %= sizes[i];
            if (amount > 0) {
                out.append(out.length() == 0 ? "" : " ").append(amount).append(names[i]);
            }
            if (amount > 0 || unitsShown > 0) {
                unitsShown++;
            }
        }
        if (out.length() == 0) {
            return millis > 0 && millis < 1000 ? millis + "ms" : "0s";
        }
        return out.toString();
    }
}
