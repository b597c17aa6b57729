package io.dataspoke.quality.cep;

import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * A check that keeps changing its mind: at least N outcome changes within a window. Runs over CHECK
 * quality events keyed by dataset and check; since those are emitted on transitions, each event is
 * one change, and a repeated outcome (a redelivery) is skipped rather than counted.
 *
 * <p>The match fires on the N-th change and skips past itself, so the changes of one episode make
 * one match, not one per change. A check that goes on flapping matches again once N more changes
 * have happened (CEP cannot tell that they continue the same episode); the correlator adds those
 * matches, which have the same pattern and key, to the open incident.
 */
public final class FlappingPatterns {

    /** {@link PatternMatch#pattern()} of the matches. */
    public static final String PATTERN = "flapping-check";

    /** Outcome changes that make a check flap, by default. */
    public static final int DEFAULT_CHANGES = 4;

    /** The window those changes must fall in, by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    static final String CHANGES = "changes";

    private FlappingPatterns() {}

    /** The pattern: {@code changes} outcome changes of one check within {@code window}. */
    public static Pattern<QualityEvent, QualityEvent> pattern(int changes, Duration window) {
        if (changes < 2) {
            throw new IllegalArgumentException("changes must be >= 2, got " + changes);
        }
        return Pattern.<QualityEvent>begin(CHANGES, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new OutcomeChanged())
                .times(changes)
                .within(window);
    }

    /** {@link #detect(DataStream, int, Duration)} with 4 changes within 1 hour. */
    public static SingleOutputStreamOperator<PatternMatch> detect(DataStream<QualityEvent> events) {
        return detect(events, DEFAULT_CHANGES, DEFAULT_WINDOW);
    }

    /** Keeps the CHECK events, keys them by dataset and check, applies the pattern. */
    public static SingleOutputStreamOperator<PatternMatch> detect(
            DataStream<QualityEvent> events, int changes, Duration window) {
        DataStream<QualityEvent> checks =
                events.filter(new CheckEvents()).uid("cep-flapping-checks").name("Check events");
        return CEP.pattern(checks.keyBy(FlappingPatterns::key), pattern(changes, window))
                .process(new FlappingFunction(window), TypeInformation.of(PatternMatch.class))
                .uid("cep-flapping-check")
                .name("Flapping check");
    }

    /** The key of one check on one dataset: {@code datasetUrn|name}. */
    public static String key(QualityEvent e) {
        return e.datasetUrn() + "|" + e.name();
    }

    /** Quality events about checks. */
    static final class CheckEvents implements FilterFunction<QualityEvent> {
        @Override
        public boolean filter(QualityEvent e) {
            return e.kind() == QualityEventKind.CHECK;
        }
    }

    /** A check event whose outcome differs from the previous one in the candidate. */
    static final class OutcomeChanged extends IterativeCondition<QualityEvent> {
        @Override
        public boolean filter(QualityEvent e, Context<QualityEvent> ctx) throws Exception {
            if (e.kind() != QualityEventKind.CHECK) {
                return false;
            }
            QualityEvent previous = null;
            for (QualityEvent seen : ctx.getEventsForPattern(CHANGES)) {
                previous = seen;
            }
            return previous == null || previous.outcome() != e.outcome();
        }
    }

    /** Turns the changes into a {@link PatternMatch} on the check's dataset. */
    public static final class FlappingFunction
            extends PatternProcessFunction<QualityEvent, PatternMatch> {

        private final Duration window;

        public FlappingFunction(Duration window) {
            this.window = window;
        }

        @Override
        public void processMatch(
                Map<String, List<QualityEvent>> match, Context ctx, Collector<PatternMatch> out) {
            List<QualityEvent> changes = match.get(CHANGES);
            QualityEvent first = changes.get(0);
            QualityEvent last = changes.get(changes.size() - 1);
            StringJoiner outcomes = new StringJoiner(" → ");
            for (QualityEvent e : changes) {
                outcomes.add(e.outcome().name());
            }
            String check = first.checkType() == null ? "" : first.checkType() + " ";
            String detail =
                    "The "
                            + check
                            + "check "
                            + first.name()
                            + " on "
                            + Sentences.dataset(first.datasetUrn())
                            + " changed outcome "
                            + changes.size()
                            + " times in "
                            + Sentences.duration(last.eventMillis() - first.eventMillis())
                            + " (within the "
                            + Sentences.duration(window.toMillis())
                            + " window): "
                            + outcomes
                            + ".";
            out.collect(
                    new PatternMatch(
                            PATTERN,
                            first.datasetUrn(),
                            first.eventMillis(),
                            last.eventMillis(),
                            first.column(),
                            new String[0],
                            new int[0],
                            detail));
        }
    }
}
