package io.dataspoke.quality.cep;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * A job that failed K runs in a row: no successful run of it in between, optionally all within a
 * window. Runs over RUN quality events keyed by job name; one RUN event per finished run is
 * assumed.
 *
 * <p>The match fires on the K-th failure. A later failure of the same streak starts no new match
 * until K more have piled up: the skip-past-last-event strategy drops every candidate that began
 * inside the matched streak, so failures K+1 … 2K-1 match nothing. CEP cannot see that failure 2K
 * continues a streak it already reported (a candidate cannot look back before its first event);
 * that match, a reminder that the job is still failing, carries the same pattern and root, and the
 * incident correlator adds it to the incident the first match opened, which only the job's next
 * successful run resolves.
 */
public final class PipelineFailurePatterns {

    /** {@link PatternMatch#pattern()} of the matches. */
    public static final String PATTERN = "pipeline-failure-streak";

    /** Failed runs in a row that make a streak, by default. */
    public static final int DEFAULT_FAILURES = 3;

    static final String FAILURES = "failures";

    private PipelineFailurePatterns() {}

    /**
     * The pattern: {@code failures} failed runs with nothing else in between.
     *
     * @param window the longest time from the first to the last failure, or null for no limit
     */
    public static Pattern<QualityEvent, QualityEvent> pattern(int failures, Duration window) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, got " + failures);
        }
        Pattern<QualityEvent, QualityEvent> streak =
                Pattern.<QualityEvent>begin(FAILURES, AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(new RunFailed())
                        .times(failures)
                        .consecutive();
        return window == null ? streak : streak.within(window);
    }

    /** {@link #detect(DataStream, int, Duration)} with 3 failures and no window. */
    public static SingleOutputStreamOperator<PatternMatch> detect(DataStream<QualityEvent> events) {
        return detect(events, DEFAULT_FAILURES, null);
    }

    /**
     * Keeps the RUN events, keys them by job and applies the pattern in event time. Other kinds
     * must not reach the pattern: they would break a streak's contiguity.
     */
    public static SingleOutputStreamOperator<PatternMatch> detect(
            DataStream<QualityEvent> events, int failures, Duration window) {
        DataStream<QualityEvent> runs =
                events.filter(new RunEvents()).uid("cep-pipeline-runs").name("Run events");
        return CEP.pattern(runs.keyBy(QualityEvent::name), pattern(failures, window))
                .process(
                        new FailureStreakFunction(failures), TypeInformation.of(PatternMatch.class))
                .uid("cep-pipeline-failure-streak")
                .name("Pipeline failure streak");
    }

    /** Quality events about runs. */
    static final class RunEvents implements FilterFunction<QualityEvent> {
        @Override
        public boolean filter(QualityEvent e) {
            return e.kind() == QualityEventKind.RUN;
        }
    }

    /** A failed run. */
    static final class RunFailed extends SimpleCondition<QualityEvent> {
        @Override
        public boolean filter(QualityEvent e) {
            return e.kind() == QualityEventKind.RUN && e.outcome() == Outcome.FAIL;
        }
    }

    /** Turns a streak into a {@link PatternMatch} rooted at the dataset the job writes. */
    public static final class FailureStreakFunction
            extends PatternProcessFunction<QualityEvent, PatternMatch> {

        private final int failures;

        public FailureStreakFunction(int failures) {
            this.failures = failures;
        }

        @Override
        public void processMatch(
                Map<String, List<QualityEvent>> match, Context ctx, Collector<PatternMatch> out) {
            List<QualityEvent> streak = match.get(FAILURES);
            QualityEvent first = streak.get(0);
            QualityEvent last = streak.get(streak.size() - 1);
            // The job may have written elsewhere earlier in the streak; the latest output is root.
            Set<String> others = new LinkedHashSet<>();
            for (QualityEvent e : streak) {
                if (!e.datasetUrn().equals(last.datasetUrn())) {
                    others.add(e.datasetUrn());
                }
            }
            String detail =
                    "Job "
                            + last.name()
                            + " (writing "
                            + Sentences.dataset(last.datasetUrn())
                            + ") failed "
                            + failures
                            + " runs in a row over "
                            + Sentences.duration(last.eventMillis() - first.eventMillis())
                            + (last.detail() == null ? "." : "; last error: " + last.detail());
            out.collect(
                    new PatternMatch(
                            PATTERN,
                            last.datasetUrn(),
                            first.eventMillis(),
                            last.eventMillis(),
                            null,
                            others.toArray(new String[0]),
                            new int[others.size()],
                            detail));
        }
    }
}
