package io.dataspoke.quality.cep;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * A volume problem on a dataset (a row-count check going bad, or a volume anomaly) followed, within
 * a window, by a freshness check failing downstream of it: the downstream went stale because too
 * little arrived upstream.
 *
 * <p>Runs over {@link Impact}s keyed by root. Like {@link SchemaChangePatterns}, it takes only the
 * first stale downstream after the volume problem and skips past the match, so one volume problem
 * makes one match; the correlator attaches the other stale datasets.
 */
public final class VolumeFreshnessPatterns {

    /** {@link PatternMatch#pattern()} of the matches. */
    public static final String PATTERN = "volume-drop-downstream-stale";

    /** How long after the volume problem a stale downstream still counts, by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(6);

    /** {@link QualityEvent#checkType()} of row-count checks. */
    public static final String ROW_COUNT = "row_count";

    /** {@link QualityEvent#checkType()} of freshness checks. */
    public static final String FRESHNESS = "freshness";

    static final String VOLUME = "volume-drop";
    static final String STALE = "stale-downstream";

    private VolumeFreshnessPatterns() {}

    /** The pattern: a volume problem (hops 0), then a downstream freshness failure; in window. */
    public static Pattern<Impact, Impact> pattern(Duration window) {
        return Pattern.<Impact>begin(VOLUME, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new VolumeProblem())
                .followedBy(STALE)
                .where(new StaleDownstream())
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
                .process(new VolumeFreshnessFunction(), TypeInformation.of(PatternMatch.class))
                .uid("cep-volume-drop-downstream-stale")
                .name("Volume drop followed by stale downstream");
    }

    /** The root's own row-count check going bad, or a volume anomaly on it. */
    static final class VolumeProblem extends SimpleCondition<Impact> {
        @Override
        public boolean filter(Impact i) {
            QualityEvent e = i.event();
            return i.hops() == 0
                    && e.bad()
                    && ((e.kind() == QualityEventKind.CHECK && ROW_COUNT.equals(e.checkType()))
                            || e.kind() == QualityEventKind.ANOMALY);
        }
    }

    /** A freshness check failing downstream of the root. */
    static final class StaleDownstream extends SimpleCondition<Impact> {
        @Override
        public boolean filter(Impact i) {
            QualityEvent e = i.event();
            return i.hops() >= 1
                    && e.kind() == QualityEventKind.CHECK
                    && FRESHNESS.equals(e.checkType())
                    && e.outcome() == Outcome.FAIL;
        }
    }

    /** Turns a match into a {@link PatternMatch} naming the stale downstream. */
    public static final class VolumeFreshnessFunction
            extends PatternProcessFunction<Impact, PatternMatch> {
        @Override
        public void processMatch(
                Map<String, List<Impact>> match, Context ctx, Collector<PatternMatch> out) {
            Impact cause = match.get(VOLUME).get(0);
            Impact effect = match.get(STALE).get(0);
            QualityEvent c = cause.event();
            String what =
                    c.kind() == QualityEventKind.ANOMALY
                            ? "Volume anomaly " + c.name()
                            : "Row-count check " + c.name();
            String detail =
                    what
                            + " on "
                            + Sentences.dataset(cause.rootUrn())
                            + " is "
                            + c.outcome()
                            + (c.detail() == null ? "" : " (" + c.detail() + ")")
                            + "; "
                            + Sentences.duration(effect.event().eventMillis() - c.eventMillis())
                            + " later "
                            + Sentences.effect(effect)
                            + ".";
            out.collect(
                    new PatternMatch(
                            PATTERN,
                            cause.rootUrn(),
                            c.eventMillis(),
                            effect.event().eventMillis(),
                            c.column(),
                            new String[] {effect.event().datasetUrn()},
                            new int[] {effect.hops()},
                            detail));
        }
    }
}
