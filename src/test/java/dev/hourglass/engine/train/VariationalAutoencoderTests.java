package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

class VariationalAutoencoderTests {

    private static final ArchitectureSpec SPEC = new ArchitectureSpec(784, new int[] {256}, null, Activation.RELU,
            Activation.SIGMOID, false, new Variational(32, 1f, Likelihood.BERNOULLI, 1));

    @Test
    void layoutIsTorchsExampleVae() {
        // 784-256-(μ32|logvar32) → 32-256-784: fc1, fc21+fc22 as one head, fc3, fc4
        Autoencoder vae = Autoencoder.initialize(SPEC, 1);
        int[] lengths = vae.parameters().stream().mapToInt(p -> p.length).toArray();
        assertArrayEquals(new int[] {784 * 256, 256, 256 * 64, 64, 32 * 256, 256, 256 * 784, 784}, lengths);
        assertTrue(vae.isVariational());
        assertEquals(32, vae.codeDim());
        assertEquals(Activation.LINEAR, vae.layers()[1].activation());
        assertArrayEquals(new int[] {256}, SPEC.resolvedDecoder());
    }

    @Test
    void encodeGivesTheMeanAndReconstructUsesItWithoutSampling() {
        Autoencoder vae = Autoencoder.initialize(SPEC, 2);
        float[] x = uniform(1, 3 * 784, 0f, 1f);
        float[] mu = vae.encode(x, 3);
        float[] logVar = vae.encodeLogVariance(x, 3);
        assertEquals(3 * 32, mu.length);
        assertEquals(3 * 32, logVar.length);
        assertFalse(java.util.Arrays.equals(mu, logVar));
        assertArrayEquals(vae.decode(mu, 3), vae.reconstruct(x, 3), 0f);
        assertArrayEquals(vae.reconstruct(x, 3), vae.reconstruct(x, 3), 0f);
        assertTrue(vae.jacobianFrobeniusSquared(x, 3) > 0);
    }

    @Test
    void samplesAreDecodedPriorDrawsDeterministicInTheSeed() {
        Autoencoder vae = Autoencoder.initialize(SPEC, 3);
        float[] a = vae.sample(5, 11);
        assertEquals(5 * 784, a.length);
        assertArrayEquals(a, vae.sample(5, 11), 0f);
        assertNotEquals(a[0], vae.sample(5, 12)[0]);
        for (float v : a) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void deterministicModelsRefuseTheVariationalCalls() {
        Autoencoder ae = Autoencoder.initialize(new ArchitectureSpec(10, new int[] {4}, null, Activation.RELU,
                Activation.SIGMOID, false), 1);
        assertFalse(ae.isVariational());
        assertThrows(IllegalStateException.class, () -> ae.sample(1, 1));
        assertThrows(IllegalStateException.class, () -> ae.encodeLogVariance(new float[10], 1));
        assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.initialize(new ArchitectureSpec(10, new int[] {8, 4}, new int[] {8},
                Activation.RELU, Activation.SIGMOID, false, new Variational(2, 1f, Likelihood.GAUSSIAN, 1)), 1));
    }
}
