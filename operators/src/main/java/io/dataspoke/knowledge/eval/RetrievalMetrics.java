package io.dataspoke.knowledge.eval;

import java.util.List;
import java.util.Locale;

/**
 * Recall@1/5/10 (the share of a question's gold tables in the top k, averaged over questions),
 * full@5/10 (the share of questions with all gold tables in the top k) and mean reciprocal rank (of
 * the first gold table; 0 when none is in the top 10).
 */
public record RetrievalMetrics(
        int questions,
        double recallAt1,
        double recallAt5,
        double recallAt10,
        double fullAt5,
        double fullAt10,
        double mrr) {

    /** How deep each question's ranking must go. */
    public static final int DEPTH = 10;

    /** Accumulates questions one at a time. */
    public static final class Accumulator {
        private int n;
        private double r1;
        private double r5;
        private double r10;
        private double f5;
        private double f10;
        private double rr;

        /** Adds a question: its ranked ids (best first) and its gold ids (lower case). */
        public void add(List<String> ranked, List<String> gold) {
            n++;
            r1 += recall(ranked, gold, 1);
            r5 += recall(ranked, gold, 5);
            r10 += recall(ranked, gold, 10);
            f5 += recall(ranked, gold, 5) == 1.0 ? 1 : 0;
            f10 += recall(ranked, gold, 10) == 1.0 ? 1 : 0;
            for (int i = 0; i < Math.min(DEPTH, ranked.size()); i++) {
                if (gold.contains(ranked.get(i).toLowerCase(Locale.ROOT))) {
                    rr += 1.0 / (i + 1);
                    break;
                }
            }
        }

        public RetrievalMetrics metrics() {
            return n == 0
                    ? new RetrievalMetrics(0, 0, 0, 0, 0, 0, 0)
                    : new RetrievalMetrics(n, r1 / n, r5 / n, r10 / n, f5 / n, f10 / n, rr / n);
        }

        private static double recall(List<String> ranked, List<String> gold, int k) {
            int found = 0;
            for (int i = 0; i < Math.min(k, ranked.size()); i++) {
                if (gold.contains(ranked.get(i).toLowerCase(Locale.ROOT))) {
                    found++;
                }
            }
            return (double) found / gold.size();
        }
    }
}
