package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * The single-flight model cache: bounded by the bytes of its models; a load that fails in any way is not left
 * pending, and waiters do not wait forever.
 */
class ModelCacheTests {

    private static final UUID ID = UUID.fromString("9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10");
    private static final LoadedModel MODEL = model(ID, 4);

    private final Models models = mock(Models.class);

    /** A model of 10 inputs and one hidden layer of {@code hidden}: 2 · 10 · hidden + hidden + 10 parameters. */
    private static LoadedModel model(UUID id, int hidden) {
        return new LoadedModel(id, Autoencoder.forInference(new ArchitectureSpec(10, new int[] {hidden}, null,
                Activation.RELU, Activation.LINEAR, false)), null, null, null);
    }

    @Test
    void evictsByWhatTheModelsWeighNotByHowManyThereAre() {
        // 2 · 10 · 100 + 100 + 10 = 2,110 parameters = 8,440 bytes each: two fit in 20,000 bytes, a third does not
        UUID[] ids = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        for (UUID id : ids) {
            given(models.load(id)).willReturn(model(id, 100));
        }
        assertThat(model(ids[0], 100).parameterBytes()).isEqualTo(8_440);
        ModelCache cache = new ModelCache(models, DataSize.ofBytes(20_000), Duration.ofSeconds(30));

        cache.get(ids[0]);
        cache.get(ids[1]);
        assertThat(cache.holds(ids[0]) && cache.holds(ids[1])).as("both fit").isTrue();
        cache.get(ids[2]);

        assertThat(Stream.of(ids).filter(cache::holds).count()).as("models kept of three").isEqualTo(2);
    }

    @Test
    void aModelHeavierThanTheWholeCacheIsAnsweredAndNotKept() {
        given(models.load(ID)).willReturn(model(ID, 100));
        ModelCache cache = new ModelCache(models, DataSize.ofBytes(8_000), Duration.ofSeconds(30));

        assertThat(cache.get(ID).id()).isEqualTo(ID);

        assertThat(cache.holds(ID)).isFalse();
    }

    @Test
    void aLoadThatThrowsAnErrorIsNotLeftPendingForTheNextRequest() {
        given(models.load(ID)).willThrow(new OutOfMemoryError("Java heap space")).willReturn(MODEL);
        ModelCache cache = new ModelCache(models, DataSize.ofMegabytes(1), Duration.ofSeconds(30));

        assertThatThrownBy(() -> cache.get(ID)).isInstanceOf(OutOfMemoryError.class);
        LoadedModel loaded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cache.get(ID),
                "the failed load's entry blocks the next request");

        assertThat(loaded).isSameAs(MODEL);
        verify(models, times(2)).load(ID);
    }

    @Test
    void aWaiterGivesUpAfterTheTimeoutWhileTheLoadGoesOn() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        given(models.load(ID)).willAnswer(invocation -> {
            loading.countDown();
            release.await();
            return MODEL;
        });
        ModelCache cache = new ModelCache(models, DataSize.ofMegabytes(1), Duration.ofMillis(200));
        CompletableFuture<LoadedModel> first = CompletableFuture.supplyAsync(() -> cache.get(ID));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cache.get(ID)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.typeUri().toString()).endsWith("/model-loading");
                    assertThat(e.retryAfterSeconds()).isNotNull();
                });

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(MODEL);
        assertThat(cache.get(ID)).isSameAs(MODEL);
        verify(models, times(1)).load(ID);
    }
}
