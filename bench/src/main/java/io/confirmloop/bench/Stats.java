package io.confirmloop.bench;

import java.util.Arrays;
import java.util.Collection;

/** Count, mean and nearest-rank percentiles of a set of samples (any unit; the caller names it). */
record Stats(int count, double min, double p50, double p95, double p99, double max, double mean) {

    static Stats of(Collection<? extends Number> samples) {
        return of(samples.stream().mapToDouble(Number::doubleValue).toArray());
    }

    static Stats of(double[] samples) {
        if (samples.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    /** Nearest rank: the smallest sample with at least p % of the samples at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** "p50 12.3 · p95 20.1 · p99 31.0 · max 40.2 ms (n=400)" */
    String summary(String unit) {
        if (isEmpty()) {
            return "no samples";
        }
        return "p50 %s · p95 %s · p99 %s · max %s %s (n=%d)".formatted(Format.num(p50), Format.num(p95), Format.num(p99),
                Format.num(max), unit, count);
    }
}
