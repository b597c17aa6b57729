package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import smile.math.special.Erf;

/**
 * A seasonal baseline: "Monday 09:00 is 20% below a normal Monday 09:00".
 *
 * <p>The expected value of a point is the median of its slot's means over the last complete weeks
 * (hour of week) or, while fewer weeks are known and {@link Config#dailyFallback()} allows it, over
 * the last complete days (hour of day). A trend moves every slot at once, so the baseline is scaled
 * by the series' current level: the median ratio of the last day's points to their own baselines, a
 * day whatever the sampling rate (24 hourly points, 288 five-minute ones). The residual of the new
 * point is then judged against the robust spread (median absolute deviation) of the recent
 * residuals, pooled across slots, because a handful of Mondays is too few to estimate one slot's
 * noise. Warm-up is the profile's periods, then one point for the level and {@value #MIN_RESIDUALS}
 * residuals. Series that stay positive are modelled as ratios (a 20% drop is a 20% drop at 3 am and
 * at noon); others as differences.
 *
 * <p>Some hours are noisier than the pool: a tweet count bursts in market hours and idles at night,
 * so against the pooled spread every busy afternoon has its alarms. With {@link
 * Config#hourScaleWindow()} set, each hour of the day also keeps its own last residuals, and once
 * it holds half that many, its spread, widened by {@link #HOUR_SCALE_WIDENING}, is the least noise
 * a point of that hour is judged against. A quiet hour is still judged against the pool, so a burst
 * at night stays news.
 */
public final class SeasonalStrategy implements AnomalyStrategy {

    private static final long serialVersionUID = 1L;

    /**
     * @param zone time zone whose hours and weekdays the series follows
     * @param minWeeks complete weeks of a slot before the weekly profile votes
     * @param minDays complete days of a slot before the daily profile votes
     * @param dailyFallback whether the daily profile votes while the weekly one cannot; off for
     *     series with a weekend, which a daily profile would flag every Saturday
     * @param depth complete periods remembered per slot
     * @param levelWindow most recent points whose median ratio to baseline gives the current level
     * @param levelHours of those, only the points of the last {@code levelHours} hours count; 0 for
     *     no limit in time (detectors of earlier builds, which counted points only)
     * @param scaleWindow recent residuals whose median absolute deviation gives the noise
     * @param minRelativeScale floor of the noise, relative to the expected value
     * @param hourScaleWindow residuals kept per hour of the day, whose spread the noise of a point
     *     of that hour is at least once half of them are held; 0 keeps none, which is what
     *     configurations Java-serialized by builds before it read as
     */
    public record Config(
            ZoneId zone,
            int minWeeks,
            int minDays,
            boolean dailyFallback,
            int depth,
            int levelWindow,
            int levelHours,
            int scaleWindow,
            double minRelativeScale,
            int hourScaleWindow)
            implements java.io.Serializable {

        public Config {
            if (minWeeks < 1 || minDays < 1 || depth < Math.max(minWeeks, minDays)) {
                throw new IllegalArgumentException(
                        "need minWeeks, minDays >= 1 and depth >= both, got "
                                + minWeeks
                                + ", "
                                + minDays
                                + ", "
                                + depth);
            }
            if (levelWindow < 1 || levelHours < 0 || scaleWindow < 8) {
                throw new IllegalArgumentException(
                        "need levelWindow >= 1, levelHours >= 0 and scaleWindow >= 8, got "
                                + levelWindow
                                + ", "
                                + levelHours
                                + ", "
                                + scaleWindow);
            }
            if (hourScaleWindow != 0 && hourScaleWindow < 8) {
                throw new IllegalArgumentException(
                        "hourScaleWindow must be 0 (none) or at least 8, was " + hourScaleWindow);
            }
        }

        /**
         * UTC, two weeks or three days, daily fallback on, eight periods; the level over the last
         * day, at most 288 points (a day of five-minute points); the noise over the last 168
         * residuals, and at least that of the last 96 of the point's hour (eight days of
         * five-minute points), once 48 of them are held.
         */
        public static Config defaults() {
            return new Config(ZoneId.of("UTC"), 2, 3, true, 8, 288, 24, 168, 0.01, 96);
        }

        /** The same, with the daily fallback set as given. */
        public Config withDailyFallback(boolean on) {
            return copy(zone, on, hourScaleWindow);
        }

        /** The same, keeping {@code residuals} per hour of the day, or none at 0. */
        public Config withHourScaleWindow(int residuals) {
            return copy(zone, dailyFallback, residuals);
        }

        /** The same, in another time zone. */
        public Config withZone(ZoneId other) {
            return copy(other, dailyFallback, hourScaleWindow);
        }

        /** This configuration with the values its withers set replaced, checked again. */
        private Config copy(ZoneId zone, boolean dailyFallback, int hourScaleWindow) {
            return new Config(
                    zone,
                    minWeeks,
                    minDays,
                    dailyFallback,
                    depth,
                    levelWindow,
                    levelHours,
                    scaleWindow,
                    minRelativeScale,
                    hourScaleWindow);
        }
    }

