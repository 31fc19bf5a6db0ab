package io.memtune.benchmarks.load;

import java.util.Arrays;
import java.util.Random;

/**
 * Pages drawn with Zipf's law: the page of rank r with a probability proportional to 1 / r^s. Ranks are given to
 * pages in a shuffled order (fixed by the seed), so the popular pages are spread over tenants and designs rather than
 * being the first tenants' first pages.
 */
final class ZipfPages {

    private final double[] cumulative;
    private final int[] pageOfRank;

    /**
     * @param pages how many pages
     * @param exponent s: 0 is uniform, 1 the classic web-like skew
     */
    ZipfPages(int pages, double exponent, long seed) {
        if (pages < 1 || exponent < 0) {
            throw new IllegalArgumentException("Zipf needs at least one page and an exponent of 0 or more");
        }
        cumulative = new double[pages];
        double sum = 0;
        for (int r = 0; r < pages; r++) {
            sum += 1 / Math.pow(r + 1, exponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < pages; r++) {
            cumulative[r] /= sum;
        }
        pageOfRank = new int[pages];
        for (int i = 0; i < pages; i++) {
            pageOfRank[i] = i;
        }
        Random shuffle = new Random(seed);
        for (int i = pages - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = pageOfRank[i];
            pageOfRank[i] = pageOfRank[j];
            pageOfRank[j] = t;
        }
    }

    /** A page index, drawn with {@code random}. */
    int next(Random random) {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        rank = rank >= 0 ? rank : Math.min(-rank - 1, cumulative.length - 1);
        return pageOfRank[rank];
    }

    /** The share of draws that fall on the {@code top} most popular pages: what a cache of that many pages can hit. */
    double shareOfTop(int top) {
        return top <= 0 ? 0 : cumulative[Math.min(top, cumulative.length) - 1];
    }
}
