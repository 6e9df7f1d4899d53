package dev.hourglass.engine.train;

/** The loss became NaN or infinite. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