    /** Which profile gave the last vote. */
    public enum Profile {
        WEEKLY,
        DAILY,
        NONE
    }

    /**
     * Residuals needed before the first vote, after the profile has its periods: the noise is not
     * judged from fewer.
     */
    static final int MIN_RESIDUALS = 12;

    /**
     * How much an hour's own spread is widened before it counts as the least noise: an hour's
     * residuals are fewer than the pool's, and its spread a rougher estimate. 1.25 scored best on
     * NAB's whole corpus among 0.8, 1, 1.25, 1.5 and 2 (docs/benchmarks.md).
     */
    static final double HOUR_SCALE_WIDENING = 1.25;

    private final Config config;
    private final SlotHistory weekly;
    private final SlotHistory daily;
    private final RecentValues levels;

    /** When each of {@link #levels} was observed; null when the level counts points only. */
    private final RecentValues levelTimes;

    private final RecentValues residuals;

    /** Per hour of the day, its last residuals; null when the config keeps none. */
    private final RecentValues[] hourResiduals;

    private boolean positive = true;
    private Profile lastProfile = Profile.NONE;

    public SeasonalStrategy() {
        this(Config.defaults());
    }

    public SeasonalStrategy(Config config) {
        this(
                config,
                new SlotHistory(7 * 24, config.depth()),
                new SlotHistory(24, config.depth()),
                new RecentValues(config.levelWindow()),
                config.levelHours() > 0 ? new RecentValues(config.levelWindow()) : null,
                new RecentValues(config.scaleWindow()),
                freshHours(config));
    }

    /** A ring per hour of the day, or null when {@code config} keeps none. */
    private static RecentValues[] freshHours(Config config) {
        if (config.hourScaleWindow() == 0) {
            return null;
        }
        RecentValues[] hours = new RecentValues[24];
        for (int h = 0; h < hours.length; h++) {
            hours[h] = new RecentValues(config.hourScaleWindow());
        }
        return hours;
    }

    private SeasonalStrategy(
            Config config,
            SlotHistory weekly,
            SlotHistory daily,
            RecentValues levels,
            RecentValues levelTimes,
            RecentValues residuals,
            RecentValues[] hourResiduals) {
        this.config = config;
        this.weekly = weekly;
        this.daily = daily;
        this.levels = levels;
        this.levelTimes = levelTimes;
        this.residuals = residuals;
        this.hourResiduals = hourResiduals;
    }

    /** Adds a ratio to baseline to the level, and forgets those older than a day before it. */
    private void addLevel(double raw, long epochMillis) {
        levels.add(raw);
        if (levelTimes == null) {
            return;
        }
        levelTimes.add(epochMillis);
        long span = config.levelHours() * 3_600_000L;
        while (levelTimes.size() > 1
                && epochMillis - (long) levelTimes.get(levelTimes.size() - 1) >= span) {
            levels.dropOldest();
            levelTimes.dropOldest();
        }
    }

