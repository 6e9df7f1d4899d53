package dev.hourglass.engine.anomaly;

/** Area under the ROC curve, for tests: the probability that an anomaly scores above a normal row (ties count half). */
final class Roc {

    private Roc() {
    }

    static double auc(double[] normal, double[] anomalous) {
        double wins = 0;
        for (double a : anomalous) {
            for (double b : normal) {
                wins += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return wins / ((double) normal.length * anomalous.length);
    }
}
