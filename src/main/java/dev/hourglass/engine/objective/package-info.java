/**
 * What a network trains to minimize: an {@link dev.hourglass.engine.objective.Objective}, the input
 * corruption and a list of {@link dev.hourglass.engine.objective.Term}s, each with its forward, its
 * exact gradient at fixed points of the network's backward pass, its metrics and its checkpoint state.
 * The terms: {@link dev.hourglass.engine.objective.Reconstruction} (MSE, BCE, or a variational
 * likelihood), {@link dev.hourglass.engine.objective.WeightDecay},
 * {@link dev.hourglass.engine.objective.KlSparsity}, {@link dev.hourglass.engine.objective.JacobianPenalty}
 * (the contractive penalty) and {@link dev.hourglass.engine.objective.GaussianKl} (with the
 * reparameterization). The network ({@code dev.hourglass.engine.train.Autoencoder}) loops over the
 * terms; it never asks which variant it is training.
 *
 * <h2>How to add a term</h2>
 * Say an L1 activity penalty λ·(1/m) Σ_i Σ_l |h_il| on the code layer (Goodfellow et al., §14.2.1),
 * for a code with non-negative activations (SIGMOID or RELU), so that |h| = h:
 * <ol>
 *   <li>The term: a class in this package implementing {@link dev.hourglass.engine.objective.Term}.
 *   {@code metrics()} returns {@code List.of("activityL1")}; {@code forward} takes the code's column
 *   sums ({@code Kernels.columnSums}), writes λ·Σ/m as its metric and returns it;
 *   {@code addsToOutputGradient(layer)} is {@code layer == network.codeLayer()}, and
 *   {@code addToOutputGradient} adds the row vector λ/m to ∂L/∂h ({@code ArrayOps.addRowVectorInPlace}).
 *   Both loops already exist as kernels; a term that needs a new loop adds it to {@code engine.kernel}
 *   with a test, since only that package loops over arrays.</li>
 *   <li>Its registration: its settings as a block in {@code engine.spec} (a record with
 *   {@code problems()}: λ finite and ≥ 0), a component of
 *   {@link dev.hourglass.engine.spec.Regularization} for that block (its {@code problems()} collects the
 *   block's), any rule between it and the network in
 *   {@link dev.hourglass.engine.spec.AutoencoderSpec#combinationProblems} (here: a code activation
 *   that is never negative), and one line in {@link dev.hourglass.engine.objective.Objective#create}.
 *   Its place in that list is the order in which it runs, draws and adds up.</li>
 *   <li>Its test: the term alone and with the others in {@code TermGradientTests} and
 *   {@code VariantGradientTests} (central differences of the reference objective, which gets the
 *   term's formula), and a behaviour test that it lowers mean code activity against the plain model.</li>
 * </ol>
 * Nothing in the network, the trainer, the checkpoint format or the job package changes; exposing the
 * block over HTTP adds its field to {@code job.TrainingSpec} and one line to {@code job.EngineSpecs}.
 */
package dev.hourglass.engine.objective;
