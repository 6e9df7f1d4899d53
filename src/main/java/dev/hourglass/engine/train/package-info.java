/**
 * The autoencoder network and how it trains: {@link dev.hourglass.engine.train.Autoencoder} (one
 * generic step over an objective's terms), the {@link dev.hourglass.engine.train.Trainer} with its
 * plan of stages (one, or greedy layer-wise), checkpoints ({@link dev.hourglass.engine.train.TrainingState}),
 * early stopping, the train/validation split, input normalization and the identity check. Nothing
 * here knows jobs, threads of its own, HTTP or databases.
 */
package dev.hourglass.engine.train;
