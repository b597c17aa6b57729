package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The detectors combined into one anomaly score in [0, 1].
 *
 * <p>Each member's raw score is first made comparable: {@link ScoreLikelihood} judges it against
 * that member's own history on this series, so a member that never fits the series (an EWMA on a
 * seasonal one) stops shouting; with {@link Config#horizons()} above 1, against the recent part of
 * that history too, the least surprised horizon counting. Judgements are counted in digits, the
 * nines of a likelihood ({@code -log10(1 - likelihood)}: 3 for 0.999). The ensemble's evidence is
 * the strongest member's digits plus {@link Config#corroboration()} times the others': a drop that
 * the seasonal baseline finds unusual and the forest finds odd too is surer than either alone, and
 * an anomaly that only one member sees still scores what that member says. The score is the
 * likelihood of those digits. Values outside everything seen so far by a margin score 1 at once,
 * whatever the members say (a new maximum is news even before any model is fitted). With
 * calibration off ({@link Config#calibrate()}), members' raw scores count as likelihoods as they
 * are.
 *
 * <p>An anomaly lasts several points, and a consumer that acts on every point (an alert per point,
 * NAB's scorer, which counts each flagged point outside a window as a false positive) wants its
 * onset, not the whole run: with {@link Config#onsetWindow()} set, a point that scores no higher
 * than one of the previous points in that window is capped at {@link #ONSET_CAP}. Whatever the
 * threshold later applied, a run above it is then reported at its first point and at each new high
 * below {@link Config#certainDigits()}: once a run has reached that certainty, surer points of it
 * are no news. The quality monitor leaves it off: its {@link AnomalyAlarm} needs every point's own
 * score to see two in a row, and raises and clears an alarm rather than flagging points.
 *
 * <p>{@code sensitivity} in (0, 1) bends the score without reordering points: 0.5 leaves it alone,
 * higher values raise every score (more alerts at a fixed threshold), lower ones lower it.
 *
 * <p>Warm-up is explicit: the score is marked warming up until at least one member votes through
 * its likelihood.
 */
public final class EnsembleStrategy implements AnomalyStrategy {

    private static final long serialVersionUID = 1L;

    /**
     * @param sensitivity in (0, 1); 0.5 is neutral
     * @param shortWindow raw scores averaged before judging
     * @param longWindow history of each member's averaged scores
     * @param minHistory averaged scores a member needs before its judgement counts; its normal is
     *     refitted every half as many points
     * @param spatialMargin share of the seen range by which a value must leave it to score 1;
     *     negative turns the check off
     * @param onsetWindow previous points whose scores a point must exceed to keep its own; below
     *     them it is capped at {@link #ONSET_CAP}; 0 turns the cap off
     * @param calibrate whether members are judged against their own history ({@link
     *     ScoreLikelihood}); off, a member's raw score counts as it is, which suits members whose
     *     scores are calibrated probabilities and series too short for a second warm-up
     * @param corroboration in [0, 1], the weight of the other members' digits added to the
     *     strongest member's; 0 scores the strongest member alone
     * @param certainDigits digits from which a run's later points are no new onset, however much
     *     surer; 0 sets no such ceiling
     * @param horizons nested stretches of the long window each member's judgement is made against,
     *     the fewest digits of them counting (see {@link ScoreLikelihood}); 1 judges against the
     *     whole window only, and so does 0, which is what configurations Java-serialized by builds
     *     before horizons read as
     * @param contextWindow points before each point whose level and spread an {@link
     *     IsolationForestStrategy} member gets as two more features (see {@link #withLags}); 0
     *     gives it neither, which is what configurations of builds before them read as
     * @param precedent the factor c by which a member's judgement of a value its long window holds
     *     k times at least as high among n is capped, at {@code c * log10(n / k)} digits (see
     *     {@link ScoreLikelihood}): a surprise the member has often had is no longer news; 0 sets
     *     no cap, which is what configurations of builds before it read as
     */
    public record Config(
            double sensitivity,
            int shortWindow,
            int longWindow,
            int minHistory,
            double spatialMargin,
            int onsetWindow,
            boolean calibrate,
            double corroboration,
            double certainDigits,
            int horizons,
            int contextWindow,
            double precedent)
            implements java.io.Serializable {

        public Config {
            if (shortWindow < 1 || longWindow < 1 || minHistory < 1) {
                throw new IllegalArgumentException(
                        "shortWindow, longWindow and minHistory must be 1 or more, were "
                                + shortWindow
                                + ", "
                                + longWindow
                                + ", "
                                + minHistory);
            }
            if (!(sensitivity > 0 && sensitivity < 1)) {
                throw new IllegalArgumentException(
                        "sensitivity must be in (0, 1), was " + sensitivity);
            }
            if (onsetWindow < 0) {
                throw new IllegalArgumentException(
                        "onsetWindow must be 0 (off) or more, was " + onsetWindow);
            }
            if (!(corroboration >= 0 && corroboration <= 1)) {
                throw new IllegalArgumentException(
                        "corroboration must be in [0, 1], was " + corroboration);
            }
            if (!(certainDigits >= 0)) {
                throw new IllegalArgumentException(
                        "certainDigits must be 0 (no ceiling) or more, was " + certainDigits);
            }
            if (contextWindow < 0) {
                throw new IllegalArgumentException(
                        "contextWindow must be 0 (off) or more, was " + contextWindow);
            }
            if (!(precedent >= 0 && precedent < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(
                        "precedent must be 0 (no cap) or a finite factor above it, was "
                                + precedent);
            }
            if (horizons == 0) {
                horizons = 1;
            }
            // Beyond one, the shortest horizon must hold the history a first judgement needs.
            if (horizons < 1 || (horizons > 1 && longWindow / horizons < minHistory)) {
                throw new IllegalArgumentException(
                        "horizons must be 1, or at most longWindow / minHistory = "
                                + longWindow / minHistory
                                + ", was "
                                + horizons);
            }
        }

        /**
         * What {@code dataspoke eval nab} scores: calibrated members judged against 4,000 of their
         * averaged scores and the last 1,000, 2,000 and 3,000 of them, once 100 are seen;
         * corroborated at 0.7, onsets only, certain at 12 digits (a tail of 1e-12); a value 2.5% of
         * the seen range beyond it is a new extreme; the forest sees the level and spread of the 48
         * points before each point; a member's judgement of a value with precedents is at most 4
         * times the digits of its rarity (12 digits for one the long window holds four times).
         */
        public static Config defaults() {
            return new Config(0.5, 10, 4000, 100, 0.025, 20, true, 0.7, 12, 4, 48, 4);
        }

        /** The same, with the score bent by sensitivity {@code s} in (0, 1). */
        public Config withSensitivity(double s) {
            return with(c -> c.sensitivity = s);
        }

        /** The same, with calibration against each member's history on or off. */
        public Config withCalibration(boolean on) {
            return with(c -> c.calibrate = on);
        }

        /** The same, with the new-extreme rule at {@code margin}, or off when negative. */
        public Config withSpatialMargin(double margin) {
            return with(c -> c.spatialMargin = margin);
        }

        /** The same, with the onset cap over {@code window} points, or off at 0. */
        public Config withOnsetWindow(int window) {
            return with(c -> c.onsetWindow = window);
        }

        /** The same, with the other members' digits weighted {@code weight}. */
        public Config withCorroboration(double weight) {
            return with(c -> c.corroboration = weight);
        }

        /** The same, judging members against their last {@code scores} averaged scores. */
        public Config withLongWindow(int scores) {
            return with(c -> c.longWindow = scores);
        }

        /** The same, a member's judgement counting once it has {@code scores} averaged scores. */
        public Config withMinHistory(int scores) {
            return with(c -> c.minHistory = scores);
        }

        /** The same, judging members against {@code count} horizons of the long window. */
        public Config withHorizons(int count) {
            return with(c -> c.horizons = count);
        }

        /** The same, with onsets certain at {@code digits}, or without a ceiling at 0. */
        public Config withCertainDigits(double digits) {
            return with(c -> c.certainDigits = digits);
        }

        /** The same, the forest seeing the {@code points} before each point, or not at 0. */
        public Config withContextWindow(int points) {
            return with(c -> c.contextWindow = points);
        }

        /**
         * The same, with judgements of values with precedents capped by {@code factor}, or not at
         * 0.
         */
        public Config withPrecedent(double factor) {
            return with(c -> c.precedent = factor);
        }

        /** This configuration with {@code change} made to a copy of its values, checked again. */
        private Config with(Consumer<Values> change) {
            Values v = new Values(this);
            change.accept(v);
            return new Config(
                    v.sensitivity,
                    v.shortWindow,
                    v.longWindow,
                    v.minHistory,
                    v.spatialMargin,
                    v.onsetWindow,
                    v.calibrate,
                    v.corroboration,
                    v.certainDigits,
                    v.horizons,
                    v.contextWindow,
                    v.precedent);
        }

        /** A configuration's values, to change before a new one is made of them. */
        private static final class Values {
            double sensitivity;
            int shortWindow;
            int longWindow;
            int minHistory;
            double spatialMargin;
            int onsetWindow;
            boolean calibrate;
            double corroboration;
            double certainDigits;
            int horizons;
            int contextWindow;
            double precedent;

            Values(Config c) {
                sensitivity = c.sensitivity;
                shortWindow = c.shortWindow;
                longWindow = c.longWindow;
                minHistory = c.minHistory;
                spatialMargin = c.spatialMargin;
                onsetWindow = c.onsetWindow;
                calibrate = c.calibrate;
                corroboration = c.corroboration;
                certainDigits = c.certainDigits;
                horizons = c.horizons;
                contextWindow = c.contextWindow;
                precedent = c.precedent;
            }
        }
    }

    /**
     * The score of a point that is not an onset: a 3.3-sigma tail, below any threshold worth
     * alerting on.
     */
    public static final double ONSET_CAP = ScoreLikelihood.probability(3);

    /** {@link #ONSET_CAP} in digits. */
    private static final double ONSET_CAP_DIGITS = 3;

    /**
     * How many context windows the level a point arrives at is measured against: six of 48 points
     * are a day of five-minute points, the recent four hours against it.
     */
    static final int LEVEL_SPAN = 6;

    /**
     * The share of the seen range added to a context's spread before its log is taken, so that
     * spreads far below the range (a flat stretch) do not crowd out the others in the splits.
     */
    static final double SPREAD_FLOOR = 0.001;

    /** What each member said about the last point. */
    public record Vote(String detector, AnomalyScore raw, double likelihood)
            implements java.io.Serializable {}

    private final Config config;
    private final List<AnomalyStrategy> members;

    /** Per member; null entries when not calibrating. */
    private final List<ScoreLikelihood> likelihoods;

    private final boolean[] multivariate;
    private final RecentValues lags;

    /**
     * The last {@link #LEVEL_SPAN} × {@link Config#contextWindow()} values; null when no forest
     * member gets a context.
     */
    private final RecentValues context;

    /**
     * The last points' evidence before the onset cap, as likelihoods, each at most {@link
     * Config#certainDigits()} digits; null when the cap is off.
     */
    private final RecentValues recentScores;

    private transient List<Vote> lastVotes = List.of();
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long seen;

    /** The default ensemble: seasonal baseline, EWMA and isolation forest. */
    public EnsembleStrategy() {
        this(Config.defaults());
    }

    /**
     * The default members, seasonal baseline, EWMA and isolation forest, as {@code config} says.
     */
    public EnsembleStrategy(Config config) {
        this(config, IsolationForestStrategy.Config.defaults());
    }

    /**
     * The default members, the forest as {@code forest} says: another seed shows how much of a
     * score is the draw of the trees.
     */
    public EnsembleStrategy(Config config, IsolationForestStrategy.Config forest) {
        this(config, forest, SeasonalStrategy.Config.defaults());
    }

    /**
     * The default members, the forest and the seasonal baseline as {@code forest} and {@code
     * seasonal} say.
     */
    public EnsembleStrategy(
            Config config,
            IsolationForestStrategy.Config forest,
            SeasonalStrategy.Config seasonal) {
        this(
                config,
                List.of(
                        () -> new SeasonalStrategy(seasonal),
                        EwmaStrategy::new,
                        () -> new IsolationForestStrategy(forest)));
    }

    /**
     * @param members factories of the members; an {@link IsolationForestStrategy} member gets the
     *     point's features followed by two built here (change since the last point, distance from
     *     the recent mean), the others the point as it is
     */
    public EnsembleStrategy(Config config, List<Supplier<AnomalyStrategy>> members) {
        this(
                config,
                members.stream().map(Supplier::get).toList(),
                null,
                new RecentValues(12),
                config.onsetWindow() > 0 ? new RecentValues(config.onsetWindow()) : null,
                null);
    }

    /** Whether an ensemble of {@code members} keeps values for a forest's context. */
    private static boolean keepsContext(Config config, List<AnomalyStrategy> members) {
        return config.contextWindow() > 0
                && members.stream().anyMatch(m -> m instanceof IsolationForestStrategy);
    }

    /**
     * The judge of a member's scores: as surprises for {@code tails} (the seasonal and EWMA
     * detectors score tail probabilities), as they are otherwise (the forest's isolation scores).
     */
    private static ScoreLikelihood likelihood(Config config, boolean tails) {
        return new ScoreLikelihood(
                config.shortWindow(),
                config.longWindow(),
                config.minHistory(),
                Math.max(1, config.minHistory() / 2),
                tails,
                config.horizons(),
                config.precedent());
    }

    /**
     * @param likelihoods per member, null entries when not calibrating; null for fresh ones
     * @param context the values a forest's context is taken from; null for a fresh ring, if one is
     *     kept
     */
    private EnsembleStrategy(
            Config config,
            List<AnomalyStrategy> members,
            List<ScoreLikelihood> likelihoods,
            RecentValues lags,
            RecentValues recentScores,
            RecentValues context) {
        this.config = config;
        this.members = members;
        this.lags = lags;
        this.recentScores = recentScores;
        this.context =
                context != null || !keepsContext(config, members)
                        ? context
                        : new RecentValues(LEVEL_SPAN * config.contextWindow());
        this.likelihoods = new ArrayList<>(members.size());
        this.multivariate = new boolean[members.size()];
        for (int i = 0; i < members.size(); i++) {
            multivariate[i] = members.get(i) instanceof IsolationForestStrategy;
            this.likelihoods.add(
                    likelihoods != null
                            ? likelihoods.get(i)
                            : config.calibrate() ? likelihood(config, !multivariate[i]) : null);
        }
    }

    @Override
    public AnomalyScore score(Point point) {
        double x = point.value();
        Point lagged = withLags(point);
        List<Vote> votes = new ArrayList<>(members.size());
        double strongest = 0;
        double total = 0;
        boolean anyVote = false;
        double expected = Double.NaN;
        for (int i = 0; i < members.size(); i++) {
            AnomalyScore raw = members.get(i).score(multivariate[i] ? lagged : point);
            double digits =
                    raw.warmingUp()
                            ? Double.NaN
                            : config.calibrate()
                                    ? likelihoods.get(i).update(raw.score())
                                    : ScoreLikelihood.digits(1 - raw.score());
            votes.add(new Vote(members.get(i).name(), raw, ScoreLikelihood.probability(digits)));
            if (!Double.isNaN(digits)) {
                anyVote = true;
                strongest = Math.max(strongest, digits);
                total += digits;
                if (Double.isNaN(expected)) {
                    expected = raw.expected();
                }
            }
        }
        double evidence = strongest + config.corroboration() * (total - strongest);
        if (config.spatialMargin() >= 0 && seen > 1) {
            double margin = config.spatialMargin() * (max - min);
            if (x > max + margin || x < min - margin) {
                evidence = Double.POSITIVE_INFINITY;
                anyVote = true;
            }
        }
        lastVotes = Collections.unmodifiableList(votes);
        lags.add(x);
        if (context != null) {
            context.add(x);
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
        seen++;
        if (!anyVote) {
            return AnomalyScore.warmup();
        }
        if (recentScores != null) {
            double certain =
                    config.certainDigits() > 0
                            ? Math.min(evidence, config.certainDigits())
                            : evidence;
            // Kept as likelihoods, as the version-1 form kept them.
            double kept = ScoreLikelihood.probability(certain);
            boolean onset = recentScores.size() == 0 || kept > recentScores.max();
            recentScores.add(kept);
            if (!onset) {
                evidence = Math.min(evidence, ONSET_CAP_DIGITS);
            }
        }
        return AnomalyScore.of(bend(evidence), expected);
    }

    /**
     * What the isolation forest splits on: the point's features, then its change since the last
     * point and its distance from the mean of the last twelve. With a {@link
     * Config#contextWindow()} of n, two more describe what the point arrives in, the n values
     * before it: their level, the mean of those n less the mean of the {@link #LEVEL_SPAN} × n
     * before the point (a series sinking for hours, a plateau), and their spread, the log of their
     * standard deviation plus {@link #SPREAD_FLOOR} of the seen range (a series gone quiet, or gone
     * wild, at its usual level; the log of the smallest normal double while it has been flat). The
     * forest finds a point odd when its value is unusual for such a context, not only for the
     * series.
     */
    private Point withLags(Point point) {
        double x = point.value();
        double previous = lags.size() == 0 ? x : lags.get(0);
        double recent = lags.size() == 0 ? x : lags.mean();
        double[] own = point.features();
        int n = own.length;
        double[] features = java.util.Arrays.copyOf(own, n + (context != null ? 4 : 2));
        features[n] = x - previous;
        features[n + 1] = x - recent;
        if (context != null) {
            int window = config.contextWindow();
            features[n + 2] =
                    context.size() == 0 ? 0 : context.mean(window) - context.mean(context.size());
            double range = seen > 1 ? max - min : 0;
            double spread = context.standardDeviation(window) + SPREAD_FLOOR * range;
            features[n + 3] = Math.log(Math.max(spread, Double.MIN_NORMAL));
        }
        return new Point(point.epochMillis(), features);
    }

    /**
     * The likelihood of {@code digits} bent by the sensitivity: {@code 1 - (1 - s)^(2 *
     * sensitivity)} for the likelihood s, the identity at 0.5, monotone for every sensitivity.
     */
    private double bend(double digits) {
        return ScoreLikelihood.probability(digits * 2 * config.sensitivity());
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(config.sensitivity());
        out.writeInt(config.shortWindow());
        out.writeInt(config.longWindow());
        out.writeInt(config.minHistory());
        out.writeDouble(config.spatialMargin());
        out.writeInt(config.onsetWindow());
        out.writeBoolean(config.calibrate());
        out.writeDouble(config.corroboration());
        out.writeDouble(config.certainDigits());
        out.writeInt(config.horizons());
        out.writeInt(config.contextWindow());
        out.writeDouble(config.precedent());
        out.writeInt(members.size());
        for (int i = 0; i < members.size(); i++) {
            DetectorCodec.writeMember(out, members.get(i));
            ScoreLikelihood likelihood = likelihoods.get(i);
            out.writeBoolean(likelihood != null);
            if (likelihood != null) {
                likelihood.writeTo(out);
            }
        }
        lags.writeTo(out);
        if (recentScores != null) {
            recentScores.writeTo(out);
        }
        if (context != null) {
            context.writeTo(out);
        }
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeLong(seen);
    }

    /** Reads the form {@link #writeTo} wrote, or that of {@code version} 1 to 4. */
    static EnsembleStrategy readFrom(DataInput in, int version) throws IOException {
        // Arguments are read left to right. Version 1 had neither corroboration nor a ceiling on
        // onsets: the strongest member alone, every new high an onset, which 0 and 0 say. Versions
        // 1 and 2 judged members against the whole long window, one horizon. Versions 1 to 3 gave
        // the forest no context. Versions 1 to 4 set no cap on values with precedents.
        Config config =
                DetectorCodec.valid(
                        () ->
                                new Config(
                                        in.readDouble(),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readDouble(),
                                        in.readInt(),
                                        in.readBoolean(),
                                        version == 1 ? 0 : in.readDouble(),
                                        version == 1 ? 0 : in.readDouble(),
                                        version < 3 ? 1 : in.readInt(),
                                        version < 4 ? 0 : in.readInt(),
                                        version < 5 ? 0 : in.readDouble()));
        int count = in.readInt();
        if (count < 0 || count > DetectorCodec.MAX_MEMBERS) {
            throw new IOException(count + " members");
        }
        List<AnomalyStrategy> members = new ArrayList<>(count);
        List<ScoreLikelihood> likelihoods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(DetectorCodec.readMember(in, version));
            likelihoods.add(in.readBoolean() ? ScoreLikelihood.readFrom(in, version) : null);
        }
        EnsembleStrategy e =
                new EnsembleStrategy(
                        config,
                        Collections.unmodifiableList(members),
                        likelihoods,
                        RecentValues.readFrom(in),
                        config.onsetWindow() > 0 ? RecentValues.readFrom(in) : null,
                        keepsContext(config, members) ? context(in, config) : null);
        e.min = in.readDouble();
        e.max = in.readDouble();
        e.seen = in.readLong();
        return e;
    }

    /** A context ring read back, refused unless it is as long as {@code config} keeps. */
    private static RecentValues context(DataInput in, Config config) throws IOException {
        RecentValues context = RecentValues.readFrom(in);
        if (context.capacity() != LEVEL_SPAN * config.contextWindow()) {
            throw new IOException(
                    "context of "
                            + context.capacity()
                            + " values for a window of "
                            + config.contextWindow());
        }
        return context;
    }

    public Config config() {
        return config;
    }

    /** The members, in the order they vote. */
    public List<AnomalyStrategy> members() {
        return Collections.unmodifiableList(members);
    }

    /** What each member said about the last point scored. */
    public List<Vote> lastVotes() {
        return lastVotes == null ? List.of() : lastVotes;
    }

    @Override
    public String name() {
        return "ensemble";
    }
}
