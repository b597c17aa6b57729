package io.dataspoke.quality.cep;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * A breaking schema change on a dataset followed, within a window, by a failure downstream of it (a
 * failed run or a failing check, 1 or more lineage hops away): the schema change is the likely
 * cause.
 *
 * <p>Runs over {@link Impact}s keyed by root, so the root's own schema event (hops 0) and its
 * descendants' failures (hops &ge; 1) meet in one key. A repair of the broken column before any
 * downstream failure cancels the candidate.
 *
 * <p>One match per schema break, not per downstream failure: {@code followedBy} takes only the
 * first failure after the break, and the skip-past-last-event strategy drops other candidates of
 * the same root that began before that failure (a second column broken in the same episode). The
 * incident correlator attaches the later downstream failures and any other broken column to the
 * incident this match opens, from the raw quality events.
 */
public final class SchemaChangePatterns {

    /** {@link PatternMatch#pattern()} of the matches. */
    public static final String PATTERN = "schema-break-downstream-failure";

    /** How long after the break a downstream failure still counts, by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(2);

    static final String BREAK = "schema-break";
    static final String REPAIR = "schema-repair";
    static final String FAILURE = "downstream-failure";

    private SchemaChangePatterns() {}

    /** The pattern: break (hops 0), no repair of that column, a downstream failure; in window. */
    public static Pattern<Impact, Impact> pattern(Duration window) {
        return Pattern.<Impact>begin(BREAK, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new SchemaBreak())
                .notFollowedBy(REPAIR)
                .where(new RepairOfBrokenColumn())
                .followedBy(FAILURE)
                .where(new DownstreamFailure())
                .within(window);
    }

    /** {@link #detect(DataStream, Duration)} with the {@link #DEFAULT_WINDOW}. */
    public static SingleOutputStreamOperator<PatternMatch> detect(DataStream<Impact> impacts) {
        return detect(impacts, DEFAULT_WINDOW);
    }

    /** Keys the impacts by root and applies the pattern in event time. */
    public static SingleOutputStreamOperator<PatternMatch> detect(
            DataStream<Impact> impacts, Duration window) {
        return CEP.pattern(impacts.keyBy(Impact::rootUrn), pattern(window))
                .process(new SchemaBreakFunction(), TypeInformation.of(PatternMatch.class))
                .uid("cep-schema-break-downstream-failure")
                .name("Schema break followed by downstream failure");
    }

    /** The root's own breaking schema change. */
    static final class SchemaBreak extends SimpleCondition<Impact> {
        @Override
        public boolean filter(Impact i) {
            return i.hops() == 0
                    && i.event().kind() == QualityEventKind.SCHEMA
                    && i.event().outcome() == Outcome.FAIL;
        }
    }

    /** The root's schema repaired for the column that broke. */
    static final class RepairOfBrokenColumn extends IterativeCondition<Impact> {
        @Override
        public boolean filter(Impact i, Context<Impact> ctx) throws Exception {
            if (i.hops() != 0
                    || i.event().kind() != QualityEventKind.SCHEMA
                    || i.event().outcome() != Outcome.PASS) {
                return false;
            }
            for (Impact broken : ctx.getEventsForPattern(BREAK)) {
                if (Objects.equals(column(broken.event()), column(i.event()))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A failed run or failing check downstream of the root. */
    static final class DownstreamFailure extends SimpleCondition<Impact> {
        @Override
        public boolean filter(Impact i) {
            QualityEventKind kind = i.event().kind();
            return i.hops() >= 1
                    && (kind == QualityEventKind.RUN || kind == QualityEventKind.CHECK)
                    && i.event().outcome() == Outcome.FAIL;
        }
    }

    /** Turns a match into a {@link PatternMatch} naming the broken column and the failure. */
    public static final class SchemaBreakFunction
            extends PatternProcessFunction<Impact, PatternMatch> {
        @Override
        public void processMatch(
                Map<String, List<Impact>> match, Context ctx, Collector<PatternMatch> out) {
            Impact cause = match.get(BREAK).get(0);
            Impact effect = match.get(FAILURE).get(0);
            String column = column(cause.event());
            String detail =
                    "Column "
                            + column
                            + " of "
                            + Sentences.dataset(cause.rootUrn())
                            + " changed incompatibly"
                            + (cause.event().detail() == null
                                    ? ""
                                    : " (" + cause.event().detail() + ")")
                            + "; "
                            + Sentences.duration(
                                    effect.event().eventMillis() - cause.event().eventMillis())
                            + " later "
                            + Sentences.effect(effect)
                            + ".";
            out.collect(
                    new PatternMatch(
                            PATTERN,
                            cause.rootUrn(),
                            cause.event().eventMillis(),
                            effect.event().eventMillis(),
                            column,
                            new String[] {effect.event().datasetUrn()},
                            new int[] {effect.hops()},
                            detail));
        }
    }

    /** The column a schema event is about: {@code column}, else its {@code name}. */
    static String column(QualityEvent e) {
        return e.column() != null ? e.column() : e.name();
    }
}
