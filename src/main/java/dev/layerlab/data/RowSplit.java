package dev.layerlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The seeded train / validation / test split of a table's rows, stratified by class when asked. */
final class RowSplit {
    private RowSplit() {
    }

    /**
     * Seeded shuffle, then cut; stratified cuts each class separately so class shares match in every part.
     * On int arrays (a million rows boxed into lists cost ~40 MB of heap), drawing exactly the numbers
     * {@code Collections.shuffle} drew on lists, so splits are the same as before.
     */
    static int[][] split(int[] rows, SplitSpec s, Column classColumn) {
        Random random = new Random(s.seed());
        List<int[]> groups = new ArrayList<>();
        if (classColumn != null && s.stratify()) {
            Map<String, int[]> byClass = new java.util.TreeMap<>();
            Map<String, Integer> filled = new HashMap<>();
            String[] label = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                label[i] = classColumn.text(rows[i]);
                filled.merge(label[i], 1, Integer::sum);
            }
            filled.forEach((k, n) -> byClass.put(k, new int[n]));
            filled.replaceAll((k, n) -> 0);
            for (int i = 0; i < rows.length; i++) {
                int at = filled.merge(label[i], 1, Integer::sum) - 1;
                byClass.get(label[i])[at] = rows[i];
            }
            groups.addAll(byClass.values());
        } else {
            groups.add(rows.clone());
        }
        int total = rows.length;
        int[] train = new int[total];
        int[] validation = new int[total];
        int[] test = new int[total];
        int nt = 0;
        int nv = 0;
        int ns = 0;
        for (int[] g : groups) {
            shuffle(g, g.length, random);
            int n = g.length;
            int nTrain = Math.max(1, (int) Math.round(n * s.train()));
            int nVal = Math.min(n - nTrain, (int) Math.round(n * s.validation()));
            if (s.test() == 0) {
                nVal = n - nTrain;
            }
            System.arraycopy(g, 0, train, nt, nTrain);
            nt += nTrain;
            System.arraycopy(g, nTrain, validation, nv, nVal);
            nv += nVal;
            System.arraycopy(g, nTrain + nVal, test, ns, n - nTrain - nVal);
            ns += n - nTrain - nVal;
        }
        // Mix the classes again so batches taken in order are not sorted by class.
        shuffle(train, nt, random);
        shuffle(validation, nv, random);
        shuffle(test, ns, random);
        return new int[][]{Arrays.copyOf(train, nt), Arrays.copyOf(validation, nv), Arrays.copyOf(test, ns)};
    }

    /** {@code Collections.shuffle(list, random)} on the first {@code n} entries of an array (same draws, same result). */
    static void shuffle(int[] a, int n, Random random) {
        for (int i = n; i > 1; i--) {
            int j = random.nextInt(i);
            int t = a[i - 1];
            a[i - 1] = a[j];
            a[j] = t;
        }
    }
}