    @Override
    public AnomalyScore score(Point point) {
        double x = point.value();
        ZonedDateTime t = Instant.ofEpochMilli(point.epochMillis()).atZone(config.zone());
        int hourOfDay = t.getHour();
        int hourOfWeek = (t.getDayOfWeek().getValue() - 1) * 24 + hourOfDay;
        long day = t.toLocalDate().toEpochDay();
        // Weeks start on Monday: epoch day 4 (1970-01-05) was one.
        long week = Math.floorDiv(day - 4, 7);
        weekly.roll(hourOfWeek, week);
        daily.roll(hourOfDay, day);

        double baseline;
        if (weekly.periods(hourOfWeek) >= config.minWeeks()) {
            baseline = weekly.median(hourOfWeek);
            lastProfile = Profile.WEEKLY;
        } else if (config.dailyFallback() && daily.periods(hourOfDay) >= config.minDays()) {
            baseline = daily.median(hourOfDay);
            lastProfile = Profile.DAILY;
        } else {
            baseline = Double.NaN;
            lastProfile = Profile.NONE;
        }
        positive &= x > 0;
        boolean ratio = positive && baseline > 0;

        AnomalyScore result = AnomalyScore.warmup();
        if (!Double.isNaN(baseline)) {
            double raw = ratio ? x / baseline : x - baseline;
            if (levels.size() > 0) {
                double level = levels.median();
                double residual = ratio ? raw / level - 1 : raw - level;
                if (residuals.size() >= MIN_RESIDUALS) {
                    double expected = ratio ? baseline * level : baseline + level;
                    double floor =
                            ratio
                                    ? config.minRelativeScale()
                                    : config.minRelativeScale()
                                            * Math.max(Math.abs(expected), 1e-9);
                    double scale = Math.max(Robust.MAD_TO_SIGMA * absMedian(residuals), floor);
                    if (hourResiduals != null) {
                        RecentValues hour = hourResiduals[hourOfDay];
                        if (2 * hour.size() >= hour.capacity()) {
                            scale =
                                    Math.max(
                                            scale,
                                            HOUR_SCALE_WIDENING
                                                    * Robust.MAD_TO_SIGMA
                                                    * absMedian(hour));
                        }
                    }
                    double z = Math.abs(residual) / scale;
                    result = AnomalyScore.of(Erf.erf(z / Math.sqrt(2)), expected);
                }
                residuals.add(residual);
                if (hourResiduals != null) {
                    hourResiduals[hourOfDay].add(residual);
                }
            }
            addLevel(raw, point.epochMillis());
        }
        weekly.add(hourOfWeek, week, x);
        daily.add(hourOfDay, day, x);
        return result;
    }

    /** The median of the absolute values of {@code values}. */
    private static double absMedian(RecentValues values) {
        double[] r = values.toArray();
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(r[i]);
        }
        return Robust.median(r);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeUTF(config.zone().getId());
        out.writeInt(config.minWeeks());
        out.writeInt(config.minDays());
        out.writeBoolean(config.dailyFallback());
        out.writeInt(config.depth());
        out.writeInt(config.levelWindow());
        out.writeInt(config.levelHours());
        out.writeInt(config.scaleWindow());
        out.writeDouble(config.minRelativeScale());
        out.writeInt(config.hourScaleWindow());
        weekly.writeTo(out);
        daily.writeTo(out);
        levels.writeTo(out);
        if (levelTimes != null) {
            levelTimes.writeTo(out);
        }
        residuals.writeTo(out);
        if (hourResiduals != null) {
            for (RecentValues hour : hourResiduals) {
                hour.writeTo(out);
            }
        }
        out.writeBoolean(positive);
        out.writeByte(lastProfile.ordinal());
    }

    /**
     * Reads the form {@link #writeTo} wrote, or that of binary {@code version} 1 to 4, which kept
     * no residuals per hour.
     */
    static SeasonalStrategy readFrom(DataInput in, int version) throws IOException {
        Config config =
                DetectorCodec.valid(
                        () ->
                                new Config(
                                        ZoneId.of(in.readUTF()),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readBoolean(),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readInt(),
                                        in.readDouble(),
                                        version < 5 ? 0 : in.readInt()));
        SlotHistory weekly = SlotHistory.readFrom(in);
        SlotHistory daily = SlotHistory.readFrom(in);
        RecentValues levels = RecentValues.readFrom(in);
        RecentValues levelTimes = config.levelHours() > 0 ? RecentValues.readFrom(in) : null;
        if (levelTimes != null && levelTimes.size() != levels.size()) {
            throw new IOException(levels.size() + " levels, " + levelTimes.size() + " times");
        }
        RecentValues residuals = RecentValues.readFrom(in);
        RecentValues[] hours = null;
        if (config.hourScaleWindow() > 0) {
            hours = new RecentValues[24];
            for (int h = 0; h < hours.length; h++) {
                hours[h] = RecentValues.readFrom(in);
                if (hours[h].capacity() != config.hourScaleWindow()) {
                    throw new IOException(
                            "hour "
                                    + h
                                    + " keeps "
                                    + hours[h].capacity()
                                    + " residuals, not "
                                    + config.hourScaleWindow());
                }
            }
        }
        SeasonalStrategy s =
                new SeasonalStrategy(config, weekly, daily, levels, levelTimes, residuals, hours);
        s.positive = in.readBoolean();
        s.lastProfile = DetectorCodec.element(Profile.values(), in.readByte(), "profile");
        return s;
    }

    /** The profile behind the last score. */
    public Profile lastProfile() {
        return lastProfile;
    }

    @Override
    public String name() {
        return "seasonal";
    }
}
