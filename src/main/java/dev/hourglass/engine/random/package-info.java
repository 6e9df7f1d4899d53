/** The engine's deterministic random source, whose whole state fits in a checkpoint. */
package dev.hourglass.engine.random;
