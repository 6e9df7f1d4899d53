package dev.hourglass.engine.optim;

/** SGD, SGD with momentum (PyTorch semantics, no dampening), Adam (β = 0.9, 0.999; ε = 1e-8; PyTorch semantics). */
public enum OptimizerKind {
    SGD, MOMENTUM, ADAM
}
