package dev.layerlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive split draws the same rows into the same parts, in the same order, as the list-based one did. */
class SplitTest {
    /** The split as it was written on boxed lists (kept here as the reference). */
    static int[][] listSplit(int[] rows, SplitSpec s, Column classColumn) {
        Random random = new Random(s.seed());
        List<List<Integer>> groups = new ArrayList<>();
        if (classColumn != null && s.stratify()) {
            Map<String, List<Integer>> byClass = new java.util.TreeMap<>();
            for (int r : rows) {
                byClass.computeIfAbsent(classColumn.text(r), k -> new ArrayList<>()).add(r);
            }
            groups.addAll(byClass.values());
        } else {
            List<Integer> all = new ArrayList<>(rows.length);
            for (int r : rows) {
                all.add(r);
            }
            groups.add(all);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> g : groups) {
            Collections.shuffle(g, random);
            int n = g.size();
            int nTrain = Math.max(1, (int) Math.round(n * s.train()));
            int nVal = Math.min(n - nTrain, (int) Math.round(n * s.validation()));
            if (s.test() == 0) {
                nVal = n - nTrain;
            }
            train.addAll(g.subList(0, nTrain));
            validation.addAll(g.subList(nTrain, nTrain + nVal));
            test.addAll(g.subList(nTrain + nVal, n));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        Collections.shuffle(test, random);
        return new int[][]{train.stream().mapToInt(Integer::intValue).toArray(),
                validation.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray()};
    }

    @Test
    void sameSplitsAsTheListBasedVersion() {
        Random random = new Random(11);
        String[] classes = {"a", "b", "c", "d"};
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + random.nextInt(trial < 190 ? 200 : 20_000);
            String[] labels = new String[n + 5];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = classes[random.nextInt(1 + random.nextInt(classes.length))];
            }
            CategoricalColumn column = CategoricalColumn.of("y", labels);
            int[] rows = random.ints(0, labels.length).distinct().limit(n).toArray();
            double train = 0.3 + random.nextDouble() * 0.6;
            double validation = (1 - train) * random.nextDouble();
            double test = random.nextInt(4) == 0 ? 0 : 1 - train - validation;
            if (test == 0) {
                validation = 1 - train;
            }
            SplitSpec spec = new SplitSpec(train, validation, test, random.nextLong(), random.nextBoolean());
            Column strat = random.nextBoolean() ? column : null;
            int[][] expected = listSplit(rows, spec, strat);
            int[][] actual = RowSplit.split(rows, spec, strat);
            for (int p = 0; p < 3; p++) {
                assertThat(actual[p]).as("trial %d part %d", trial, p).containsExactly(expected[p]);
            }
        }
    }
}
