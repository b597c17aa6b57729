package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008) over multivariate feature vectors, refitted on a
 * sliding window of the points seen.
 *
 * <p>Each tree is grown on a subsample of {@value #SUBSAMPLE} points, the size the original paper
 * found sufficient whatever the data size, not on a fraction of the window. Trees are built here,
 * one after the other from one seed per fit, rather than by Smile's parallel {@code fit}, so a
 * replay gives the same scores. Smile's trees also draw split directions from a JVM-wide Gaussian
 * generator that caches every second value it draws; a fit holds that generator and starts it with
 * nothing cached ({@link #clearCachedGaussian}), so what ran before in the JVM does not change the
 * trees. The forest's score {@code s = 2^(-E[h]/c(256))} is about 0.5 for normal points and
 * approaches 1 for isolated ones; this strategy reports {@code max(0, 2s - 1)}.
 */
public final class IsolationForestStrategy implements AnomalyStrategy {

    private static final long serialVersionUID = 1L;

    /** The subsample size of the original paper. */
    public static final int SUBSAMPLE = 256;

    /**
     * @param trees trees per forest
     * @param window points kept to fit on
     * @param minHistory points seen before the first fit (and the first vote)
     * @param refitEvery points between refits
     * @param seed seed of the subsampling and the splits
     */
    public record Config(int trees, int window, int minHistory, int refitEvery, long seed)
            implements java.io.Serializable {

        public Config {
            if (trees < 1 || window < minHistory || minHistory < 16 || refitEvery < 1) {
                throw new IllegalArgumentException(
                        "need trees >= 1, window >= minHistory >= 16, refitEvery >= 1");
            }
        }

        /** 100 trees on the last 2,048 points, voting after 128, refitted every 128. */
        public static Config defaults() {
            return new Config(100, 2048, 128, 128, 42);
        }

        /** The same forest grown from {@code other}'s draws. */
        public Config withSeed(long other) {
            return new Config(trees, window, minHistory, refitEvery, other);
        }
    }

    private final Config config;
    private final List<double[]> window = new ArrayList<>();

    /** Not stored: refitted from the window on the first point after a restore. */
    private transient IsolationForest forest;

    private int sinceFit;
    private int dimension = -1;

    /** Fits so far: each fit draws from its own generator, seeded from the seed and this count. */
    private long fits;

    public IsolationForestStrategy() {
        this(Config.defaults());
    }

    public IsolationForestStrategy(Config config) {
        this.config = config;
    }

    @Override
    public AnomalyScore score(Point point) {
        double[] x = point.features();
        if (dimension < 0) {
            dimension = x.length;
        } else if (x.length != dimension) {
            throw new IllegalArgumentException(
                    "points have " + dimension + " features, this one " + x.length);
        }
        if (forest == null || sinceFit >= config.refitEvery()) {
            if (window.size() >= config.minHistory()) {
                forest = fit();
                sinceFit = 0;
            }
        }
        AnomalyScore result =
                forest == null
                        ? AnomalyScore.warmup()
                        : AnomalyScore.of(2 * forest.score(x) - 1, Double.NaN);
        window.add(x);
        if (window.size() > config.window()) {
            window.remove(0);
        }
        sinceFit++;
        return result;
    }

    private IsolationForest fit() {
        Random random = new Random(config.seed() * 31 + fits++);
        int n = window.size();
        int sampleSize = Math.min(SUBSAMPLE, n);
        int maxDepth = (int) Math.ceil(Math.log(sampleSize) / Math.log(2));
        IsolationTree[] trees = new IsolationTree[config.trees()];
        GaussianDistribution gaussian = GaussianDistribution.getInstance();
        synchronized (gaussian) {
            clearCachedGaussian(gaussian, random.nextLong());
            // IsolationTree draws its split points from Smile's thread-local generator.
            MathEx.setSeed(random.nextLong());
            for (int t = 0; t < trees.length; t++) {
                trees[t] = new IsolationTree(sample(n, sampleSize, random), maxDepth, 0);
            }
        }
        return new IsolationForest(sampleSize, 0, trees);
    }

    /**
     * Leaves Smile's shared Gaussian generator with no value cached. It draws normals in pairs and
     * returns the second of a pair at the next call, and whether one is waiting depends on every
     * earlier draw in the JVM. Three draws from the same seed tell: with nothing cached at first,
     * the first and third are the same value and the third left its partner cached, which one more
     * draw takes.
     */
    static void clearCachedGaussian(GaussianDistribution gaussian, long seed) {
        MathEx.setSeed(seed);
        double first = gaussian.rand();
        MathEx.setSeed(seed);
        gaussian.rand();
        MathEx.setSeed(seed);
        if (gaussian.rand() == first) {
            gaussian.rand();
        }
    }

    /** {@code k} distinct points of the window, by a partial Fisher-Yates shuffle. */
    private List<double[]> sample(int n, int k, Random random) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        List<double[]> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
            out.add(window.get(index[i]));
        }
        return out;
    }

    /**
     * A fitted forest and the fit it came from. The forest is not part of the written form (fifty
     * trees of 256 points are about half a megabyte on the heap), so the streaming job keeps recent
     * ones on the heap and lends each back to its detector after a read, see {@link #adopt}.
     *
     * @param fit the detector's fit count when the forest was fitted
     * @param forest the forest
     */
    public record Fitted(long fit, IsolationForest forest) {}

    /** The forest in use and its fit, or null before the first fit and after a read. */
    public Fitted fitted() {
        return forest == null ? null : new Fitted(fits, forest);
    }

    /**
     * Takes back the forest this detector was using before it was written and read, so it is not
     * refitted; refused (false) unless {@code fitted} is from this detector's latest fit and no
     * forest is in use.
     */
    public boolean adopt(Fitted fitted) {
        if (forest != null || fitted == null || fitted.fit() != fits) {
            return false;
        }
        forest = fitted.forest();
        return true;
    }

    /** Writes the configuration and the window; the fitted forest is not written. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(config.trees());
        out.writeInt(config.window());
        out.writeInt(config.minHistory());
        out.writeInt(config.refitEvery());
        out.writeLong(config.seed());
        out.writeInt(dimension);
        out.writeInt(sinceFit);
        out.writeLong(fits);
        out.writeInt(window.size());
        for (double[] x : window) {
            for (double v : x) {
                out.writeDouble(v);
            }
        }
    }

    static IsolationForestStrategy readFrom(DataInput in) throws IOException {
        IsolationForestStrategy f =
                new IsolationForestStrategy(
                        DetectorCodec.valid(
                                () ->
                                        new Config(
                                                in.readInt(),
                                                in.readInt(),
                                                in.readInt(),
                                                in.readInt(),
                                                in.readLong())));
        f.dimension = in.readInt();
        if (f.dimension != -1) {
            DetectorCodec.positive(f.dimension, "dimension");
        }
        f.sinceFit = in.readInt();
        f.fits = in.readLong();
        int size = in.readInt();
        if (size < 0 || size > f.config.window() || (size > 0 && f.dimension < 1)) {
            throw new IOException(
                    "window of " + f.config.window() + " holding " + size + " points");
        }
        for (int i = 0; i < size; i++) {
            double[] x = new double[f.dimension];
            for (int d = 0; d < x.length; d++) {
                x[d] = in.readDouble();
            }
            f.window.add(x);
        }
        return f;
    }

    @Override
    public String name() {
        return "isolation-forest";
    }
}
