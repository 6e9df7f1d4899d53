/**
 * The headline variants and the blocks each one needs. Every variant is the same training step with
 * four slots — corruption (none, masking, Gaussian), latent (deterministic or reparameterized),
 * regularizer (none, KL sparsity, Jacobian penalty, KL to N(0, I), weight decay) and plan (one stage
 * or greedy stages) — filled from {@link dev.hourglass.engine.spec.ArchitectureSpec} and
 * {@link dev.hourglass.engine.spec.TrainingConfig}; {@link dev.hourglass.engine.variant.Variant}
 * says which fillings a headline requires and which combinations the math does not cover, by field,
 * before a job is queued.
 */
package dev.hourglass.engine.variant;
