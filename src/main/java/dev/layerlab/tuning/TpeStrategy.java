package dev.layerlab.tuning;

import dev.layerlab.experiment.ParamDomain;
import dev.layerlab.experiment.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), univariate like Optuna's default and hyperopt.
 *
 * <p>The first {@code startupTrials} trials are random (the same values {@link RandomStrategy} would draw for
 * the same seed). Afterwards the finished trials are split into the best {@code gamma} fraction (10%, "good",
 * at least one, at most 25) and the rest ("bad"; pruned and failed trials are always bad). For each parameter,
 * in order, two densities are built from the values the good and the bad trials had (only trials where that
 * parameter existed): on ordered domains a mixture of Gaussians on the domain's [0, 1] scale (log scale for
 * log-uniform ranges and powers of two), each with a bandwidth from its neighbours' distances, plus a flat prior
 * component; on categorical domains smoothed counts. {@code candidates} values are drawn from the good density
 * and the one with the highest good/bad density ratio is kept. Conditional parameters follow the values
 * already chosen (units of layer 3 only with 3 layers).
 */
public final class TpeStrategy implements Strategy {
    private final ResolvedSpace space;
    private final Objective objective;
    private final long seed;
    private final int startupTrials;
    private final double gamma;
    private final int candidates;

    public TpeStrategy(ResolvedSpace space, Objective objective, long seed, int startupTrials) {
        this(space, objective, seed, startupTrials, 0.1, 24);
    }

    public TpeStrategy(ResolvedSpace space, Objective objective, long seed, int startupTrials, double gamma, int candidates) {
        this.space = space;
        this.objective = objective;
        this.seed = seed;
        this.startupTrials = Math.max(1, startupTrials);
        this.gamma = gamma;
        this.candidates = candidates;
    }

    /** A startup length suited to a budget: a third of it, between 3 and 10. */
    public static int defaultStartup(int budget) {
        return Math.max(3, Math.min(10, budget / 3));
    }

    @Override
    public Map<String, Object> suggest(int number, List<TrialRecord> finished) {
        List<TrialRecord> scored = new ArrayList<>();
        List<TrialRecord> bad = new ArrayList<>();
        for (TrialRecord r : finished) {
            if (r.status() == TrialStatus.COMPLETE && r.hasValue()) {
                scored.add(r);
            } else {
                bad.add(r);
            }
        }
        if (number < startupTrials || scored.size() < 2) {
            return space.sample(RandomStrategy.randomFor(seed, number));
        }
        scored.sort(objective.order());
        int nGood = Math.max(1, Math.min(25, (int) Math.ceil(gamma * scored.size())));
        List<TrialRecord> good = new ArrayList<>(scored.subList(0, nGood));
        bad.addAll(scored.subList(nGood, scored.size()));

        SplittableRandom random = RandomStrategy.randomFor(seed, number);
        Map<String, Object> a = new LinkedHashMap<>();
        for (Map.Entry<String, ParamDomain> e : space.parameters().entrySet()) {
            String name = e.getKey();
            if (!space.isActive(name, a)) {
                continue;
            }
            ParamDomain d = e.getValue();
            if (d instanceof ParamDomain.Fixed f) {
                a.put(name, f.value());
            } else if (d.categorical()) {
                a.put(name, categorical(d.gridValues(1), values(good, name), values(bad, name), random));
            } else {
                a.put(name, numeric(d, values(good, name), values(bad, name), random));
            }
        }
        return a;
    }

    private static List<Object> values(List<TrialRecord> trials, String name) {
        List<Object> out = new ArrayList<>();
        for (TrialRecord r : trials) {
            Object v = r.params().get(name);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private Object categorical(List<Object> choices, List<Object> good, List<Object> bad, SplittableRandom random) {
        int k = choices.size();
        double[] l = new double[k];
        double[] g = new double[k];
        Arrays.fill(l, 1.0);
        Arrays.fill(g, 1.0);
        for (Object v : good) {
            int i = indexOf(choices, v);
            if (i >= 0) {
                l[i]++;
            }
        }
        for (Object v : bad) {
            int i = indexOf(choices, v);
            if (i >= 0) {
                g[i]++;
            }
        }
        double lSum = Arrays.stream(l).sum();
        double gSum = Arrays.stream(g).sum();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double u = random.nextDouble() * lSum;
            int i = 0;
            while (i < k - 1 && u >= l[i]) {
                u -= l[i];
                i++;
            }
            double score = Math.log(l[i] / lSum) - Math.log(g[i] / gSum);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return choices.get(best);
    }

    private static int indexOf(List<Object> choices, Object v) {
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (c.equals(v) || (c instanceof Number a && v instanceof Number b && a.doubleValue() == b.doubleValue())
                    || String.valueOf(c).equals(String.valueOf(v))) {
                return i;
            }
        }
        return -1;
    }

    private Object numeric(ParamDomain d, List<Object> good, List<Object> bad, SplittableRandom random) {
        Parzen l = new Parzen(units(d, good));
        Parzen g = new Parzen(units(d, bad));
        double bestU = 0.5;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double u = l.sample(random);
            double score = Math.log(l.density(u)) - Math.log(g.density(u));
            if (score > bestScore) {
                bestScore = score;
                bestU = u;
            }
        }
        return d.fromUnit(bestU);
    }

    private static double[] units(ParamDomain d, List<Object> values) {
        double[] u = new double[values.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.max(0, Math.min(1, d.toUnit(values.get(i))));
        }
        return u;
    }

    /** A Gaussian mixture on [0, 1] with a flat prior component (weight of one point). */
    static final class Parzen {
        private final double[] mu;
        private final double[] sigma;

        Parzen(double[] points) {
            mu = points.clone();
            Arrays.sort(mu);
            sigma = new double[mu.length];
            int n = mu.length;
            double minSigma = 1.0 / Math.min(100, n + 1) / 2;
            for (int i = 0; i < n; i++) {
                double left = i == 0 ? mu[i] : mu[i] - mu[i - 1];
                double right = i == n - 1 ? 1 - mu[i] : mu[i + 1] - mu[i];
                sigma[i] = Math.max(minSigma, Math.min(1.0, Math.max(left, right)));
            }
        }

        double sample(SplittableRandom random) {
            int k = random.nextInt(mu.length + 1);
            if (k == mu.length) {
                return random.nextDouble();
            }
            for (int tries = 0; tries < 20; tries++) {
                double x = mu[k] + sigma[k] * gaussian(random);
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.max(0, Math.min(1, mu[k]));
        }

        double density(double x) {
            double sum = 1.0; // flat prior on [0, 1]
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                // divide by the kernel's mass inside [0, 1] so kernels near an edge are not under-weighted
                double mass = phi((1 - mu[i]) / sigma[i]) - phi(-mu[i] / sigma[i]);
                sum += Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI)) / Math.max(mass, 1e-12);
            }
            return sum / (mu.length + 1);
        }

        private static double gaussian(SplittableRandom random) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }

        /** Standard normal CDF (Abramowitz-Stegun 7.1.26, error below 1.5e-7). */
        static double phi(double x) {
            double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
            double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                    * Math.exp(-x * x / 2);
            return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
        }
    }
}
