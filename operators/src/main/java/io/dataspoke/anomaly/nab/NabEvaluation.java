package io.dataspoke.anomaly.nab;

import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Scores an {@link AnomalyStrategy} the way NAB v1.1 does: a fresh detector runs over each data
 * file in row order, its scores are written in NAB's results layout, one threshold per profile is
 * optimised over all files pooled, and each file is scored at it. Files run one after the other on
 * one thread: Smile's isolation trees draw from a JVM-wide Gaussian generator, so forests fitted on
 * several threads at once depend on how the threads interleave, and a benchmark figure must not.
 */
public final class NabEvaluation {

    private final NabCorpus corpus;
    private final List<NabProfile> profiles;

    public NabEvaluation(NabCorpus corpus, List<NabProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no profiles to score");
        }
        this.corpus = corpus;
        this.profiles = List.copyOf(profiles);
    }

    /**
     * Reads the corpus under {@code dataDir} with the windows of {@code windowsFile}, runs {@code
     * detector} over it and writes the results under {@code outDir}.
     */
    public static NabReport run(
            Path dataDir,
            Path windowsFile,
            List<NabProfile> profiles,
            Path outDir,
            Supplier<AnomalyStrategy> detector)
            throws IOException {
        return new NabEvaluation(NabCorpus.read(dataDir, windowsFile), profiles)
                .run(outDir, detector);
    }

    /**
     * Runs a fresh detector from {@code detector} over each file, writes {@code
     * <outDir>/<name>/<category>/<name>_<file>.csv} for each and {@code
     * <name>_<profile>_scores.csv} for each profile, and scores the corpus.
     */
    public NabReport run(Path outDir, Supplier<AnomalyStrategy> detector) throws IOException {
        String name = detector.get().name();
        List<NabSeries> series = corpus.series();
        List<Future<Detection>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (NabSeries file : series) {
                futures.add(pool.submit(() -> detect(file, detector.get(), outDir, name)));
            }
            List<double[]> scores = new ArrayList<>();
            long nanos = 0;
            for (Future<Detection> future : futures) {
                Detection detection = await(future);
                scores.add(detection.scores());
                nanos += detection.nanos();
            }
            double rowsPerSecond = corpus.rowCount() / (Math.max(nanos, 1) / 1e9);
            NabReport report = score(name, scores, rowsPerSecond);
            for (NabReport.ProfileScore profile : report.profiles()) {
                NabResultFiles.writeScores(outDir, name, profile);
            }
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Detection(double[] scores, long nanos) {}

    private static Detection detect(
            NabSeries series, AnomalyStrategy detector, Path outDir, String name)
            throws IOException {
        double[] scores = new double[series.size()];
        long start = System.nanoTime();
        for (int i = 0; i < scores.length; i++) {
            NabRow row = series.rows().get(i);
            scores[i] = detector.score(Point.of(row.epochMillis(), row.value())).score();
        }
        long nanos = System.nanoTime() - start;
        NabResultFiles.write(outDir, name, series, scores);
        return new Detection(scores, nanos);
    }

    private static Detection await(Future<Detection> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Scores the results of {@code detector} already written under {@code outDir}. */
    public NabReport rescore(Path outDir, String detector) throws IOException {
        List<double[]> scores = new ArrayList<>();
        for (NabSeries series : corpus.series()) {
            scores.add(NabResultFiles.read(outDir, detector, series));
        }
        return score(detector, scores, Double.NaN);
    }

    /**
     * Scores given anomaly scores, one array per file of the corpus in corpus order: per profile,
     * the optimal corpus threshold, then each file at that threshold.
     */
    public NabReport score(String detector, List<double[]> anomalyScores, double rowsPerSecond) {
        List<NabSeries> series = corpus.series();
        if (anomalyScores.size() != series.size()) {
            throw new IllegalArgumentException(
                    anomalyScores.size() + " score arrays for " + series.size() + " files");
        }
        List<SweptSeries> swept = new ArrayList<>();
        for (int f = 0; f < series.size(); f++) {
            swept.add(NabSweeper.sweep(series.get(f), anomalyScores.get(f)));
        }
        int windows = NabSweeper.scoredWindows(swept);
        List<NabReport.ProfileScore> results = new ArrayList<>();
        Map<String, List<SweptSeries>> byCategory = new LinkedHashMap<>();
        for (int f = 0; f < series.size(); f++) {
            byCategory
                    .computeIfAbsent(series.get(f).category(), c -> new ArrayList<>())
                    .add(swept.get(f));
        }
        // Categories without a scored window have no normalised score.
        byCategory.values().removeIf(files -> NabSweeper.scoredWindows(files) == 0);
        for (NabProfile profile : profiles) {
            NabSweeper sweeper = new NabSweeper(profile);
            double threshold = sweeper.optimise(swept).threshold();
            List<NabReport.FileScore> files = new ArrayList<>();
            double raw = 0;
            int found = 0;
            for (SweptSeries file : swept) {
                ThresholdScore score = sweeper.scoreAt(file, threshold);
                files.add(NabReport.FileScore.of(file.file(), score));
                raw += score.score();
                found += file.windowsFound(threshold);
            }
            List<NabReport.CategoryScore> categories = new ArrayList<>();
            for (Map.Entry<String, List<SweptSeries>> category : byCategory.entrySet()) {
                categories.add(scoreCategory(category.getKey(), category.getValue(), sweeper));
            }
            results.add(
                    new NabReport.ProfileScore(
                            profile.name(),
                            threshold,
                            raw,
                            sweeper.normalise(raw, windows),
                            found,
                            files,
                            categories));
        }
        return new NabReport(
                detector, series.size(), corpus.rowCount(), windows, rowsPerSecond, results);
    }

    /** {@code files} of one category scored as a corpus: its own optimal threshold. */
    private static NabReport.CategoryScore scoreCategory(
            String category, List<SweptSeries> files, NabSweeper sweeper) {
        int windows = NabSweeper.scoredWindows(files);
        double threshold = sweeper.optimise(files).threshold();
        double raw = 0;
        for (SweptSeries file : files) {
            raw += sweeper.scoreAt(file, threshold).score();
        }
        return new NabReport.CategoryScore(
                category, files.size(), windows, threshold, raw, sweeper.normalise(raw, windows));
    }
}
