package io.dataspoke.quality.contract;

import java.io.Serializable;

/**
 * A comparison of a measured value with a threshold, e.g. {@code >= 1%} or {@code between 10 and
 * 20}; contracts hold the condition under which a check warns or fails.
 *
 * @param upper the upper bound of {@code between}, otherwise unused
 */
public record Condition(Op op, double value, double upper, Unit unit) implements Serializable {

    /** The comparators SodaCL allows. */
    public enum Op {
        GT(">"),
        GE(">="),
        LT("<"),
        LE("<="),
        EQ("="),
        NE("!="),
        BETWEEN("between"),
        NOT_BETWEEN("not between");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** As contracts write it. */
        public String symbol() {
            return symbol;
        }
    }

    static Condition of(Op op, double value, Unit unit) {
        return new Condition(op, value, value, unit);
    }

    /** True when {@code measured} meets the condition; both bounds of {@code between} included. */
    public boolean test(double measured) {
        return switch (op) {
            case GT -> measured > value;
            case GE -> measured >= value;
            case LT -> measured < value;
            case LE -> measured <= value;
            case EQ -> measured == value;
            case NE -> measured != value;
            case BETWEEN -> measured >= value && measured <= upper;
            case NOT_BETWEEN -> measured < value || measured > upper;
        };
    }

    /**
     * The opposite condition: {@code row_count > 0} is written as what must hold, the check fails
     * when {@code <= 0}.
     */
    public Condition negate() {
        Op opposite =
                switch (op) {
                    case GT -> Op.LE;
                    case GE -> Op.LT;
                    case LT -> Op.GE;
                    case LE -> Op.GT;
                    case EQ -> Op.NE;
                    case NE -> Op.EQ;
                    case BETWEEN -> Op.NOT_BETWEEN;
                    case NOT_BETWEEN -> Op.BETWEEN;
                };
        return new Condition(opposite, value, upper, unit);
    }

    /** As a contract would write it: {@code >= 1%}, {@code not between 1000 and 5000}. */
    @Override
    public String toString() {
        if (op == Op.BETWEEN || op == Op.NOT_BETWEEN) {
            return op.symbol() + " " + unit.format(value) + " and " + unit.format(upper);
        }
        return op.symbol() + " " + unit.format(value);
    }
}
